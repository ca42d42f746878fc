package io.perpetua.trading.allocation;

import java.util.LinkedHashMap;
import java.util.Map;

/** Weight arithmetic of the allocator: capped normalisation and the slow-move step limit. */
final class Moves {
  private Moves() {}

  /**
   * The move from {@code previous} to {@code targets}, scaled down to move at most {@code
   * max_step_fraction} of the capital (half the sum of the absolute changes, cash counted as one
   * more holding); none below {@code min_move}.
   *
   * @param weights the weights after the step
   * @param moved the share of the capital moved
   * @param cost {@code cost_bps} of the capital moved in and out of the strategies
   */
  record Result(Map<String, Double> weights, double moved, double cost) {}

  static Result limit(
      Map<String, Double> previous, Map<String, Double> targets, AllocationConfig config) {
    double abs = 0;
    double net = 0;
    for (var e : previous.entrySet()) {
      double d = targets.getOrDefault(e.getKey(), 0.0) - e.getValue();
      abs += Math.abs(d);
      net += d;
    }
    double move = 0.5 * (abs + Math.abs(net));
    if (move < config.minMove() || move == 0) {
      return new Result(new LinkedHashMap<>(previous), 0.0, 0.0);
    }
    double scale = Math.min(1.0, config.maxStepFraction() / move);
    Map<String, Double> out = new LinkedHashMap<>();
    double traded = 0;
    for (var e : previous.entrySet()) {
      double d = (targets.getOrDefault(e.getKey(), 0.0) - e.getValue()) * scale;
      double w = Math.max(0.0, e.getValue() + d);
      traded += Math.abs(w - e.getValue());
      out.put(e.getKey(), w);
    }
    return new Result(out, move * scale, traded * config.costBps() / 10_000.0);
  }

  /**
   * {@code raw} scaled to sum to {@code total}, no weight above its cap (what a capped weight
   * cannot take goes to the others; what nobody can take stays in cash).
   */
  static Map<String, Double> waterFill(
      Map<String, Double> raw, Map<String, Double> caps, double total) {
    Map<String, Double> out = new LinkedHashMap<>();
    Map<String, Double> free = new LinkedHashMap<>(raw);
    double left = total;
    while (!free.isEmpty() && left > 1e-12) {
      double sum = 0;
      for (double v : free.values()) {
        sum += v;
      }
      if (!(sum > 0)) {
        break;
      }
      boolean capped = false;
      for (var e : new java.util.ArrayList<>(free.entrySet())) {
        double share = left * e.getValue() / sum;
        if (share >= caps.get(e.getKey())) {
          out.put(e.getKey(), caps.get(e.getKey()));
          free.remove(e.getKey());
          capped = true;
        }
      }
      if (capped) {
        left = total;
        for (double v : out.values()) {
          left -= v;
        }
        continue;
      }
      for (var e : free.entrySet()) {
        out.put(e.getKey(), left * e.getValue() / sum);
      }
      free.clear();
    }
    for (String k : raw.keySet()) {
      out.putIfAbsent(k, 0.0);
    }
    return out;
  }

  /** {@code min(cap_i, scale·raw_i)}, scaled down together when they sum above 1. */
  static Map<String, Double> capped(
      Map<String, Double> raw, Map<String, Double> caps, double scale) {
    Map<String, Double> out = new LinkedHashMap<>();
    double sum = 0;
    for (var e : raw.entrySet()) {
      double w = Math.min(caps.get(e.getKey()), scale * e.getValue());
      out.put(e.getKey(), w);
      sum += w;
    }
    if (sum > 1) {
      double f = 1 / sum;
      out.replaceAll((k, v) -> v * f);
    }
    return out;
  }
}
