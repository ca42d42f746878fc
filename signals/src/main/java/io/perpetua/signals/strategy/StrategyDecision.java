package io.perpetua.signals.strategy;

/**
 * A cross-sectional decision: a signal value and a target weight per instrument (dense indices).
 * Signals are NaN where none was computed; weights are signed fractions of equity (0 = flat).
 *
 * <p>The arrays are owned by the decision once returned and must not be modified.
 *
 * @param timeMs decision time
 * @param signal combined signal per instrument
 * @param weights target weight per instrument
 * @param poolSize size of the pool the decision used
 * @param minTradeFraction smallest position change worth trading, as a fraction of equity (0: any
 *     change above the venue minimum); a no-trade band against drift-only rebalancing
 */
public record StrategyDecision(
    long timeMs, double[] signal, double[] weights, int poolSize, double minTradeFraction) {

  /** A decision that trades any change. */
  public StrategyDecision(long timeMs, double[] signal, double[] weights, int poolSize) {
    this(timeMs, signal, weights, poolSize, 0.0);
  }

  /** Instruments with a non-NaN signal. */
  public int signalCount() {
    int c = 0;
    for (double s : signal) {
      if (!Double.isNaN(s)) {
        c++;
      }
    }
    return c;
  }

  /** Instruments with a positive (long) target weight. */
  public int longCount() {
    int c = 0;
    for (double w : weights) {
      if (w > 0) {
        c++;
      }
    }
    return c;
  }

  /** Instruments with a negative (short) target weight. */
  public int shortCount() {
    int c = 0;
    for (double w : weights) {
      if (w < 0) {
        c++;
      }
    }
    return c;
  }
}
