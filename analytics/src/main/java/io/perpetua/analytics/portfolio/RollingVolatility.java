package io.perpetua.analytics.portfolio;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The annualised volatility of the trailing window of daily returns ending on a day. Immutable.
 *
 * @param date UTC day of the window's last return
 * @param volatility annualised sample standard deviation of the window's returns
 */
public record RollingVolatility(LocalDate date, double volatility) {
  /** Validates that the date is present. */
  public RollingVolatility {
    Objects.requireNonNull(date, "date");
  }
}
