/**
 * Market data: columnar bar and funding series ({@link io.perpetua.market.BarSeries}, {@link
 * io.perpetua.market.FundingSeries}), the on-disk catalogs ({@link io.perpetua.market.BarCatalog},
 * {@link io.perpetua.market.FundingCatalog}), gap detection and the cross-sectional panel the
 * trading kernel iterates ({@link io.perpetua.market.AlignedBars}).
 *
 * <p>Sub-packages: {@code csv} (Binance kline and funding CSV readers), {@code importer} (file and
 * directory imports into the catalogs), {@code synthetic} (a seeded synthetic market) and {@code
 * replay} (time-ordered replay of bars and funding settlements). Dependencies point from the
 * sub-packages to this one, never back.
 */
package io.perpetua.market;
