package io.perpetua.trading.learn;

import io.perpetua.signals.flow.FactoryWeights;
import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.trading.flow.FeatureEvent;
import io.perpetua.trading.flow.LabelEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One recorded, gated, directional evaluation of a factory strategy with its raw layer points and
 * its back-filled outcome in R (spec §5): the 60-minute net return in R ({@code rUnit = stop
 * multiplier × ATR at the signal}), floored at −1 R when the adverse excursion reached the stop.
 * The learning loop re-scores it under other weights ({@link FactoryWeights#score}) and counts it
 * as a trade when the new score reaches the entry threshold.
 *
 * <p>Immutable.
 *
 * @param timeMs evaluation time, epoch ms
 * @param direction raw direction points (≤ 55)
 * @param crowding raw crowding points (≤ 25)
 * @param environment raw environment points (≤ 15)
 * @param auxiliary raw auxiliary points (≤ 5)
 * @param outcomeR the outcome in R
 */
public record LabelledSignal(
    long timeMs,
    double direction,
    double crowding,
    double environment,
    double auxiliary,
    double outcomeR) {
  /** Validates the fields. */
  public LabelledSignal {
    if (!Double.isFinite(outcomeR) || direction < 0 || crowding < 0) {
      throw new IllegalArgumentException("a labelled signal needs a finite outcome and points");
    }
  }

  /** The score of this signal under {@code weights}. */
  public double score(FactoryWeights weights) {
    return weights.score(direction, crowding, environment, auxiliary);
  }

  /**
   * Joins gated evaluations with their labels (by {@link FeatureEvent#idOf}); evaluations without a
   * label or without layer points (blocked by a gate) are left out. Sorted by time.
   *
   * @param stopAtrMultiplier the strategy's stop in ATR (1 R)
   */
  public static List<LabelledSignal> join(
      Collection<FlowEvaluation> evaluations,
      Collection<LabelEvent> labels,
      double stopAtrMultiplier) {
    Map<String, LabelEvent> byId = new HashMap<>();
    labels.forEach(l -> byId.put(l.evaluationId(), l));
    List<LabelledSignal> out = new ArrayList<>();
    for (FlowEvaluation e : evaluations) {
      LabelEvent l = byId.get(FeatureEvent.idOf(e));
      Map<String, Double> f = e.factors();
      if (l == null || !e.gatePassed() || !f.containsKey("direction.resonance") || !(l.atr() > 0)) {
        continue;
      }
      double r = l.netReturn60m() * l.price() / (stopAtrMultiplier * l.atr());
      out.add(
          new LabelledSignal(
              e.timeMs(),
              f.get("direction.resonance")
                  + f.get("direction.p99")
                  + f.get("direction.acceleration"),
              f.get("crowding.long_short") + f.get("crowding.top_traders"),
              f.getOrDefault("environment.oi", 0.0),
              f.getOrDefault("auxiliary.premium", 0.0),
              l.maeR() >= 1 ? -1 : Math.max(-1, r)));
    }
    out.sort(Comparator.comparingLong(LabelledSignal::timeMs));
    return out;
  }
}
