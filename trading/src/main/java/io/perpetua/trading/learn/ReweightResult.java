package io.perpetua.trading.learn;

import io.perpetua.signals.flow.FactoryWeights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a walk-forward re-weighting found: its folds (training always before validation), the Pareto
 * front of the threshold grid on out-of-sample net R and drawdown, the chosen point, the current
 * version's out-of-sample numbers, and whether the proposal passed out of sample (a release needs
 * it).
 *
 * <p>Immutable.
 *
 * @param folds the folds, oldest first
 * @param front the Pareto front (not dominated on higher net R and lower drawdown)
 * @param chosen the chosen front point, or null
 * @param baseline the current weights and threshold on the same out-of-sample windows
 * @param weights the proposed weights (the last fold's training result)
 * @param passed whether the proposal passed out of sample
 * @param reasons why it did not pass (empty when it did)
 */
public record ReweightResult(
    List<Fold> folds,
    List<Point> front,
    Point chosen,
    Point baseline,
    FactoryWeights weights,
    boolean passed,
    List<String> reasons) {

  /**
   * One fold.
   *
   * @param trainFromMs training start (inclusive)
   * @param trainToMs training end (exclusive) = validation start
   * @param testToMs validation end (exclusive)
   * @param weights the weights trained on it
   * @param trainNetR their training net R at the current threshold
   */
  public record Fold(
      long trainFromMs, long trainToMs, long testToMs, FactoryWeights weights, double trainNetR) {}

  /**
   * One threshold's out-of-sample result over all folds.
   *
   * @param threshold the entry threshold
   * @param netR the net R of the stitched validation windows
   * @param maxDrawdownR its largest drawdown in R
   * @param trades its trades
   */
  public record Point(double threshold, double netR, double maxDrawdownR, int trades) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("threshold", threshold);
      m.put("net_r", netR);
      m.put("max_drawdown_r", maxDrawdownR);
      m.put("trades", trades);
      return m;
    }
  }

  /** Copies the lists. */
  public ReweightResult {
    folds = List.copyOf(folds);
    front = List.copyOf(front);
    reasons = List.copyOf(reasons);
  }

  /** The numbers as audit evidence. */
  public Map<String, Object> evidence() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("passed", passed);
    m.put("folds", folds.size());
    m.put("baseline", baseline == null ? null : baseline.toMap());
    m.put("chosen", chosen == null ? null : chosen.toMap());
    List<Object> f = new ArrayList<>();
    front.forEach(p -> f.add(p.toMap()));
    m.put("pareto_front", f);
    if (weights != null) {
      m.put(
          "weights",
          List.of(
              weights.direction(), weights.environment(), weights.auxiliary(), weights.momentum()));
    }
    m.put("reasons", reasons);
    return m;
  }
}
