package io.perpetua.signals.flow;

/**
 * Average true range from trade prices: candles of {@code candleMs} (5 min by default), Wilder
 * smoothing over {@code period} (14) completed candles — the first value is the mean of the first
 * {@code period} true ranges, then {@code atr = (atr·(n−1) + tr)/n}. The first candle's true range
 * is its high − low. A candle period without trades is a flat candle at the previous close (true
 * range 0). The last {@code history} ATR values (288 = 24 h) are kept for {@link #percentile()}.
 *
 * <p>O(1) per trade (plus O(1) per elapsed candle). Not thread-safe; allocation-free after
 * construction.
 */
public final class AtrTracker {
  private final long candleMs;
  private final int period;
  private final double[] history;
  private int historyCount;
  private int historyHead;
  private long candle = Long.MIN_VALUE;
  private double open;
  private double high;
  private double low;
  private double close;
  private double prevClose = Double.NaN;
  private int trueRanges;
  private double trSum;
  private double atr = Double.NaN;
  private long completedCandles;

  /** A tracker over candles of {@code candleMs}, smoothing {@code period}, {@code history} kept. */
  public AtrTracker(long candleMs, int period, int history) {
    if (candleMs <= 0 || period <= 0 || history <= 0) {
      throw new IllegalArgumentException("candleMs, period and history must be positive");
    }
    this.candleMs = candleMs;
    this.period = period;
    this.history = new double[history];
  }

  /** Adds a trade price. Candles before the current one are closed first. */
  public void add(long timeMs, double price) {
    advanceTo(timeMs);
    if (candle == Long.MIN_VALUE) {
      candle = Math.floorDiv(timeMs, candleMs);
      open = high = low = close = price;
      return;
    }
    if (Double.isNaN(open)) {
      open = high = low = close = price;
      return;
    }
    high = Math.max(high, price);
    low = Math.min(low, price);
    close = price;
  }

  /** Closes every candle that ended at or before {@code timeMs}. */
  public void advanceTo(long timeMs) {
    if (candle == Long.MIN_VALUE) {
      return;
    }
    long c = Math.floorDiv(timeMs, candleMs);
    long guard = 0;
    while (candle < c) {
      completeCandle();
      candle++;
      if (++guard > history.length + period + 1L) {
        // a long silence: further flat candles only decay the ATR; jump ahead
        candle = c;
      }
    }
  }

  private void completeCandle() {
    double o = open;
    double h = high;
    double l = low;
    double cl = close;
    if (Double.isNaN(o)) { // flat candle at the previous close
      h = l = cl = prevClose;
    }
    double tr =
        Double.isNaN(prevClose)
            ? h - l
            : Math.max(h - l, Math.max(Math.abs(h - prevClose), Math.abs(l - prevClose)));
    prevClose = cl;
    completedCandles++;
    if (trueRanges < period) {
      trSum += tr;
      trueRanges++;
      if (trueRanges == period) {
        atr = trSum / period;
        record(atr);
      }
    } else {
      atr = (atr * (period - 1) + tr) / period;
      record(atr);
    }
    open = high = low = close = Double.NaN;
  }

  private void record(double value) {
    history[(historyHead + historyCount) % history.length] = value;
    if (historyCount < history.length) {
      historyCount++;
    } else {
      historyHead = (historyHead + 1) % history.length;
    }
  }

  /** The ATR of the completed candles, NaN until {@code period} candles completed. */
  public double atr() {
    return atr;
  }

  /** Completed candles so far. */
  public long completedCandles() {
    return completedCandles;
  }

  /**
   * The percentile rank (0–100) of the current ATR among the kept ATR values (including itself):
   * {@code 100 × #(values ≤ current) / #values}; NaN before the first ATR. A pure read.
   */
  public double percentile() {
    if (historyCount == 0) {
      return Double.NaN;
    }
    int le = 0;
    for (int k = 0; k < historyCount; k++) {
      if (history[(historyHead + k) % history.length] <= atr) {
        le++;
      }
    }
    return 100.0 * le / historyCount;
  }
}
