package io.perpetua.analytics.portfolio;

/**
 * Counts and averages over a position-deviation check: each symbol is counted under exactly one
 * status, so {@code matched + warning + missing + extra = totalSymbols}. Immutable.
 *
 * @param totalSymbols symbols with a non-zero target or a non-zero actual weight
 * @param matched symbols with both a target and a position within 10 % of it ({@code acceptable})
 * @param warning symbols with both, |deviation %| ≥ 10
 * @param missing symbols with a target and no position
 * @param extra symbols with a position and no target
 * @param avgDeviationPct mean of |deviation %| over the symbols with a target (matched + warning +
 *     missing); {@code NaN} when none has one
 * @param maxDeviationPct largest |deviation %| over the same symbols; {@code NaN} when none
 */
public record DeviationSummary(
    int totalSymbols,
    int matched,
    int warning,
    int missing,
    int extra,
    double avgDeviationPct,
    double maxDeviationPct) {
  /** Validates that the counts add up. */
  public DeviationSummary {
    if (matched < 0 || warning < 0 || missing < 0 || extra < 0) {
      throw new IllegalArgumentException("counts must be non-negative");
    }
    if (totalSymbols != matched + warning + missing + extra) {
      throw new IllegalArgumentException(
          "totalSymbols " + totalSymbols + " != matched + warning + missing + extra");
    }
  }
}
