package io.perpetua.signals.feature.flow;

import io.perpetua.signals.MarketView;

/**
 * The taker-side split of bar volumes, per instrument and bar, from the best source the data has:
 * measured taker-buy volume ({@link MarketView#takerBuyQuoteVolume}, from ticks or the 12-column
 * kline), else bulk volume classification over the window's returns. Stateless and thread-safe.
 */
public final class TakerFlow {
  private TakerFlow() {}

  /**
   * Sums of one instrument's window: {@code volume} (quote), {@code imbalance} = Σ(buy − sell) and
   * {@code absImbalance} = Σ|buy − sell| over the bars, and the weakest source used.
   */
  public record Window(double volume, double imbalance, double absImbalance, TakerSource source) {
    static final Window EMPTY = new Window(0, 0, 0, TakerSource.NONE);
  }

  /**
   * The split of instrument {@code i}'s volume over its latest {@code bars} bars (clipped to the
   * history). Bars with measured taker volume use it; the others are classified in bulk by {@code
   * Φ(r / σ)} where {@code r} is the bar's log return and {@code σ} the sample standard deviation
   * of the window's bar returns. A window without volume, or one that needs the estimate but has
   * fewer than two returns (or zero deviation and no measured bar), has source {@link
   * TakerSource#NONE}.
   */
  public static Window window(MarketView view, int i, int bars) {
    int k = Math.min(bars, view.history() - 1); // each bar needs the close before it for r
    if (k < 1) {
      return Window.EMPTY;
    }
    double sigma = returnDeviation(view, i, k);
    double volume = 0;
    double imbalance = 0;
    double abs = 0;
    TakerSource source = TakerSource.TICKS;
    boolean any = false;
    for (int b = 0; b < k; b++) {
      double v = view.quoteVolume(i, b);
      if (!(v > 0)) {
        continue;
      }
      double buy = view.takerBuyQuoteVolume(i, b);
      double share;
      TakerSource s;
      if (buy >= 0 && buy <= v * (1 + 1e-9)) {
        share = Math.min(1.0, buy / v);
        s = view.takerSource(i, b);
      } else {
        double r = logReturn(view, i, b);
        if (Double.isNaN(r) || !(sigma > 0)) {
          continue;
        }
        share = Normal.cdf(r / sigma);
        s = TakerSource.BVC;
      }
      double d = (2 * share - 1) * v;
      volume += v;
      imbalance += d;
      abs += Math.abs(d);
      source = source.weakest(s);
      any = true;
    }
    return any ? new Window(volume, imbalance, abs, source) : Window.EMPTY;
  }

  private static double logReturn(MarketView view, int i, int barsAgo) {
    double now = view.close(i, barsAgo);
    double before = view.close(i, barsAgo + 1);
    return now > 0 && before > 0 ? Math.log(now / before) : Double.NaN;
  }

  /** Sample standard deviation of the window's bar log returns; NaN with fewer than two. */
  static double returnDeviation(MarketView view, int i, int bars) {
    int count = 0;
    double mean = 0;
    double m2 = 0;
    for (int b = 0; b < bars; b++) {
      double r = logReturn(view, i, b);
      if (Double.isNaN(r)) {
        continue;
      }
      count++;
      double d = r - mean;
      mean += d / count;
      m2 += d * (r - mean);
    }
    return count < 2 ? Double.NaN : Math.sqrt(m2 / (count - 1));
  }
}
