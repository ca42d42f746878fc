package io.perpetua.trading.learn;

import io.perpetua.signals.flow.FactoryWeights;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The weights a release may move to (spec §5): whole numbers ≥ 0 summing to 100, inside the factory
 * ranges (direction 10–80, environment 5–60, auxiliary 0–40, momentum 0–20), each within {@code
 * maxMove} of its current value (relative: a weight of 20 moves to 14–26; a weight of 0 stays 0).
 * Stateless.
 */
public final class LayerWeights {
  private static final int[] LOW = {10, 5, 0, 0};
  private static final int[] HIGH = {80, 60, 40, 20};

  private LayerWeights() {}

  /** The weights as {@code direction, environment, auxiliary, momentum}. */
  static double[] array(FactoryWeights w) {
    return new double[] {w.direction(), w.environment(), w.auxiliary(), w.momentum()};
  }

  /** The largest relative move of one layer from {@code from} to {@code to} (0 when equal). */
  public static double largestMove(FactoryWeights from, FactoryWeights to) {
    double[] a = array(from);
    double[] b = array(to);
    double max = 0;
    for (int i = 0; i < 4; i++) {
      double move =
          a[i] == 0 ? (b[i] == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.abs(b[i] - a[i]) / a[i];
      max = Math.max(max, move);
    }
    return max;
  }

  /** Whether {@code to} is a weight set a release from {@code from} may ship. */
  public static boolean allowed(FactoryWeights from, FactoryWeights to, double maxMove) {
    double[] b = array(to);
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      if (b[i] < LOW[i] || b[i] > HIGH[i] || b[i] != Math.rint(b[i])) {
        return false;
      }
      sum += b[i];
    }
    return sum == 100 && largestMove(from, to) <= maxMove + 1e-12;
  }

  /**
   * Up to {@code samples} distinct allowed weight sets around {@code from}, drawn with {@code
   * seed}; {@code from} itself first when it is allowed.
   */
  public static List<FactoryWeights> candidates(
      FactoryWeights from, double maxMove, int samples, long seed) {
    double[] a = array(from);
    int[] lo = new int[4];
    int[] hi = new int[4];
    for (int i = 0; i < 4; i++) {
      lo[i] = (int) Math.max(LOW[i], Math.ceil(a[i] * (1 - maxMove) - 1e-9));
      hi[i] = (int) Math.min(HIGH[i], Math.floor(a[i] * (1 + maxMove) + 1e-9));
    }
    Set<FactoryWeights> out = new LinkedHashSet<>();
    if (allowed(from, from, maxMove)) {
      out.add(from);
    }
    Random random = new Random(seed);
    for (int tries = 0; out.size() < samples + 1 && tries < samples * 20; tries++) {
      int d = draw(random, lo[0], hi[0]);
      int e = draw(random, lo[1], hi[1]);
      int x = draw(random, lo[2], hi[2]);
      int m = 100 - d - e - x;
      if (lo[2] > hi[2] || lo[0] > hi[0] || lo[1] > hi[1] || m < lo[3] || m > hi[3]) {
        continue;
      }
      out.add(new FactoryWeights(d, e, x, m));
    }
    return new ArrayList<>(out);
  }

  private static int draw(Random random, int lo, int hi) {
    return hi < lo ? lo : lo + random.nextInt(hi - lo + 1);
  }
}
