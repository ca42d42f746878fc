package io.perpetua.analytics.portfolio;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A day and its PnL (the best or worst day of a period). Immutable.
 *
 * @param date the UTC day
 * @param pnl the day's PnL, USDT
 */
public record DayPnl(LocalDate date, double pnl) {
  /** Validates that the date is present. */
  public DayPnl {
    Objects.requireNonNull(date, "date");
  }
}
