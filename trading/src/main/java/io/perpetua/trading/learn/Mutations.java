package io.perpetua.trading.learn;

import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.signals.flow.FactoryWeights;
import java.util.List;
import java.util.Random;

/**
 * The mutation of a parent factory strategy (spec §5): another CVD window pair, the TP/SL profile
 * of the symbol's regime, an entry-score step of ±5, and a weight nudge (each layer ≤ 15 %, sum
 * 100). Deterministic for a given {@link Random}.
 */
final class Mutations {
  private static final List<String[]> WINDOWS =
      List.of(
          new String[] {"5m", "30m"},
          new String[] {"5m", "1h"},
          new String[] {"15m", "1h"},
          new String[] {"15m", "4h"},
          new String[] {"30m", "1h"},
          new String[] {"30m", "4h"});

  private Mutations() {}

  /** {@code sl, tp1, tp2, timeout minutes} of a regime. */
  static double[] profile(Regime regime) {
    return switch (regime) {
      case CRASH -> new double[] {2.0, 0.75, 1.5, 120};
      case HIGH_VOL -> new double[] {1.8, 0.9, 1.8, 180};
      case TREND -> new double[] {1.5, 1.0, 2.5, 360};
      case RANGE -> new double[] {1.2, 0.6, 1.2, 120};
    };
  }

  /** A child of {@code p} named {@code name}, different from {@code p}. */
  static FactoryStrategyDefinition mutate(
      FactoryStrategyDefinition p, Regime regime, Random random, String name) {
    String[] w = WINDOWS.get(random.nextInt(WINDOWS.size()));
    double[] tp = profile(regime);
    double step = random.nextBoolean() ? 5 : -5;
    double entry = Math.max(60, Math.min(95, p.entryScore() + step));
    if (entry == p.entryScore()) {
      entry = p.entryScore() - step;
    }
    FactoryWeights from =
        new FactoryWeights(p.weightDirection(), p.weightEnv(), p.weightAux(), p.weightMomentum());
    List<FactoryWeights> nudges = LayerWeights.candidates(from, 0.15, 8, random.nextLong());
    FactoryWeights to = nudges.isEmpty() ? from : nudges.get(random.nextInt(nudges.size()));
    return new FactoryStrategyDefinition(
        name,
        p.symbol(),
        p.direction(),
        p.initialBalance(),
        w[0],
        w[1],
        to.direction(),
        to.environment(),
        to.auxiliary(),
        to.momentum(),
        entry,
        p.volGateOn(),
        p.volMin(),
        p.whaleGateOn(),
        p.whaleUsd(),
        p.whaleFlowPct(),
        p.obiGateOn(),
        p.obiVeto(),
        p.spotPerpGateOn(),
        p.spotPerpVeto(),
        tp[0],
        tp[1],
        tp[2],
        (int) tp[3],
        Math.max(entry, Math.min(95, p.flipThreshold())));
  }
}
