package io.perpetua.analytics.portfolio;

import java.util.List;
import java.util.Objects;

/**
 * Daily PnL of a period ({@code GET /api/v1/portfolio/pnl}). Immutable.
 *
 * @param dailyPnl one entry per UTC day with data, in date order (an unmodifiable copy)
 * @param summary totals over those days
 */
public record DailyPnlReport(List<DailyPnl> dailyPnl, DailyPnlSummary summary) {
  /** Copies the days and checks that the summary counts them. */
  public DailyPnlReport {
    dailyPnl = List.copyOf(dailyPnl);
    Objects.requireNonNull(summary, "summary");
    if (summary.days() != dailyPnl.size()) {
      throw new IllegalArgumentException(
          "summary counts " + summary.days() + " days, list has " + dailyPnl.size());
    }
  }
}
