package io.perpetua.analytics.portfolio;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The PnL of one UTC day, measured between the last NAV of that day and the last NAV of the
 * previous day with data. Immutable.
 *
 * @param date the UTC day
 * @param nav the day's closing NAV (its last snapshot), USDT
 * @param pnl {@code nav − previous nav}, USDT
 * @param pnlPct {@code pnl / previous nav} as a fraction (0.0044 = 0.44 %); {@code NaN} when the
 *     previous NAV is not positive
 */
public record DailyPnl(LocalDate date, double nav, double pnl, double pnlPct) {
  /** Validates that the date is present. */
  public DailyPnl {
    Objects.requireNonNull(date, "date");
  }
}
