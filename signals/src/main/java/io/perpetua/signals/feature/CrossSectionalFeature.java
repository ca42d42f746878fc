package io.perpetua.signals.feature;

import io.perpetua.signals.MarketView;

/**
 * A feature computed for every instrument of a time slice, e.g. {@code zscore_neg_ret_2h}.
 * Implementations are immutable and thread-safe; {@link #compute} allocates nothing.
 */
public interface CrossSectionalFeature {
  /** The feature name. */
  String name();

  /** How many closed bars {@link #compute} reads back, for a bar interval of {@code barMillis}. */
  int lookbackBars(long barMillis);

  /**
   * Writes the feature of each instrument into {@code out[0..n)}; NaN where it cannot be computed
   * or where {@code pool[i]} is false.
   */
  void compute(MarketView view, boolean[] pool, double[] scratch, double[] out);
}
