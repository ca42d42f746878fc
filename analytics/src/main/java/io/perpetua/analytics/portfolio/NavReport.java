package io.perpetua.analytics.portfolio;

import java.util.List;

/**
 * The NAV curve of a period ({@code GET /api/v1/portfolio/nav}). Immutable.
 *
 * @param initialNav NAV of the first point; {@code NaN} when there is none
 * @param currentNav NAV of the last point; {@code NaN} when there is none
 * @param totalReturn {@code currentNav / initialNav − 1} (0 for a single point); {@code NaN} when
 *     there is no point or {@code initialNav ≤ 0}
 * @param points the snapshots, in time order (an unmodifiable copy)
 */
public record NavReport(
    double initialNav, double currentNav, double totalReturn, List<NavPoint> points) {
  /** Copies the points. */
  public NavReport {
    points = List.copyOf(points);
  }
}
