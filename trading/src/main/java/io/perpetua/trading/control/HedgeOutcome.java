package io.perpetua.trading.control;

import java.math.BigDecimal;
import java.util.List;

/**
 * Spec 001 {@code HedgeExecutionResult}: the legs that (would have) traded, and the legs that
 * failed (rejected, cancelled or timed out; their remainder went to the next cheapest account).
 *
 * @param success true when the whole quantity was traded (or planned, in a dry run)
 * @param executed legs with a fill (or planned legs, in a dry run)
 * @param failed legs that did not fill completely
 * @param totalCost Σ filled × price + fees
 * @param executionTime milliseconds
 * @param netDeltaChange signed change of the net delta
 * @param slippage quantity-weighted |price − mid| / mid of the executed legs
 * @param error why it did not succeed, or null
 * @param dryRun true when nothing was sent
 */
public record HedgeOutcome(
    boolean success,
    String symbol,
    List<LegResult> executed,
    List<LegResult> failed,
    BigDecimal totalCost,
    long executionTime,
    BigDecimal netDeltaChange,
    BigDecimal slippage,
    String error,
    boolean dryRun) {
  /** Copies the lists. */
  public HedgeOutcome {
    executed = List.copyOf(executed);
    failed = List.copyOf(failed);
  }
}
