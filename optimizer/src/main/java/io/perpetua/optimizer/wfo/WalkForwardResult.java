package io.perpetua.optimizer.wfo;

import io.perpetua.jobs.EquityCurve;
import io.perpetua.signals.strategy.space.ParamSpace;
import io.perpetua.signals.strategy.space.ParamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A walk-forward optimisation: its folds, the stitched out-of-sample equity (each forward window's
 * returns chained from the starting capital), walk-forward efficiency (annualised out-of-sample
 * return of the stitched curve / mean annualised in-sample return of the chosen parameters) and
 * parameter stability (per parameter, the standard deviation across folds of the chosen value as a
 * fraction of the searched range: 0 = the same every fold). Immutable.
 */
public record WalkForwardResult(
    ParamSpace space, List<Fold> folds, EquityCurve outOfSample, double capital) {
  /** Copies. */
  public WalkForwardResult {
    folds = List.copyOf(folds);
  }

  /** Stitches the forward curves of {@code folds} starting from {@code capital}. */
  public static EquityCurve stitch(List<Fold> folds, double capital) {
    List<Long> times = new ArrayList<>();
    List<Double> equity = new ArrayList<>();
    double level = capital;
    for (Fold f : folds) {
      EquityCurve c = f.forwardCurve();
      if (c == null || c.size() == 0) {
        continue;
      }
      double base = c.equity()[0];
      int from = times.isEmpty() ? 0 : 1;
      if (times.isEmpty()) {
        times.add(c.timesMs()[0]);
        equity.add(level);
      }
      for (int i = Math.max(1, from); i < c.size(); i++) {
        times.add(c.timesMs()[i]);
        equity.add(level * c.equity()[i] / base);
      }
      level = equity.get(equity.size() - 1);
    }
    return new EquityCurve(
        times.stream().mapToLong(Long::longValue).toArray(),
        equity.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Annualised return of the stitched out-of-sample curve (NaN when too short). */
  public double outOfSampleCagr() {
    return cagr(outOfSample);
  }

  /** Mean training CAGR of the chosen parameters over the folds that chose some. */
  public double inSampleCagr() {
    double sum = 0;
    int n = 0;
    for (Fold f : folds) {
      if (f.inSample() != null && Double.isFinite(f.inSample().cagr())) {
        sum += f.inSample().cagr();
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Walk-forward efficiency: out-of-sample CAGR / mean in-sample CAGR. */
  public double efficiency() {
    double is = inSampleCagr();
    return is == 0 ? Double.NaN : outOfSampleCagr() / is;
  }

  /** Per parameter: standard deviation of the chosen unit-cube coordinate across folds. */
  public Map<String, Double> stability() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (ParamSpec p : space.params()) {
      List<Double> u = new ArrayList<>();
      for (Fold f : folds) {
        if (f.chosen() != null && f.chosen().containsKey(p.name())) {
          u.add(p.unit(f.chosen().get(p.name())));
        }
      }
      out.put(p.name(), sd(u));
    }
    return out;
  }

  private static double sd(List<Double> xs) {
    if (xs.size() < 2) {
      return Double.NaN;
    }
    double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double var = 0;
    for (double x : xs) {
      var += (x - mean) * (x - mean);
    }
    return Math.sqrt(var / (xs.size() - 1));
  }

  static double cagr(EquityCurve c) {
    if (c == null || c.size() < 2 || !(c.equity()[0] > 0)) {
      return Double.NaN;
    }
    double years = (c.timesMs()[c.size() - 1] - c.timesMs()[0]) / (365.0 * 86_400_000L);
    if (!(years > 0)) {
      return Double.NaN;
    }
    return Math.pow(c.equity()[c.size() - 1] / c.equity()[0], 1 / years) - 1;
  }
}
