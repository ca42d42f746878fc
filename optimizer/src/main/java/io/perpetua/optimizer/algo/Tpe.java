package io.perpetua.optimizer.algo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen estimator (Bergstra et al. 2011), written here: after a Latin-hypercube
 * start, the trials so far are split at the {@code γ = 0.25} quantile of the score into good and
 * bad; each dimension gets a Parzen density (Gaussian kernels on the observations plus a uniform
 * prior) for both groups, {@value #CANDIDATES} candidates are drawn from the good density and the
 * one with the largest {@code Σ log l(x) − log g(x)} is run next. Discrete dimensions are snapped
 * to their cell centres. Deterministic for a seed.
 */
public final class Tpe implements SearchAlgorithm {
  static final int CANDIDATES = 24;
  private static final double GAMMA = 0.25;

  @Override
  public String name() {
    return "tpe";
  }

  @Override
  public void search(SearchProblem problem) {
    PointEvaluator evaluator = problem.evaluator();
    int d = problem.dimension();
    int startup = Math.min(evaluator.remaining(), Math.max(10, 2 * d));
    List<double[]> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    List<double[]> first = LatinHypercube.sample(d, startup, problem.seed());
    first.replaceAll(u -> snap(problem, u));
    record(xs, ys, first, evaluator.evaluate(first));
    SplittableRandom random = new SplittableRandom(problem.seed() ^ 0x9E3779B97F4A7C15L);
    while (evaluator.remaining() > 0 && !xs.isEmpty()) {
      double[] next = propose(problem, xs, ys, random);
      double[][] s = evaluator.evaluate(List.of(next));
      if (s.length == 0) {
        return;
      }
      record(xs, ys, List.of(next), s);
    }
  }

  private static void record(List<double[]> xs, List<Double> ys, List<double[]> pts, double[][] s) {
    for (int i = 0; i < s.length; i++) {
      xs.add(pts.get(i));
      ys.add(s[i][0]);
    }
  }

  private static double[] propose(
      SearchProblem problem, List<double[]> xs, List<Double> ys, SplittableRandom random) {
    int n = xs.size();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(
        Comparator.<Integer>comparingDouble(i -> -ys.get(i)).thenComparingInt(Integer::intValue));
    int good = Math.max(1, (int) Math.ceil(GAMMA * n));
    int d = problem.dimension();
    double[][] goodPts = new double[d][good];
    double[][] badPts = new double[d][n - good];
    for (int k = 0; k < n; k++) {
      double[] x = xs.get(order.get(k));
      for (int i = 0; i < d; i++) {
        if (k < good) {
          goodPts[i][k] = x[i];
        } else {
          badPts[i][k - good] = x[i];
        }
      }
    }
    double[] best = null;
    double bestRatio = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < CANDIDATES; c++) {
      double[] cand = new double[d];
      double ratio = 0;
      for (int i = 0; i < d; i++) {
        double bwGood = bandwidth(goodPts[i]);
        cand[i] = sample(goodPts[i], bwGood, random);
        if (problem.levels(i) > 0) {
          cand[i] = snap(cand[i], problem.levels(i));
        }
        ratio +=
            Math.log(density(goodPts[i], bwGood, cand[i]))
                - Math.log(density(badPts[i], bandwidth(badPts[i]), cand[i]));
      }
      if (ratio > bestRatio) {
        bestRatio = ratio;
        best = cand;
      }
    }
    return best;
  }

  /** Scott's rule on the group, kept within [0.03, 0.5] of the unit interval. */
  static double bandwidth(double[] pts) {
    if (pts.length < 2) {
      return 0.25;
    }
    double mean = 0;
    for (double p : pts) {
      mean += p;
    }
    mean /= pts.length;
    double var = 0;
    for (double p : pts) {
      var += (p - mean) * (p - mean);
    }
    double sd = Math.sqrt(var / (pts.length - 1));
    return Math.max(0.03, Math.min(0.5, 1.06 * sd * Math.pow(pts.length, -0.2)));
  }

  /** Parzen density: equal-weight Gaussian kernels plus a uniform prior of one kernel's weight. */
  static double density(double[] pts, double bw, double x) {
    double sum = 1.0; // the uniform prior on [0, 1]
    double norm = 1.0 / (bw * Math.sqrt(2 * Math.PI));
    for (double p : pts) {
      double z = (x - p) / bw;
      sum += norm * Math.exp(-0.5 * z * z);
    }
    return sum / (pts.length + 1);
  }

  private static double sample(double[] pts, double bw, SplittableRandom random) {
    int k = random.nextInt(pts.length + 1);
    if (k == pts.length) {
      return random.nextDouble();
    }
    double x = pts[k] + bw * gaussian(random);
    // reflect into [0, 1]
    for (int guard = 0; guard < 8 && (x < 0 || x > 1); guard++) {
      x = x < 0 ? -x : 2 - x;
    }
    return Math.max(0, Math.min(1, x));
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = Math.max(1e-300, random.nextDouble());
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static double snap(double u, int levels) {
    return (Math.min(levels - 1, Math.floor(u * levels)) + 0.5) / levels;
  }

  private static double[] snap(SearchProblem problem, double[] u) {
    double[] out = u.clone();
    for (int i = 0; i < out.length; i++) {
      if (problem.levels(i) > 0) {
        out[i] = snap(out[i], problem.levels(i));
      }
    }
    return out;
  }
}
