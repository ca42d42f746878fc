package io.perpetua.trading.learn;

import io.perpetua.core.InstrumentId;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.InMemoryFlowJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntToDoubleFunction;

/** Seeded labelled signals and a flow service for the learning-loop tests. */
final class LearnFixtures {
  static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00Z
  static final long DAY = 86_400_000L;
  static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  static final InstrumentId ETH = InstrumentId.fromVenueSymbol("ETHUSDT");

  private LearnFixtures() {}

  /**
   * {@code days} of 40 signals a day; the outcome in R is {@code edge(environment points)} plus
   * seeded noise (floored at −1 R), for signals from day {@code fromDay} on.
   */
  static List<LabelledSignal> signals(long seed, int days, IntToDoubleFunction edge) {
    Random r = new Random(seed);
    int[] p99 = {0, 10, 20};
    int[] lsr = {0, 7, 10, 15};
    int[] top = {0, 5, 10};
    int[] env = {5, 10, 15};
    int[] aux = {0, 2, 5};
    List<LabelledSignal> out = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      for (int i = 0; i < 40; i++) {
        long t = T0 + d * DAY + i * (DAY / 40);
        int e = env[r.nextInt(3)];
        double outcome = Math.max(-1, edge.applyAsDouble(e) + r.nextGaussian() * 0.4);
        out.add(
            new LabelledSignal(
                t,
                30 + p99[r.nextInt(3)] + (r.nextBoolean() ? 5 : 0),
                lsr[r.nextInt(4)] + top[r.nextInt(3)],
                e,
                aux[r.nextInt(3)],
                outcome));
      }
    }
    return out;
  }

  /** The environment predicts the outcome: +0.8 R at 15 points, −0.8 R at 5. */
  static double environmentEdge(int env) {
    return env == 15 ? 0.8 : env == 10 ? -0.1 : -0.8;
  }

  static FlowService flow() {
    return new FlowService(
        FlowEngineSettings.paper("learn-test"),
        Set.of(BTC, ETH),
        new InMemoryFlowJournal(),
        () -> T0,
        null);
  }

  static FactoryStrategyDefinition definition(String name, String symbol) {
    return FactoryStrategyDefinition.defaults(name, symbol);
  }
}
