package io.perpetua.market;

/**
 * The validity rules of a core {@link io.perpetua.core.Bar} as an allocation-free check, for loops
 * that must not throw per bar: positive prices, {@code low <= open, close <= high}, non-negative
 * volumes (NaN fails every rule).
 *
 * <p>Stateless and thread-safe.
 */
public final class BarChecks {
  private BarChecks() {}

  /**
   * Why the values do not form a valid bar, or {@code null} when they do. Only the failure path
   * allocates (the message).
   */
  public static String violation(
      double open, double high, double low, double close, double volume, double quoteVolume) {
    if (!(open > 0 && high > 0 && low > 0 && close > 0)) {
      return "bar prices must be positive";
    }
    if (low > high || open > high || close > high || open < low || close < low) {
      return "bar prices inconsistent: open="
          + open
          + " high="
          + high
          + " low="
          + low
          + " close="
          + close;
    }
    if (!(volume >= 0) || !(quoteVolume >= 0)) {
      return "bar volumes must be non-negative";
    }
    if (Double.isInfinite(high) || Double.isInfinite(volume) || Double.isInfinite(quoteVolume)) {
      return "bar values must be finite";
    }
    return null;
  }

  /** Whether the values form a valid bar. */
  public static boolean isValid(
      double open, double high, double low, double close, double volume, double quoteVolume) {
    return violation(open, high, low, close, volume, quoteVolume) == null;
  }
}
