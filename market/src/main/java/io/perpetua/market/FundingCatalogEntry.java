package io.perpetua.market;

import io.perpetua.core.InstrumentId;

/**
 * What the {@link FundingCatalog} holds for one venue and instrument.
 *
 * <p>Immutable.
 *
 * @param venue the venue code, e.g. {@code binance}
 * @param instrument the perpetual
 * @param count number of settlements stored
 * @param firstTimeMs time of the first settlement (0 when there are none)
 * @param lastTimeMs time of the last settlement (0 when there are none)
 */
public record FundingCatalogEntry(
    String venue, InstrumentId instrument, int count, long firstTimeMs, long lastTimeMs) {}
