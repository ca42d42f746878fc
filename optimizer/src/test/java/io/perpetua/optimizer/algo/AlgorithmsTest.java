package io.perpetua.optimizer.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlgorithmsTest {
  /** A bowl with its top at 0.3 in every dimension; budgeted; records the points in order. */
  static final class Bowl implements PointEvaluator {
    final List<double[]> points = new ArrayList<>();
    final int budget;

    Bowl(int budget) {
      this.budget = budget;
    }

    static double value(double[] u) {
      double s = 0;
      for (double x : u) {
        s -= (x - 0.3) * (x - 0.3);
      }
      return s;
    }

    @Override
    public double[][] evaluate(List<double[]> batch) {
      int n = Math.min(batch.size(), remaining());
      double[][] out = new double[n][];
      for (int i = 0; i < n; i++) {
        double[] u = batch.get(i).clone();
        for (double x : u) {
          assertThat(x).isBetween(0.0, 1.0);
        }
        points.add(u);
        out[i] = new double[] {value(u), -Math.abs(u[0] - 0.8)};
      }
      return out;
    }

    @Override
    public int remaining() {
      return budget - points.size();
    }

    double best() {
      return points.stream().mapToDouble(Bowl::value).max().orElseThrow();
    }
  }

  private static List<double[]> run(String algorithm, int[] levels, long seed, int budget) {
    Bowl bowl = new Bowl(budget);
    SearchAlgorithm.of(algorithm).search(new SearchProblem(levels, seed, bowl));
    return bowl.points;
  }

  @ParameterizedTest
  @ValueSource(strings = {"grid", "random", "lhs", "tpe", "cmaes", "ga", "nsga2"})
  void sameSeed_sameTrials_otherSeed_otherTrials_andTheBudgetIsKept(String algorithm) {
    int[] levels = {0, 0, 7};
    List<double[]> a = run(algorithm, levels, 42, 60);
    List<double[]> b = run(algorithm, levels, 42, 60);
    assertThat(a).hasSizeLessThanOrEqualTo(60).isNotEmpty();
    assertThat(a).usingElementComparator(Arrays::compare).containsExactlyElementsOf(b);
    if (!algorithm.equals("grid")) {
      List<double[]> c = run(algorithm, levels, 43, 60);
      assertThat(Arrays.deepEquals(a.toArray(), c.toArray())).isFalse();
    }
  }

  @Test
  void grid_runsEveryCombinationOfTheDiscreteLevels_whenTheBudgetAllows() {
    List<double[]> pts = run("grid", new int[] {3, 4}, 1, 100);
    assertThat(pts).hasSize(12);
    assertThat(pts.stream().map(Arrays::toString).distinct()).hasSize(12);
  }

  @Test
  void grid_largerThanTheBudget_runsADistinctSampleOfIt() {
    List<double[]> pts = run("grid", new int[] {10, 10}, 1, 30);
    assertThat(pts).hasSize(30);
    assertThat(pts.stream().map(Arrays::toString).distinct()).hasSize(30);
  }

  @Test
  void lhs_putsExactlyOnePointInEveryStratumOfEveryDimension() {
    List<double[]> pts = LatinHypercube.sample(3, 20, 7);
    for (int d = 0; d < 3; d++) {
      boolean[] hit = new boolean[20];
      for (double[] p : pts) {
        int s = (int) Math.floor(p[d] * 20);
        assertThat(hit[s]).isFalse();
        hit[s] = true;
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tpe", "cmaes"})
  void guidedSearches_beatTheirOwnRandomStart_onABowl(String algorithm) {
    // the best of 150 guided trials is closer to the top than the best of 150 random ones
    double guided = 0;
    double random = 0;
    for (long seed = 1; seed <= 3; seed++) {
      Bowl g = new Bowl(150);
      SearchAlgorithm.of(algorithm).search(new SearchProblem(new int[] {0, 0, 0, 0}, seed, g));
      Bowl r = new Bowl(150);
      new RandomSearch().search(new SearchProblem(new int[] {0, 0, 0, 0}, seed, r));
      guided += g.best();
      random += r.best();
    }
    assertThat(guided).isGreaterThan(random);
  }

  @Test
  void nelderMead_refinesAPointTowardsTheTop() {
    Bowl bowl = new Bowl(80);
    NelderMeadRefiner.refine(List.of(new double[] {0.7, 0.7}), bowl);
    assertThat(bowl.best()).isGreaterThan(-1e-3);
    assertThat(Bowl.value(bowl.points.get(0))).isLessThan(-0.3);
  }

  @Test
  void unknownAlgorithm_isRejectedNamingTheField() {
    assertThatThrownBy(() -> SearchAlgorithm.of("annealing"))
        .hasMessageContaining("algorithm: must be one of");
  }
}
