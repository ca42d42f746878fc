package io.perpetua.trading.learn;

import io.perpetua.core.WireCode;
import io.perpetua.signals.flow.FlowEvaluation;
import java.util.Collection;
import java.util.Locale;

/**
 * A symbol's market regime over the evolution window (spec §5): {@code crash} when the ATR
 * percentile of the last evaluation is ≥ 85, {@code high_vol} when ≥ 70, else {@code trend} when
 * the slow CVD kept one sign in at least 70 % of the evaluations, else {@code range}.
 */
public enum Regime implements WireCode {
  /** ATR percentile ≥ 85. */
  CRASH,
  /** ATR percentile ≥ 70. */
  HIGH_VOL,
  /** The slow CVD mostly one-signed. */
  TREND,
  /** Anything else (also: no evaluations). */
  RANGE;

  @Override
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The regime of a symbol's evaluations (in time order). */
  public static Regime of(Collection<FlowEvaluation> evaluations) {
    if (evaluations.isEmpty()) {
      return RANGE;
    }
    FlowEvaluation last = null;
    int up = 0;
    int down = 0;
    for (FlowEvaluation e : evaluations) {
      last = e;
      double cvd = e.inputs().cvdSlow();
      up += cvd > 0 ? 1 : 0;
      down += cvd < 0 ? 1 : 0;
    }
    double pct = last.inputs().atrPercentile();
    if (pct >= 85) {
      return CRASH;
    }
    if (pct >= 70) {
      return HIGH_VOL;
    }
    return Math.max(up, down) >= 0.7 * evaluations.size() ? TREND : RANGE;
  }
}
