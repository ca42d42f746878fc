package io.perpetua.optimizer;

import io.perpetua.analytics.overfit.JitterResult;
import io.perpetua.analytics.overfit.ParameterJitter;
import io.perpetua.backtest.BacktestRunner;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.optimizer.wfo.Fold;
import io.perpetua.optimizer.wfo.WalkForward;
import io.perpetua.optimizer.wfo.WalkForwardResult;
import io.perpetua.signals.strategy.space.ParamKind;
import io.perpetua.signals.strategy.space.ParamSpace;
import io.perpetua.signals.strategy.space.ParamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Parameter-jitter sensitivity of the parameters traded now ({@code best_params}: the last fold
 * that chose some): the first objective on that fold's training window at the chosen point and at
 * ±δ along each searched parameter, one at a time ({@link ParameterJitter}, issue 16 item 4). δ is
 * a fraction of the searched range (unit cube), at least one grid step for a discrete parameter;
 * categorical parameters are left out. A plateau ("flat is good": neighbours close to the centre)
 * says the optimum is robust; a spike says it is fitted to noise. Immutable.
 *
 * @param fold the fold whose choice was jittered
 * @param delta δ as a fraction of each searched range (before the one-grid-step minimum)
 * @param rows per parameter: the values and objectives at −δ and +δ
 * @param jitter the objectives ({@link JitterResult}: base, minus, plus)
 */
public record Sensitivity(int fold, double delta, List<Sensitivity.Row> rows, JitterResult jitter) {
  /** The default δ: 10 % of each searched range. */
  public static final double DEFAULT_DELTA = 0.10;

  /**
   * One parameter's neighbours.
   *
   * @param name parameter
   * @param value the chosen value
   * @param minusValue the value at −δ (the chosen one when at the range's end or categorical)
   * @param plusValue the value at +δ
   * @param minus the objective at −δ
   * @param plus the objective at +δ
   */
  public record Row(
      String name, Object value, Object minusValue, Object plusValue, double minus, double plus) {}

  /** Copies. */
  public Sensitivity {
    rows = List.copyOf(rows);
  }

  /**
   * The jitter of the last fold that chose parameters, or null when none did (or the space is
   * empty).
   */
  public static Sensitivity ofLastChoice(
      ParamSpace space,
      BacktestRunner engine,
      BacktestRequest base,
      SearchSettings settings,
      WalkForwardResult result,
      double delta,
      BooleanSupplier cancelled) {
    Fold fold = null;
    for (Fold f : result.folds()) {
      if (f.chosen() != null) {
        fold = f;
      }
    }
    if (fold == null || space.dimension() == 0 || cancelled.getAsBoolean()) {
      return null;
    }
    TrialTask task =
        new TrialTask(
            WalkForward.window(base, fold.window().trainStart(), fold.window().trainEnd()),
            settings.objectives(),
            settings.constraints());
    double[] center = space.unit(fold.chosen());
    double[] deltas = deltas(space, delta);
    JitterResult jitter =
        ParameterJitter.around(
            center,
            deltas,
            u -> task.run(engine, new TrialInput(-1, space.values(clamp(u))), cancelled).score());
    List<Row> rows = new ArrayList<>();
    Map<String, Object> chosen = space.values(center);
    for (int j = 0; j < space.dimension(); j++) {
      String name = space.params().get(j).name();
      double[] lo = center.clone();
      lo[j] = center[j] - deltas[j];
      double[] hi = center.clone();
      hi[j] = center[j] + deltas[j];
      rows.add(
          new Row(
              name,
              chosen.get(name),
              space.values(clamp(lo)).get(name),
              space.values(clamp(hi)).get(name),
              jitter.minus()[j],
              jitter.plus()[j]));
    }
    return new Sensitivity(fold.index(), delta, rows, jitter);
  }

  private static double[] deltas(ParamSpace space, double delta) {
    double[] out = new double[space.dimension()];
    for (int j = 0; j < out.length; j++) {
      ParamSpec p = space.params().get(j);
      int levels = p.levels();
      if (p.kind() == ParamKind.CATEGORICAL) {
        out[j] = 0;
      } else if (levels > 1) {
        out[j] = Math.max(delta, 1.0 / (levels - 1));
      } else {
        out[j] = delta;
      }
    }
    return out;
  }

  private static double[] clamp(double[] u) {
    double[] out = u.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.max(0, Math.min(1, out[i]));
    }
    return out;
  }
}
