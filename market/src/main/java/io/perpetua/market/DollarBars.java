package io.perpetua.market;

import java.util.Arrays;

/**
 * Builds dollar bars from time bars: consecutive time bars are merged until their USDT (quote)
 * volume reaches a threshold, so each dollar bar carries about the same traded value — sampling by
 * activity rather than by clock (López de Prado, ch. 2). Built from time bars, a dollar bar can
 * only close on a time-bar boundary; a time bar is never split.
 *
 * <p>The resulting series is stamped at the open time of the <em>last</em> time bar it contains, so
 * its close becomes known when that time bar closes, exactly as the source data would reveal it: no
 * look-ahead. The series keeps the source timeframe as its nominal interval (its bars are
 * irregular). Stateless.
 */
public final class DollarBars {
  private DollarBars() {}

  /**
   * The default threshold for {@code series}: the median daily quote volume divided by {@code
   * barsPerDay}, so a typical day yields about that many dollar bars.
   */
  public static double thresholdFor(BarSeries series, int barsPerDay) {
    if (barsPerDay < 1) {
      throw new IllegalArgumentException("barsPerDay must be >= 1");
    }
    long day = 86_400_000L;
    int n = series.size();
    if (n == 0) {
      return Double.NaN;
    }
    double[] daily =
        new double[(int) ((series.lastOpenTimeMs() - series.firstOpenTimeMs()) / day) + 1];
    for (int i = 0; i < n; i++) {
      daily[(int) ((series.openTimeMs(i) - series.firstOpenTimeMs()) / day)] +=
          series.quoteVolume(i);
    }
    double[] positive = Arrays.stream(daily).filter(v -> v > 0).sorted().toArray();
    return positive.length == 0 ? Double.NaN : positive[positive.length / 2] / barsPerDay;
  }

  /** Aggregates {@code series} into dollar bars of at least {@code threshold} USDT each. */
  public static BarSeries build(BarSeries series, double threshold) {
    if (!(threshold > 0)) {
      throw new IllegalArgumentException("dollar bar threshold must be positive, was " + threshold);
    }
    BarSeries.Builder out = BarSeries.builder(series.instrument(), series.timeframe());
    double open = 0;
    double high = 0;
    double low = 0;
    double volume = 0;
    double quote = 0;
    boolean started = false;
    for (int i = 0; i < series.size(); i++) {
      if (!started) {
        open = series.open(i);
        high = series.high(i);
        low = series.low(i);
        volume = 0;
        quote = 0;
        started = true;
      }
      high = Math.max(high, series.high(i));
      low = Math.min(low, series.low(i));
      volume += series.volume(i);
      quote += series.quoteVolume(i);
      if (quote >= threshold) {
        out.add(series.openTimeMs(i), open, high, low, series.close(i), volume, quote);
        started = false;
      }
    }
    return out.build();
  }
}
