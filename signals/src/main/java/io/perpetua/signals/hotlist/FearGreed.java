package io.perpetua.signals.hotlist;

import java.util.ArrayList;
import java.util.List;

/**
 * A fear/greed index 0–100 from the platform's own data (docs/hotlist.md), the mean of the
 * sub-scores that can be computed (each 0–100, 50 neutral, null when its input is missing):
 *
 * <ul>
 *   <li>momentum: {@code 50 + 50·tanh(r7 / 0.10)}, r7 the 7-day return;
 *   <li>volatility: {@code 50 − 50·tanh(ln VolJump)} (rising volatility is fear);
 *   <li>funding: {@code 50 + 50·tanh((f − 0.0001) / 0.0003)}, f the last 8 h rate (0.01 % neutral);
 *   <li>long/short: {@code 50 + 50·tanh(ln ratio)}, the long/short account ratio.
 * </ul>
 *
 * Labels: below 25 extreme fear, below 45 fear, up to 55 neutral, up to 75 greed, above extreme
 * greed. Immutable.
 *
 * @param index the index, or null when no sub-score could be computed
 * @param label {@code extreme_fear}, {@code fear}, {@code neutral}, {@code greed}, {@code
 *     extreme_greed} or {@code unknown}
 * @param momentum momentum sub-score, or null
 * @param volatility volatility sub-score, or null
 * @param funding funding sub-score, or null
 * @param longShort long/short sub-score, or null
 */
public record FearGreed(
    Double index,
    String label,
    Double momentum,
    Double volatility,
    Double funding,
    Double longShort) {

  /** The index of these inputs; NaN marks a missing input. */
  static FearGreed of(double return7d, double volJump, double fundingRate, double longShort) {
    Double m = Double.isNaN(return7d) ? null : 50 + 50 * Math.tanh(return7d / 0.10);
    Double v = !(volJump > 0) ? null : 50 - 50 * Math.tanh(Math.log(volJump));
    Double f = Double.isNaN(fundingRate) ? null : 50 + 50 * Math.tanh((fundingRate - 1e-4) / 3e-4);
    Double ls = !(longShort > 0) ? null : 50 + 50 * Math.tanh(Math.log(longShort));
    return combine(m, v, f, ls);
  }

  /** The market's index: the mean of each sub-score over {@code readings}. */
  public static FearGreed market(List<FearGreed> readings) {
    return combine(
        mean(readings.stream().map(FearGreed::momentum).toList()),
        mean(readings.stream().map(FearGreed::volatility).toList()),
        mean(readings.stream().map(FearGreed::funding).toList()),
        mean(readings.stream().map(FearGreed::longShort).toList()));
  }

  private static FearGreed combine(Double m, Double v, Double f, Double ls) {
    List<Double> parts = new ArrayList<>();
    for (Double d : new Double[] {m, v, f, ls}) {
      if (d != null) {
        parts.add(d);
      }
    }
    Double index = mean(parts);
    return new FearGreed(index, label(index), m, v, f, ls);
  }

  private static Double mean(List<Double> values) {
    double sum = 0;
    int n = 0;
    for (Double d : values) {
      if (d != null) {
        sum += d;
        n++;
      }
    }
    return n == 0 ? null : sum / n;
  }

  /** The label of an index value. */
  static String label(Double index) {
    if (index == null) {
      return "unknown";
    }
    if (index < 25) {
      return "extreme_fear";
    }
    if (index < 45) {
      return "fear";
    }
    if (index <= 55) {
      return "neutral";
    }
    return index <= 75 ? "greed" : "extreme_greed";
  }
}
