package io.perpetua.analytics.portfolio;

import java.time.LocalDate;
import java.util.List;

/**
 * The drawdown of a NAV curve ({@code GET /api/v1/portfolio/drawdown}). Immutable.
 *
 * @param drawdownCurve the drawdown at every snapshot (an unmodifiable copy)
 * @param currentDrawdown the drawdown at the last snapshot; {@code NaN} without snapshots
 * @param maxDrawdown the worst drawdown, a negative fraction, 0 when the NAV never fell below a
 *     previous peak; {@code NaN} with fewer than two snapshots or a first NAV that is not positive
 * @param maxDrawdownDate UTC day of the trough (the first snapshot at the worst drawdown); null
 *     when the maximum drawdown is 0 or undefined
 * @param recoveryDays UTC calendar days from the trough's day to the day the NAV first got back to
 *     the peak before the trough; null when it has not recovered yet, or when there is no drawdown
 */
public record DrawdownReport(
    List<DrawdownPoint> drawdownCurve,
    double currentDrawdown,
    double maxDrawdown,
    LocalDate maxDrawdownDate,
    Long recoveryDays) {
  /** Copies the curve and checks that a recovery needs a drawdown. */
  public DrawdownReport {
    drawdownCurve = List.copyOf(drawdownCurve);
    if (recoveryDays != null && (maxDrawdownDate == null || recoveryDays < 0)) {
      throw new IllegalArgumentException("recoveryDays needs a drawdown and must be ≥ 0");
    }
  }
}
