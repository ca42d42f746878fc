package io.perpetua.trading.allocation;

/**
 * The market's recent volatility against its longer-run level, for the volatility trigger.
 *
 * @param shortVol volatility over the short window (NaN: unknown)
 * @param longVol volatility over the long window (NaN: unknown)
 */
public record MarketVol(double shortVol, double longVol) {
  /** Unknown (the trigger does not fire). */
  public static final MarketVol UNKNOWN = new MarketVol(Double.NaN, Double.NaN);

  /** The standard deviations of the last {@code shortN} and {@code longN} of {@code returns}. */
  public static MarketVol of(double[] returns, int shortN, int longN) {
    if (returns.length < Math.max(shortN, 2) || shortN < 2 || longN < shortN) {
      return UNKNOWN;
    }
    int longFrom = Math.max(0, returns.length - longN);
    return new MarketVol(
        Rewards.sd(java.util.Arrays.copyOfRange(returns, returns.length - shortN, returns.length)),
        Rewards.sd(java.util.Arrays.copyOfRange(returns, longFrom, returns.length)));
  }

  /** Short over long volatility (NaN when unknown). */
  public double ratio() {
    return longVol > 0 ? shortVol / longVol : Double.NaN;
  }
}
