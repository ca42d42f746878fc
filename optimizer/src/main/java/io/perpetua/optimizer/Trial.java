package io.perpetua.optimizer;

import io.perpetua.jobs.Metrics;
import java.util.Map;

/**
 * One evaluated point of a search. Immutable.
 *
 * @param index 0-based order in its search
 * @param params the strategy parameters it ran with
 * @param scores one score per objective (maximised); {@link Double#NEGATIVE_INFINITY} when rejected
 * @param metrics the backtest's metrics, or null when it did not run
 * @param rejection why it was rejected (a constraint, or the strategy refusing the values), or null
 * @param returns daily returns of the run (UTC days, net of costs), or null when it did not run
 */
public record Trial(
    int index,
    Map<String, Object> params,
    double[] scores,
    Metrics metrics,
    String rejection,
    double[] returns)
    implements java.io.Serializable {
  /** Copies. */
  public Trial {
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    scores = scores.clone();
    returns = returns == null ? null : returns.clone();
  }

  /** A trial without a return series. */
  public Trial(
      int index, Map<String, Object> params, double[] scores, Metrics metrics, String rejection) {
    this(index, params, scores, metrics, rejection, null);
  }

  /** The daily returns, or null. */
  @Override
  public double[] returns() {
    return returns == null ? null : returns.clone();
  }

  /** The first objective's score. */
  public double score() {
    return scores[0];
  }

  /** True when it ran and met every constraint. */
  public boolean accepted() {
    return rejection == null;
  }

  @Override
  public double[] scores() {
    return scores.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Trial t
        && t.index == index
        && t.params.equals(params)
        && java.util.Arrays.equals(t.scores, scores)
        && java.util.Objects.equals(t.metrics, metrics)
        && java.util.Objects.equals(t.rejection, rejection)
        && java.util.Arrays.equals(t.returns, returns);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(index, params, java.util.Arrays.hashCode(scores), rejection);
  }

  @Override
  public String toString() {
    return "Trial[" + index + " " + params + " " + java.util.Arrays.toString(scores) + "]";
  }
}
