package io.perpetua.analytics.portfolio;

import java.util.List;
import java.util.Objects;

/**
 * Target against actual positions ({@code GET /api/v1/portfolio/position-deviation}). Immutable.
 *
 * @param deviations one entry per symbol, by |deviation| descending, then symbol (an unmodifiable
 *     copy)
 * @param summary counts and averages
 * @param checkedAtMs when the weights were read, epoch milliseconds UTC
 */
public record PositionDeviationReport(
    List<PositionDeviation> deviations, DeviationSummary summary, long checkedAtMs) {
  /** Copies the list and checks that the summary counts it. */
  public PositionDeviationReport {
    deviations = List.copyOf(deviations);
    Objects.requireNonNull(summary, "summary");
    if (summary.totalSymbols() != deviations.size()) {
      throw new IllegalArgumentException(
          "summary counts " + summary.totalSymbols() + " symbols, list has " + deviations.size());
    }
  }
}
