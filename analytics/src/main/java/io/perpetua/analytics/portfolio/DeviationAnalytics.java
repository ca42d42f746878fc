package io.perpetua.analytics.portfolio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Target-against-actual position check for {@link PortfolioAnalytics}. Stateless. */
final class DeviationAnalytics {
  /** |deviation %| below this is acceptable, at or above it a warning. */
  static final double WARNING_PCT = 10.0;

  private static final Comparator<PositionDeviation> ORDER =
      Comparator.comparingDouble((PositionDeviation d) -> -Math.abs(d.deviation()))
          .thenComparing(PositionDeviation::symbol);

  private DeviationAnalytics() {}

  /**
   * For every symbol in either map (a missing entry is weight 0; |w| &lt; 1e-12 counts as 0;
   * symbols with both weights 0 are left out): deviation = actual − target, deviation % = deviation
   * / |target| × 100, and the status: extra (no target; % is {@code NaN}), missing (target, no
   * position), acceptable (|%| &lt; 10) or warning (|%| ≥ 10, with no upper bound). Sorted by
   * |deviation| descending, then symbol. The summary counts each status once (matched = acceptable,
   * so matched + warning + missing + extra = total) and averages |%| over the symbols with a
   * target.
   */
  static PositionDeviationReport check(
      Map<String, Double> targetWeights, Map<String, Double> actualWeights, long checkedAtMs) {
    Objects.requireNonNull(targetWeights, "targetWeights");
    Objects.requireNonNull(actualWeights, "actualWeights");
    TreeSet<String> union = new TreeSet<>(targetWeights.keySet());
    union.addAll(actualWeights.keySet());
    List<PositionDeviation> out = new ArrayList<>(union.size());
    int matched = 0;
    int warning = 0;
    int missing = 0;
    int extra = 0;
    double sumPct = 0;
    double maxPct = Double.NaN;
    for (String symbol : union) {
      double target = weight(targetWeights, symbol, "target");
      double actual = weight(actualWeights, symbol, "actual");
      if (target == 0 && actual == 0) {
        continue;
      }
      double deviation = actual - target;
      double pct = target == 0 ? Double.NaN : deviation / Math.abs(target) * 100;
      DeviationStatus status = status(target, actual, pct);
      matched += status == DeviationStatus.ACCEPTABLE ? 1 : 0;
      warning += status == DeviationStatus.WARNING ? 1 : 0;
      missing += status == DeviationStatus.MISSING ? 1 : 0;
      extra += status == DeviationStatus.EXTRA ? 1 : 0;
      if (target != 0) {
        sumPct += Math.abs(pct);
        maxPct = Double.isNaN(maxPct) ? Math.abs(pct) : Math.max(maxPct, Math.abs(pct));
      }
      out.add(new PositionDeviation(symbol, target, actual, deviation, pct, status));
    }
    out.sort(ORDER);
    int targeted = matched + warning + missing;
    double avgPct = targeted == 0 ? Double.NaN : sumPct / targeted;
    return new PositionDeviationReport(
        out,
        new DeviationSummary(out.size(), matched, warning, missing, extra, avgPct, maxPct),
        checkedAtMs);
  }

  private static DeviationStatus status(double target, double actual, double pct) {
    if (target == 0) {
      return DeviationStatus.EXTRA;
    }
    if (actual == 0) {
      return DeviationStatus.MISSING;
    }
    return Math.abs(pct) < WARNING_PCT ? DeviationStatus.ACCEPTABLE : DeviationStatus.WARNING;
  }

  /** The weight of {@code symbol} (0 when absent or below 1e-12 in magnitude). */
  private static double weight(Map<String, Double> weights, String symbol, String side) {
    Double w = weights.get(symbol);
    if (w == null) {
      return 0;
    }
    if (!Double.isFinite(w)) {
      throw new IllegalArgumentException(side + " weight of " + symbol + " must be finite: " + w);
    }
    return Math.abs(w) < VolatilityAnalytics.ZERO_WEIGHT ? 0 : w;
  }
}
