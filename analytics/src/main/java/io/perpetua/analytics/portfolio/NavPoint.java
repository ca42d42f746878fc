package io.perpetua.analytics.portfolio;

/**
 * One portfolio snapshot: the net asset value at a time. Immutable. In a series the times are
 * strictly increasing (checked by {@link PortfolioAnalytics}).
 *
 * @param timeMs time of the snapshot, epoch milliseconds UTC
 * @param nav net asset value, USDT; finite (it may be zero or negative, after which returns are
 *     {@code NaN})
 */
public record NavPoint(long timeMs, double nav) {
  /** Validates that the NAV is finite. */
  public NavPoint {
    if (!Double.isFinite(nav)) {
      throw new IllegalArgumentException("nav must be finite, was " + nav + " at " + timeMs);
    }
  }
}
