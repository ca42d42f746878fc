package io.perpetua.optimizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The trials of one search (one window) and what was chosen: the accepted trial with the highest
 * first objective (ties: the earlier), and the Pareto front of the accepted trials over every
 * objective. Immutable.
 *
 * @param trials every trial, in order
 * @param best index of the best accepted trial, or -1 when none was accepted
 * @param pareto indices of the non-dominated accepted trials, in order
 */
public record SearchRun(List<Trial> trials, int best, List<Integer> pareto) {
  /** Copies. */
  public SearchRun {
    trials = List.copyOf(trials);
    pareto = List.copyOf(pareto);
  }

  /** Chooses the best and the front of {@code trials}. */
  public static SearchRun of(List<Trial> trials) {
    int best = -1;
    for (Trial t : trials) {
      if (t.accepted()
          && Double.isFinite(t.score())
          && (best < 0 || t.score() > trials.get(best).score())) {
        best = t.index();
      }
    }
    return new SearchRun(trials, best, pareto(trials));
  }

  /** The best trial, or null. */
  public Trial bestTrial() {
    return best < 0 ? null : trials.get(best);
  }

  /** Best first-objective score after each trial (NaN before the first accepted one). */
  public double[] curve() {
    double[] out = new double[trials.size()];
    double best = Double.NaN;
    for (int i = 0; i < out.length; i++) {
      Trial t = trials.get(i);
      if (t.accepted() && Double.isFinite(t.score()) && !(t.score() <= best)) {
        best = t.score();
      }
      out[i] = best;
    }
    return out;
  }

  private static List<Integer> pareto(List<Trial> trials) {
    List<Integer> out = new ArrayList<>();
    for (Trial a : trials) {
      if (!a.accepted() || !allFinite(a.scores())) {
        continue;
      }
      boolean dominated = false;
      for (Trial b : trials) {
        if (b != a && b.accepted() && allFinite(b.scores()) && dominates(b.scores(), a.scores())) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        out.add(a.index());
      }
    }
    return out;
  }

  private static boolean allFinite(double[] s) {
    for (double v : s) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  static boolean dominates(double[] a, double[] b) {
    boolean better = false;
    for (int i = 0; i < a.length; i++) {
      if (a[i] < b[i]) {
        return false;
      }
      if (a[i] > b[i]) {
        better = true;
      }
    }
    return better;
  }
}
