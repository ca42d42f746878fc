package io.perpetua.backtest;

import io.perpetua.jobs.BacktestRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The one date convention of backtests given in days — the CLI's {@code --start}/{@code --end} and
 * the API's {@code start_date}/{@code end_date} (spec 4.3, whose example runs 2024-01-01 to
 * 2025-01-01 with a NAV point on 2025-01-01): the first day starts at its UTC midnight and the last
 * day is <b>included</b>, so the run ends (exclusive) at the next UTC midnight. A {@link
 * BacktestRequest} carries the resulting instants. Stateless.
 */
public final class BacktestDays {
  private BacktestDays() {}

  /** The start instant of a run whose first day is {@code first}: its UTC midnight. */
  public static Instant start(LocalDate first) {
    return first.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The (exclusive) end instant of a run whose last day, included, is {@code last}. */
  public static Instant end(LocalDate last) {
    return last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The last day, included, of a run ending (exclusive) at {@code end}. */
  public static LocalDate lastDay(Instant end) {
    return LocalDate.ofInstant(end.minusMillis(1), ZoneOffset.UTC);
  }

  /**
   * The range for people: {@code 2024-01-01 to 2025-01-01 (both days included)} when both ends are
   * UTC midnights, else the instants with the end marked exclusive.
   */
  public static String describe(Instant start, Instant end) {
    long day = 86_400_000L;
    if (start.toEpochMilli() % day == 0 && end.toEpochMilli() % day == 0) {
      return LocalDate.ofInstant(start, ZoneOffset.UTC)
          + " to "
          + lastDay(end)
          + " (both days included)";
    }
    return start + " to " + end + " (end excluded)";
  }
}
