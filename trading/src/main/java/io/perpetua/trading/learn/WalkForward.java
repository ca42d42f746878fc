package io.perpetua.trading.learn;

import io.perpetua.signals.flow.FactoryWeights;
import io.perpetua.trading.learn.ReweightResult.Fold;
import io.perpetua.trading.learn.ReweightResult.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Walk-forward re-weighting of a factory strategy's layer weights (spec §5): windows of {@code
 * trainMs} stepped by {@code stepMs}, each validated on the {@code stepMs} right after it (never
 * before); per training window the best allowed weights ({@link LayerWeights}) by net R at the
 * current threshold; then a grid search of the entry threshold on the stitched out-of-sample net R
 * and drawdown, keeping the Pareto front; the proposal passes only when its chosen point has enough
 * trades, a drawdown within the limit, a positive net R, and beats the current version out of
 * sample. Signals count as independent trades of their outcome in R. Deterministic (seeded).
 */
public final class WalkForward {
  private final ReweightConfig config;

  /** A re-weighting with {@code config}. */
  public WalkForward(ReweightConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Runs over {@code signals} (sorted by time) from {@code current} weights and threshold. */
  public ReweightResult run(List<LabelledSignal> signals, FactoryWeights current, double entry) {
    List<Fold> folds = folds(signals, current, entry);
    if (folds.isEmpty()) {
      return new ReweightResult(
          folds, List.of(), null, null, null, false, List.of("not enough data for one fold"));
    }
    List<Point> grid = new ArrayList<>();
    for (double t : config.thresholds()) {
      grid.add(outOfSample(signals, folds, null, t));
    }
    Point baseline = outOfSample(signals, folds, current, entry);
    List<Point> front = pareto(grid);
    Point chosen = null;
    for (Point p : front) {
      boolean fits =
          p.trades() >= config.minOosTrades() && p.maxDrawdownR() <= config.maxDrawdownR();
      if (fits && (chosen == null || p.netR() > chosen.netR())) {
        chosen = p;
      }
    }
    List<String> reasons = new ArrayList<>();
    if (chosen == null) {
      reasons.add(
          "no threshold has "
              + config.minOosTrades()
              + " out-of-sample trades within a drawdown of "
              + config.maxDrawdownR()
              + " R");
    } else {
      if (!(chosen.netR() > 0)) {
        reasons.add("out-of-sample net R " + chosen.netR() + " is not positive");
      }
      if (!(chosen.netR() > baseline.netR())) {
        reasons.add(
            "out-of-sample net R "
                + chosen.netR()
                + " does not beat the current version's "
                + baseline.netR());
      }
    }
    FactoryWeights proposal = folds.get(folds.size() - 1).weights();
    return new ReweightResult(folds, front, chosen, baseline, proposal, reasons.isEmpty(), reasons);
  }

  private List<Fold> folds(List<LabelledSignal> signals, FactoryWeights current, double entry) {
    List<Fold> out = new ArrayList<>();
    if (signals.isEmpty()) {
      return out;
    }
    long first = signals.get(0).timeMs();
    long last = signals.get(signals.size() - 1).timeMs();
    for (long from = first;
        from + config.trainMs() + config.stepMs() <= last + 1;
        from += config.stepMs()) {
      long to = from + config.trainMs();
      List<LabelledSignal> train = window(signals, from, to);
      FactoryWeights best = current;
      double bestR = netR(train, current, entry);
      long seed = config.seed() * 31 + out.size();
      for (FactoryWeights w :
          LayerWeights.candidates(current, config.maxMove(), config.samples(), seed)) {
        double r = netR(train, w, entry);
        if (r > bestR) {
          best = w;
          bestR = r;
        }
      }
      out.add(new Fold(from, to, to + config.stepMs(), best, bestR));
    }
    return out;
  }

  /** The stitched validation result at {@code threshold}; null weights: each fold's own. */
  private static Point outOfSample(
      List<LabelledSignal> signals, List<Fold> folds, FactoryWeights fixed, double threshold) {
    double net = 0;
    double peak = 0;
    double maxDd = 0;
    int trades = 0;
    for (Fold f : folds) {
      FactoryWeights w = fixed == null ? f.weights() : fixed;
      for (LabelledSignal s : window(signals, f.trainToMs(), f.testToMs())) {
        if (s.score(w) >= threshold) {
          net += s.outcomeR();
          trades++;
          peak = Math.max(peak, net);
          maxDd = Math.max(maxDd, peak - net);
        }
      }
    }
    return new Point(threshold, net, maxDd, trades);
  }

  static List<Point> pareto(List<Point> points) {
    List<Point> front = new ArrayList<>();
    for (Point p : points) {
      boolean dominated = false;
      for (Point q : points) {
        boolean noWorse = q.netR() >= p.netR() && q.maxDrawdownR() <= p.maxDrawdownR();
        boolean better = q.netR() > p.netR() || q.maxDrawdownR() < p.maxDrawdownR();
        if (q != p && noWorse && better) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        front.add(p);
      }
    }
    return front;
  }

  private static double netR(List<LabelledSignal> signals, FactoryWeights w, double threshold) {
    double net = 0;
    for (LabelledSignal s : signals) {
      if (s.score(w) >= threshold) {
        net += s.outcomeR();
      }
    }
    return net;
  }

  private static List<LabelledSignal> window(List<LabelledSignal> signals, long from, long to) {
    List<LabelledSignal> out = new ArrayList<>();
    for (LabelledSignal s : signals) {
      if (s.timeMs() >= from && s.timeMs() < to) {
        out.add(s);
      }
    }
    return out;
  }
}
