package io.perpetua.signals.flow;

import io.perpetua.core.InstrumentId;

/**
 * Configuration of one symbol's rolling order-flow state (spec §2). Every number is a default in
 * configuration, never a literal in the scoring code.
 *
 * <p>Immutable.
 *
 * @param instrument the instrument
 * @param bucketMs time-bucket width of the trade windows (window edges are quantised to it)
 * @param quantityScale decimals kept when accumulating quantities (exact integer sums)
 * @param notionalScale decimals kept when accumulating notional
 * @param recentWindowMs window of recent large trades and whale flow (15 min)
 * @param liquidationWindowMs window of liquidation sums (5 min)
 * @param minTradesForPercentiles trades needed in 24 h before P95/P99 are used (100)
 * @param floorP95 the P95 quantity floor (also the default before enough trades)
 * @param floorP99 the P99 quantity floor (also the default before enough trades)
 * @param whaleFlowMinUsd the notional at which a trade counts in the whale flow ($100k)
 * @param histogramMin the smallest quantity resolved by the percentile histogram
 * @param histogramMax the largest quantity resolved by the percentile histogram
 * @param histogramResolution relative bin width of the percentile histogram
 * @param oiChangeLookbackMs look-back of the open-interest change (1 h)
 * @param fastInputStaleMs age after which book imbalance, mark and spot samples count as missing
 * @param slowInputStaleMs age after which open interest and ratios count as missing
 * @param warmupMs trade history needed before any signal (24 h)
 */
public record SymbolFlowConfig(
    InstrumentId instrument,
    long bucketMs,
    int quantityScale,
    int notionalScale,
    long recentWindowMs,
    long liquidationWindowMs,
    int minTradesForPercentiles,
    double floorP95,
    double floorP99,
    double whaleFlowMinUsd,
    double histogramMin,
    double histogramMax,
    double histogramResolution,
    long oiChangeLookbackMs,
    long fastInputStaleMs,
    long slowInputStaleMs,
    long warmupMs) {

  /** ATR candle width: 5 minutes. */
  public static final long ATR_CANDLE_MS = 300_000L;

  /** ATR smoothing period. */
  public static final int ATR_PERIOD = 14;

  /** ATR values kept for the percentile: 24 h of 5-minute candles. */
  public static final int ATR_HISTORY = 288;

  /** Validates the fields. */
  public SymbolFlowConfig {
    if (instrument == null) {
      throw new IllegalArgumentException("instrument is required");
    }
    if (bucketMs <= 0 || FlowWindow.M5.millis() % bucketMs != 0) {
      throw new IllegalArgumentException("bucketMs must divide 5 minutes: " + bucketMs);
    }
    if (recentWindowMs % bucketMs != 0 || liquidationWindowMs % bucketMs != 0) {
      throw new IllegalArgumentException(
          "recent/liquidation windows must be multiples of bucketMs");
    }
    if (quantityScale < 0 || quantityScale > 10 || notionalScale < 0 || notionalScale > 8) {
      throw new IllegalArgumentException("quantityScale 0–10 and notionalScale 0–8 required");
    }
    if (floorP95 < 0 || floorP99 < floorP95 || whaleFlowMinUsd <= 0 || warmupMs < 0) {
      throw new IllegalArgumentException("need 0 ≤ floorP95 ≤ floorP99, whaleFlowMinUsd > 0");
    }
  }

  /**
   * The defaults for a symbol: 1 s buckets, 24 h warm-up, $100k whale flow, and large-trade floors
   * for BTC (P95 ≥ 5, P99 ≥ 10), ETH (50/100), SOL (500/1000) and XRP (100k/200k); other symbols
   * have no floor.
   */
  public static SymbolFlowConfig defaults(InstrumentId instrument) {
    double[] floors =
        switch (instrument.venueSymbol()) {
          case "BTCUSDT" -> new double[] {5, 10};
          case "ETHUSDT" -> new double[] {50, 100};
          case "SOLUSDT" -> new double[] {500, 1000};
          case "XRPUSDT" -> new double[] {100_000, 200_000};
          default -> new double[] {0, 0};
        };
    return new SymbolFlowConfig(
        instrument,
        1000,
        6,
        4,
        900_000,
        300_000,
        100,
        floors[0],
        floors[1],
        100_000,
        1e-6,
        1e9,
        0.025,
        3_600_000,
        30_000,
        900_000,
        FlowWindow.H24.millis());
  }

  /** A copy with another warm-up length (e.g. for a short replay). */
  public SymbolFlowConfig withWarmupMs(long value) {
    return new SymbolFlowConfig(
        instrument,
        bucketMs,
        quantityScale,
        notionalScale,
        recentWindowMs,
        liquidationWindowMs,
        minTradesForPercentiles,
        floorP95,
        floorP99,
        whaleFlowMinUsd,
        histogramMin,
        histogramMax,
        histogramResolution,
        oiChangeLookbackMs,
        fastInputStaleMs,
        slowInputStaleMs,
        value);
  }

  /** A copy with other large-trade floors. */
  public SymbolFlowConfig withFloors(double p95, double p99) {
    return new SymbolFlowConfig(
        instrument,
        bucketMs,
        quantityScale,
        notionalScale,
        recentWindowMs,
        liquidationWindowMs,
        minTradesForPercentiles,
        p95,
        p99,
        whaleFlowMinUsd,
        histogramMin,
        histogramMax,
        histogramResolution,
        oiChangeLookbackMs,
        fastInputStaleMs,
        slowInputStaleMs,
        warmupMs);
  }
}
