package io.perpetua.trading.kernel;

import io.perpetua.readmodel.SignalSnapshot;
import io.perpetua.readmodel.SymbolSignal;
import io.perpetua.readmodel.TargetPosition;
import io.perpetua.signals.PanelMarketView;
import io.perpetua.signals.strategy.StrategyDecision;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The ensemble's signal ({@code weighted_average}) of the kernel's sleeves: per instrument, the
 * average of the active strategies' latest signals weighted by their shares (over those with a
 * signal there); the side is the sign of the netted target weight. Split out of {@link
 * StrategySleeves}; stateless.
 */
final class EnsembleSignal {
  private EnsembleSignal() {}

  /** The snapshot of {@code sleeves} at {@code timeMs}, each weighted by {@code shareOf}. */
  static SignalSnapshot snapshot(
      List<StrategySleeves.Sleeve> sleeves,
      StrategyRegistry registry,
      ToDoubleFunction<String> shareOf,
      PanelMarketView view,
      long timeMs) {
    int n = view.instrumentCount();
    double[] sum = new double[n];
    double[] weight = new double[n];
    double[] target = new double[n];
    int pool = 0;
    for (StrategySleeves.Sleeve s : sleeves) {
      double share = shareOf.applyAsDouble(s.name);
      for (int i = 0; i < n; i++) {
        target[i] += share * s.weights[i];
      }
      StrategyDecision d = s.lastDecision;
      if (d == null || !StrategyRegistry.ACTIVE.equals(registry.status(s.name))) {
        continue;
      }
      pool = Math.max(pool, d.poolSize());
      for (int i = 0; i < n; i++) {
        if (!Double.isNaN(d.signal()[i])) {
          sum[i] += share * d.signal()[i];
          weight[i] += share;
        }
      }
    }
    List<Integer> ranked = new ArrayList<>();
    double[] signal = new double[n];
    for (int i = 0; i < n; i++) {
      signal[i] = weight[i] > 0 ? sum[i] / weight[i] : Double.NaN;
      if (!Double.isNaN(signal[i])) {
        ranked.add(i);
      }
    }
    ranked.sort(Comparator.<Integer>comparingDouble(i -> -signal[i]).thenComparing(i -> i));
    List<SymbolSignal> signals = new ArrayList<>();
    List<TargetPosition> targets = new ArrayList<>();
    for (int r = 0; r < ranked.size(); r++) {
      int i = ranked.get(r);
      String side = target[i] > 0 ? "long" : target[i] < 0 ? "short" : null;
      String symbol = view.instrument(i).apiSymbol();
      signals.add(new SymbolSignal(symbol, signal[i], r + 1, side));
      if (side != null) {
        targets.add(
            new TargetPosition(
                symbol, side, target[i], signal[i], StrategyRegistry.ENSEMBLE + "_" + side));
      }
    }
    return new SignalSnapshot(StrategyRegistry.ENSEMBLE, timeMs, signals, targets, pool);
  }
}
