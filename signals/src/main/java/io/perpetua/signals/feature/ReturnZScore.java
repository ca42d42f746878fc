package io.perpetua.signals.feature;

import io.perpetua.signals.MarketView;

/**
 * Cross-sectional z-score of the (optionally negated) return over a window: {@code
 * zscore_neg_ret_2h} is the z-score across the pool of {@code −(close_t / close_{t−2h} − 1)}, a
 * short-term reversal feature; {@code zscore_ret_4h} is the momentum counterpart.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReturnZScore implements CrossSectionalFeature {
  private final String name;
  private final long windowMillis;
  private final boolean negate;

  /** A feature named {@code name} over {@code windowMillis}, negated for reversal. */
  public ReturnZScore(String name, long windowMillis, boolean negate) {
    if (windowMillis <= 0) {
      throw new IllegalArgumentException(name + ": window must be positive");
    }
    this.name = name;
    this.windowMillis = windowMillis;
    this.negate = negate;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int lookbackBars(long barMillis) {
    if (windowMillis % barMillis != 0) {
      throw new IllegalArgumentException(
          name
              + ": window of "
              + windowMillis
              + " ms is not a whole number of "
              + barMillis
              + " ms bars");
    }
    return (int) (windowMillis / barMillis);
  }

  @Override
  public void compute(MarketView view, boolean[] pool, double[] scratch, double[] out) {
    int n = view.instrumentCount();
    int lag = lookbackBars(view.barMillis());
    boolean enough = view.history() > lag;
    for (int i = 0; i < n; i++) {
      double r = Double.NaN;
      if (enough && pool[i]) {
        double now = view.close(i, 0);
        double then = view.close(i, lag);
        if (now > 0 && then > 0) {
          r = now / then - 1.0;
          if (negate) {
            r = -r;
          }
        }
      }
      scratch[i] = r;
    }
    CrossSection.zscore(scratch, pool, n, out);
  }
}
