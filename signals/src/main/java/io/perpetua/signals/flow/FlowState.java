package io.perpetua.signals.flow;

import io.perpetua.core.FixedPoint;
import io.perpetua.core.InstrumentId;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.BookImbalance;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.Liquidation;
import io.perpetua.market.tick.MarkPriceUpdate;
import io.perpetua.market.tick.OpenInterestUpdate;
import io.perpetua.market.tick.PositionRatios;
import io.perpetua.market.tick.SpotPerpDivergence;

/**
 * The rolling order-flow state of one symbol (spec §2): taker buy/sell volume, CVD and VWAP over
 * every {@link FlowWindow}; ATR(5 m, 14, Wilder) and its 24 h percentile; 24 h P95/P99 trade
 * quantity; recent (15 min) large trades by direction, whale flow and the largest large trade per
 * side; 5 min liquidations; and the latest positioning, open interest, funding, book imbalance and
 * spot–perp samples.
 *
 * <p>Costs: a trade is O(windows) plus O(1) histogram and ATR updates; the P95/P99 thresholds are
 * refreshed once per time bucket (O(histogram bins)), so a trade is classified as large against the
 * P99 known at the start of its bucket. Sums are exact integers of the quantised trade values
 * ({@link SymbolFlowConfig#quantityScale()}, {@link SymbolFlowConfig#notionalScale()}), so they
 * never drift. Memory is fixed at construction (about 5 MB per symbol for 24 h at 1 s buckets)
 * whatever the trade rate. Times must not go backwards by more than a bucket (late trades count in
 * the current bucket).
 *
 * <p>Not thread-safe: one owner thread per symbol.
 */
public final class FlowState {
  private static final int BUY_QTY = 0;
  private static final int SELL_QTY = 1;
  private static final int BUY_NOTIONAL = 2;
  private static final int SELL_NOTIONAL = 3;
  private static final int LARGE_BUY = 0;
  private static final int LARGE_SELL = 1;
  private static final int WHALE_BUY = 2;
  private static final int WHALE_SELL = 3;
  private static final int LIQ_LONG = 4;
  private static final int LIQ_SHORT = 5;
  private static final int RECENT = 0;
  private static final int LIQ_WINDOW = 1;
  private static final int OI_CAPACITY = 512;

  private final SymbolFlowConfig config;
  private final double qtyUnit;
  private final double notionalUnit;
  private final WindowedSums trades;
  private final WindowedSums recent;
  private final SlidingMax maxBuy;
  private final SlidingMax maxSell;
  private final SlidingLogHistogram sizes;
  private final AtrTracker atr;
  private final long[] oiTimes = new long[OI_CAPACITY];
  private final double[] oiValues = new double[OI_CAPACITY];
  private int oiCount;
  private int oiHead;
  private long nowMs = Long.MIN_VALUE;
  private long firstTradeMs = Long.MIN_VALUE;
  private long tradeCount;
  private double lastPrice = Double.NaN;
  private long thresholdBucket = Long.MIN_VALUE;
  private double p95;
  private double p99;
  private final double[] quantiles = new double[2];
  private double longShortRatio = Double.NaN;
  private double topLongShare = Double.NaN;
  private long ratiosMs;
  private double fundingRate = Double.NaN;
  private double markPrice = Double.NaN;
  private long markMs;
  private double maxAbsFundingSeen = Double.NaN;
  private double maxAbsFundingCached = Double.NaN;
  private long fundingCacheMs = Long.MIN_VALUE;
  private double imbalance = Double.NaN;
  private long imbalanceMs;
  private double spotPerp = Double.NaN;
  private long spotPerpMs;

  /** An empty state. */
  public FlowState(SymbolFlowConfig config) {
    this.config = config;
    this.qtyUnit = FixedPoint.pow10(config.quantityScale());
    this.notionalUnit = FixedPoint.pow10(config.notionalScale());
    long[] windows = new long[FlowWindow.values().length];
    for (FlowWindow w : FlowWindow.values()) {
      windows[w.ordinal()] = w.millis();
    }
    this.trades = new WindowedSums(config.bucketMs(), 4, windows);
    this.recent =
        new WindowedSums(
            config.bucketMs(), 6, config.recentWindowMs(), config.liquidationWindowMs());
    this.maxBuy = new SlidingMax(config.recentWindowMs(), 1 << 14);
    this.maxSell = new SlidingMax(config.recentWindowMs(), 1 << 14);
    this.sizes =
        new SlidingLogHistogram(
            FlowWindow.H24.millis(),
            SymbolFlowConfig.ATR_CANDLE_MS,
            config.histogramMin(),
            config.histogramMax(),
            config.histogramResolution());
    this.atr =
        new AtrTracker(
            SymbolFlowConfig.ATR_CANDLE_MS,
            SymbolFlowConfig.ATR_PERIOD,
            SymbolFlowConfig.ATR_HISTORY);
    this.p95 = config.floorP95();
    this.p99 = config.floorP99();
  }

  /** The configuration. */
  public SymbolFlowConfig config() {
    return config;
  }

  /** The instrument. */
  public InstrumentId instrument() {
    return config.instrument();
  }

  /** Applies one tick of this symbol. */
  public void onTick(FlowTick tick) {
    switch (tick) {
      case AggTrade t -> onTrade(t);
      case MarkPriceUpdate m -> onMark(m);
      case OpenInterestUpdate o -> onOpenInterest(o.timeMs(), o.openInterest());
      case PositionRatios r -> {
        longShortRatio = r.longShortRatio();
        topLongShare = r.topTraderLongShare();
        ratiosMs = r.timeMs();
      }
      case Liquidation l -> {
        advanceTo(l.timeMs());
        long usd = Math.round(l.notional() * notionalUnit);
        recent.add(nowMs, l.shortLiquidated() ? LIQ_SHORT : LIQ_LONG, usd);
      }
      case BookImbalance b -> {
        imbalance = b.imbalance();
        imbalanceMs = b.timeMs();
      }
      case SpotPerpDivergence s -> {
        spotPerp = s.divergence();
        spotPerpMs = s.timeMs();
      }
    }
  }

  /** Applies one aggregated trade. */
  public void onTrade(AggTrade t) {
    onTrade(t.timeMs(), t.price(), t.quantity(), t.takerBuy());
  }

  /**
   * Applies one trade given as primitives (allocation-free; a replay loop may call it directly).
   */
  public void onTrade(long timeMs, double price, double qty, boolean buy) {
    advanceTo(timeMs);
    long time = nowMs;
    if (firstTradeMs == Long.MIN_VALUE) {
      firstTradeMs = time;
    }
    tradeCount++;
    lastPrice = price;
    long bucket = Math.floorDiv(time, config.bucketMs());
    if (bucket != thresholdBucket) {
      refreshThresholds();
      thresholdBucket = bucket;
    }
    double notional = price * qty;
    long qtyRaw = Math.round(qty * qtyUnit);
    long notionalRaw = Math.round(notional * notionalUnit);
    trades.add(time, buy ? BUY_QTY : SELL_QTY, qtyRaw);
    trades.add(time, buy ? BUY_NOTIONAL : SELL_NOTIONAL, notionalRaw);
    sizes.add(time, qty);
    atr.add(time, price);
    if (qty >= p99) {
      recent.add(time, buy ? LARGE_BUY : LARGE_SELL, qtyRaw);
      (buy ? maxBuy : maxSell).add(time, notional);
    }
    if (notional >= config.whaleFlowMinUsd()) {
      recent.add(time, buy ? WHALE_BUY : WHALE_SELL, notionalRaw);
    }
  }

  private void onMark(MarkPriceUpdate m) {
    markPrice = m.markPrice();
    markMs = m.timeMs();
    fundingRate = m.fundingRate();
    double abs = Math.abs(m.fundingRate());
    if (Double.isNaN(maxAbsFundingSeen) || abs > maxAbsFundingSeen) {
      maxAbsFundingSeen = abs;
    }
    if (fundingCacheMs == Long.MIN_VALUE || m.timeMs() >= fundingCacheMs + 3_600_000L) {
      maxAbsFundingCached = maxAbsFundingSeen;
      fundingCacheMs = m.timeMs();
    }
  }

  /** Seeds the historical maximum absolute funding rate (e.g. from stored funding history). */
  public void seedMaxAbsFunding(double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException("max |funding| must be non-negative: " + value);
    }
    maxAbsFundingSeen =
        Double.isNaN(maxAbsFundingSeen) ? value : Math.max(value, maxAbsFundingSeen);
    maxAbsFundingCached = maxAbsFundingSeen;
  }

  private void onOpenInterest(long timeMs, double value) {
    int i = (oiHead + oiCount) % OI_CAPACITY;
    if (oiCount == OI_CAPACITY) {
      oiHead = (oiHead + 1) % OI_CAPACITY;
      i = (oiHead + oiCount - 1) % OI_CAPACITY;
    } else {
      oiCount++;
    }
    oiTimes[i] = timeMs;
    oiValues[i] = value;
  }

  private void refreshThresholds() {
    if (sizes.count() >= config.minTradesForPercentiles()) {
      sizes.quantiles(0.95, 0.99, quantiles);
      p95 = Math.max(config.floorP95(), quantiles[0]);
      p99 = Math.max(config.floorP99(), quantiles[1]);
    } else {
      p95 = config.floorP95();
      p99 = config.floorP99();
    }
    if (p99 <= 0) {
      p99 = Double.POSITIVE_INFINITY; // no floor and no data yet: nothing counts as large
    }
  }

  /** Moves every window to {@code timeMs} (never backwards). */
  public void advanceTo(long timeMs) {
    if (timeMs > nowMs) {
      nowMs = timeMs;
      trades.advanceTo(timeMs);
      recent.advanceTo(timeMs);
      sizes.advanceTo(timeMs);
      atr.advanceTo(timeMs);
    }
  }

  /** True when the state has {@code warmupMs} of trade history and a defined ATR. */
  public boolean isWarm() {
    return firstTradeMs != Long.MIN_VALUE
        && nowMs - firstTradeMs >= config.warmupMs()
        && !Double.isNaN(atr.atr());
  }

  /** Trades applied so far. */
  public long tradeCount() {
    return tradeCount;
  }

  /** The last trade price (NaN before the first trade). */
  public double lastPrice() {
    return lastPrice;
  }

  /** The latest time seen, epoch ms. */
  public long nowMs() {
    return nowMs;
  }

  /** Taker-buy quantity over {@code w}. */
  public double buyVolume(FlowWindow w) {
    return trades.sum(w.ordinal(), BUY_QTY) / qtyUnit;
  }

  /** Taker-sell quantity over {@code w}. */
  public double sellVolume(FlowWindow w) {
    return trades.sum(w.ordinal(), SELL_QTY) / qtyUnit;
  }

  /** CVD = taker buy − taker sell quantity over {@code w}, from exact integer sums. */
  public double cvd(FlowWindow w) {
    return (trades.sum(w.ordinal(), BUY_QTY) - trades.sum(w.ordinal(), SELL_QTY)) / qtyUnit;
  }

  /** The exact CVD over {@code w} in quantity units of {@code 10^-quantityScale}. */
  public long cvdRaw(FlowWindow w) {
    return trades.sum(w.ordinal(), BUY_QTY) - trades.sum(w.ordinal(), SELL_QTY);
  }

  /** VWAP = Σpq/Σq over {@code w}, NaN without trades. */
  public double vwap(FlowWindow w) {
    int i = w.ordinal();
    long q = trades.sum(i, BUY_QTY) + trades.sum(i, SELL_QTY);
    if (q == 0) {
      return Double.NaN;
    }
    double n = (trades.sum(i, BUY_NOTIONAL) + (double) trades.sum(i, SELL_NOTIONAL)) / notionalUnit;
    return n / (q / qtyUnit);
  }

  /** ATR (NaN until 14 candles completed). */
  public double atr() {
    return atr.atr();
  }

  /** ATR percentile among the last 24 h of ATR values (pure read). */
  public double atrPercentile() {
    return atr.percentile();
  }

  /** The current P95 threshold (floors/defaults applied). */
  public double p95() {
    return p95;
  }

  /** The current P99 threshold (floors/defaults applied). */
  public double p99() {
    return p99;
  }

  /** Whale-flow ratio over the recent window, NaN without whale trades. */
  public double whaleCvdRatio() {
    double b = recent.sum(RECENT, WHALE_BUY);
    double s = recent.sum(RECENT, WHALE_SELL);
    return b + s > 0 ? (b - s) / (b + s) : Double.NaN;
  }

  /**
   * The inputs of an evaluation at the current time over the given windows, with the strategy's CVD
   * momentum.
   */
  public FlowInputs inputs(FlowWindow fast, FlowWindow slow, double slope, double acceleration) {
    long now = nowMs;
    return new FlowInputs(
        now,
        lastPrice,
        atr.atr(),
        atr.percentile(),
        cvd(fast),
        cvd(slow),
        slope,
        acceleration,
        vwap(fast),
        vwap(slow),
        p95,
        p99,
        recent.sum(RECENT, LARGE_BUY) / qtyUnit,
        recent.sum(RECENT, LARGE_SELL) / qtyUnit,
        recent.sum(RECENT, WHALE_BUY) / notionalUnit,
        recent.sum(RECENT, WHALE_SELL) / notionalUnit,
        maxBuy.max(now),
        maxSell.max(now),
        fresh(ratiosMs, longShortRatio, config.slowInputStaleMs()),
        fresh(ratiosMs, topLongShare, config.slowInputStaleMs()),
        oiChange(),
        fresh(markMs, fundingRate, config.slowInputStaleMs()),
        maxAbsFundingCached,
        recent.sum(LIQ_WINDOW, LIQ_LONG) / notionalUnit,
        recent.sum(LIQ_WINDOW, LIQ_SHORT) / notionalUnit,
        fresh(imbalanceMs, imbalance, config.fastInputStaleMs()),
        fresh(spotPerpMs, spotPerp, config.fastInputStaleMs()),
        fresh(spotPerpMs, spotPerp, config.fastInputStaleMs()));
  }

  /** The latest mark price (NaN if none or stale). */
  public double markPrice() {
    return fresh(markMs, markPrice, config.fastInputStaleMs());
  }

  private double fresh(long sampleMs, double value, long staleMs) {
    return Double.isNaN(value) || nowMs - sampleMs > staleMs ? Double.NaN : value;
  }

  /** Relative OI change from the newest sample at least the look-back older than the latest. */
  double oiChange() {
    if (oiCount < 2) {
      return Double.NaN;
    }
    int last = (oiHead + oiCount - 1) % OI_CAPACITY;
    if (nowMs - oiTimes[last] > config.slowInputStaleMs()) {
      return Double.NaN;
    }
    long cutoff = oiTimes[last] - config.oiChangeLookbackMs();
    for (int k = oiCount - 2; k >= 0; k--) {
      int i = (oiHead + k) % OI_CAPACITY;
      if (oiTimes[i] <= cutoff) {
        return oiValues[last] / oiValues[i] - 1;
      }
    }
    return Double.NaN;
  }
}
