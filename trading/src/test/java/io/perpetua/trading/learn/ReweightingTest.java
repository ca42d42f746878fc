package io.perpetua.trading.learn;

import static io.perpetua.trading.learn.LearnFixtures.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.signals.flow.FactoryWeights;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.lifecycle.CanaryEvidence;
import io.perpetua.trading.lifecycle.GateConfig;
import io.perpetua.trading.lifecycle.GateReport;
import io.perpetua.trading.lifecycle.InMemoryLifecycleStore;
import io.perpetua.trading.lifecycle.LifecycleService;
import io.perpetua.trading.lifecycle.LifecycleState;
import io.perpetua.trading.lifecycle.StrategyVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReweightingTest {
  private static final GateConfig GATES = new GateConfig(0.10, 0.0, 0.10, 0.05, 5.0, 5, 5);
  private static final double[] BACKTEST = {0.003, -0.001, 0.002, 0.001, -0.002, 0.004, 0.0, 0.002};
  private static final double[] LIKE_BACKTEST = {0.004, -0.002, 0.003, 0.001, -0.001, 0.002};

  private final FlowService flow = LearnFixtures.flow();
  private final String id =
      flow.create(LearnFixtures.definition("Learner", "BTCUSDT")).id().value();
  private final LifecycleService lifecycle =
      new LifecycleService(
          new FlowParameters(flow), new InMemoryLifecycleStore(), GATES, () -> LearnFixtures.T0);
  private final List<LearningDecision> audit = new ArrayList<>();
  private final Reweighting reweighting =
      new Reweighting(lifecycle, flow, ReweightConfig.DEFAULTS, () -> LearnFixtures.T0, audit::add);

  @Test
  void aReleaseMovesNoLayerWeightMoreThanThirtyPercentThoughTheDataAskForMore() {
    // the environment alone predicts: unbounded, its weight would go to its maximum (60, +140 %)
    LifecycleState s =
        reweighting.run(id, LearnFixtures.signals(7, 60, LearnFixtures::environmentEdge), "run-1");

    assertThat(s).isNotNull();
    StrategyVersion v2 = lifecycle.versions(id).get(1);
    FactoryWeights before = weights(lifecycle.versions(id).get(0));
    FactoryWeights after = weights(v2);
    assertThat(LayerWeights.largestMove(before, after)).isPositive().isLessThanOrEqualTo(0.30);
    assertThat(after.environment()).isEqualTo(32); // 25 + 28 %: as far as the bound allows
    assertThat(after.direction() + after.environment() + after.auxiliary() + after.momentum())
        .isEqualTo(100);
    assertThat(v2.parentId()).isEqualTo(id + "-v1");
    assertThat(v2.configHash()).isNotEqualTo(lifecycle.versions(id).get(0).configHash());
    assertThat(v2.optimiserStats()).containsKeys("oos_net_r", "baseline_oos_net_r");
    assertThat(v2.optimiserStats().get("oos_net_r"))
        .isGreaterThan(v2.optimiserStats().get("baseline_oos_net_r"));
    assertThat(audit)
        .singleElement()
        .extracting(LearningDecision::action)
        .isEqualTo(Reweighting.RELEASED);
    // a release is a candidate: the running strategy keeps its weights until it is promoted
    assertThat(definition().weightEnv()).isEqualTo(25);
  }

  @Test
  void boundHoldsForEverySeed() {
    FactoryWeights from = FactoryWeights.defaults();
    for (long seed = 1; seed <= 12; seed++) {
      ReweightConfig c =
          new ReweightConfig(
              30 * DAY, 7 * DAY, 0.30, ReweightConfig.DEFAULTS.thresholds(), 5, 50, 60, seed);
      ReweightResult r =
          new WalkForward(c)
              .run(LearnFixtures.signals(seed, 44, LearnFixtures::environmentEdge), from, 75);
      assertThat(LayerWeights.allowed(from, r.weights(), 0.30)).as("seed %d", seed).isTrue();
    }
  }

  @Test
  void noReleaseWithoutAnOutOfSamplePass() {
    // trained on 30 days where the environment predicts, validated on days where it misleads
    List<LabelledSignal> flipped = new ArrayList<>();
    for (LabelledSignal s : LearnFixtures.signals(3, 60, LearnFixtures::environmentEdge)) {
      boolean late = s.timeMs() >= LearnFixtures.T0 + 30 * DAY;
      flipped.add(
          late
              ? new LabelledSignal(
                  s.timeMs(),
                  s.direction(),
                  s.crowding(),
                  s.environment(),
                  s.auxiliary(),
                  -Math.abs(s.outcomeR()) * (s.environment() / 15.0))
              : s);
    }

    assertThat(reweighting.run(id, flipped, "run-2")).isNull();
    assertThat(reweighting.run(id, LearnFixtures.signals(4, 20, e -> 0.5), "run-3")).isNull();

    assertThat(lifecycle.versions(id)).hasSize(1); // no new version
    assertThat(lifecycle.state(id).candidateId()).isNull();
    assertThat(audit).hasSize(2).allMatch(d -> d.action().equals(Reweighting.REJECTED));
    assertThat(audit.get(0).reason()).contains("out-of-sample");
    assertThat(audit.get(0).numbers()).containsKeys("pareto_front", "baseline", "run_id");
    assertThat(audit.get(1).reason()).contains("not enough data");
  }

  @Test
  void aReleasedVersionGoesLiveThroughTheLifecycleAndRollsBack() {
    LifecycleState s =
        reweighting.run(id, LearnFixtures.signals(7, 60, LearnFixtures::environmentEdge), "run-4");
    String v2 = s.candidateId();
    lifecycle.promote(id, v2, "shadow", "alice", "shadow it");
    assertThat(
            lifecycle.evaluate(id, new CanaryEvidence(LIKE_BACKTEST, BACKTEST, 3, 2, 9)).outcome())
        .isEqualTo(GateReport.PASS);
    lifecycle.evaluate(id, new CanaryEvidence(LIKE_BACKTEST, BACKTEST, 3, 2, 9));
    lifecycle.promote(id, v2, "prod", "alice", "four-eyes off");

    assertThat(definition().weightEnv()).isEqualTo(32);
    assertThat(flow.journal().versions(StrategyId.of(id))).hasSize(2);

    lifecycle.rollback(id, "bob", "worse live", java.util.Map.of());

    assertThat(lifecycle.state(id).stableId()).isEqualTo(id + "-v1");
    FactoryStrategyDefinition back = definition();
    assertThat(back.weightEnv()).isEqualTo(25);
    assertThat(back.entryScore()).isEqualTo(75);
  }

  @Test
  void validationAlwaysFollowsTrainingAndTheSameSeedGivesTheSameRelease() {
    List<LabelledSignal> data = LearnFixtures.signals(9, 52, LearnFixtures::environmentEdge);
    ReweightResult a =
        new WalkForward(ReweightConfig.DEFAULTS).run(data, FactoryWeights.defaults(), 75);
    ReweightResult b =
        new WalkForward(ReweightConfig.DEFAULTS).run(data, FactoryWeights.defaults(), 75);

    assertThat(a).isEqualTo(b);
    assertThat(a.folds()).hasSize(3); // 52 days: 30 + 7 from day 0, 7 and 14
    for (ReweightResult.Fold f : a.folds()) {
      assertThat(f.trainToMs() - f.trainFromMs()).isEqualTo(30 * DAY);
      assertThat(f.testToMs() - f.trainToMs()).isEqualTo(7 * DAY);
    }
    for (ReweightResult.Point p : a.front()) { // nothing on the front is dominated
      assertThat(a.front())
          .noneMatch(q -> q != p && q.netR() > p.netR() && q.maxDrawdownR() < p.maxDrawdownR());
    }
  }

  private FactoryStrategyDefinition definition() {
    return flow.strategy(StrategyId.of(id)).orElseThrow().definition();
  }

  private static FactoryWeights weights(StrategyVersion v) {
    return new FactoryWeights(
        ((Number) v.parameters().get("weight_direction")).doubleValue(),
        ((Number) v.parameters().get("weight_env")).doubleValue(),
        ((Number) v.parameters().get("weight_aux")).doubleValue(),
        ((Number) v.parameters().get("weight_momentum")).doubleValue());
  }
}
