package io.perpetua.trading.port;

import java.util.Locale;
import java.util.Objects;

/**
 * The portfolio at a whole hour or day (kernel time), the source of the NAV, PnL, drawdown and
 * volatility analytics.
 *
 * @param interval hourly or daily
 * @param timeMs the hour or day boundary it was taken at
 * @param nav equity (wallet + unrealised PnL)
 * @param wallet wallet balance
 * @param longNotional Σ notional of long positions
 * @param shortNotional Σ |notional| of short positions
 * @param positions number of open positions
 */
public record PortfolioSnapshot(
    Interval interval,
    long timeMs,
    double nav,
    double wallet,
    double longNotional,
    double shortNotional,
    int positions) {

  /** Snapshot spacing; wire codes are the lower-case names. */
  public enum Interval {
    /** Every whole hour. */
    HOURLY,
    /** Every UTC midnight. */
    DAILY;

    /** The wire code. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire code. */
    public static Interval parse(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }
  }

  /** Validates. */
  public PortfolioSnapshot {
    Objects.requireNonNull(interval, "interval");
  }
}
