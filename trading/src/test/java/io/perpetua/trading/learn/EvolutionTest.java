package io.perpetua.trading.learn;

import static io.perpetua.trading.learn.LearnFixtures.BTC;
import static io.perpetua.trading.learn.LearnFixtures.DAY;
import static io.perpetua.trading.learn.LearnFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.signals.flow.FlowTier;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FactoryStrategyRow;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.FlowTradeStatus;
import io.perpetua.trading.flow.InMemoryFlowJournal;
import io.perpetua.trading.flow.StrategyStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvolutionTest {
  private static final long H = 3_600_000L;
  private final long[] now = {T0 + 10 * 60_000L}; // 00:10 UTC
  private final InMemoryFlowJournal journal = new InMemoryFlowJournal();
  private final FlowService flow =
      new FlowService(
          FlowEngineSettings.paper("evo-test"), Set.of(BTC), journal, () -> now[0], null);
  private final List<LearningDecision> audit = new ArrayList<>();
  private final StrategyId good = flow.create(LearnFixtures.definition("Good", "BTCUSDT")).id();
  private final StrategyId bad = flow.create(LearnFixtures.definition("Bad", "BTCUSDT")).id();

  private Evolution evolution(EvolutionConfig config, EvolutionStore store) {
    return new Evolution(flow, store, config, () -> now[0], audit::add);
  }

  @Test
  void fitnessIsTheSpecFormula() {
    // 3 trades +2, +1, −1 R over 2 days: PF 3, win rate 2/3, 9 short of 12
    Fitness f = Fitness.of(List.of(trade(good, 1, 2), trade(good, 2, 1), trade(good, 3, -1)), 4, 2);
    double expected = 2 + 0.9 * 2 / 2 + 0.6 * (3 - 1) + 1.25 * (2.0 / 3 - 0.5) - 0.35 * 9;
    assertThat(f.fitness()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Fitness.of(List.of(), 0, 7).fitness())
        .isCloseTo(-4.2, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void mutatesTheBestParentAtMostOncePerSymbolPerDay() {
    trades();
    Evolution e = evolution(EvolutionConfig.DEFAULTS, new InMemoryEvolutionStore(journal));

    EvolutionStore.Run first = e.run(false, LearningDecision.ACTOR);
    now[0] += 6 * H;
    EvolutionStore.Run second = e.run(false, LearningDecision.ACTOR);

    assertThat((List<?>) first.report().get("created")).hasSize(1);
    assertThat((List<?>) second.report().get("created")).isEmpty();
    assertThat(second.markdown()).contains("**skip** BTCUSDT: 1 new strategy per day already");
    FactoryStrategyRow child = flow.strategies().get(2);
    assertThat(child.status()).isEqualTo(StrategyStatus.RUNNING);
    assertThat(e.store().lineage())
        .singleElement()
        .satisfies(l -> assertThat(l.parent()).isEqualTo(good)); // the fitter one
    assertThat(child.definition().displayName()).isEqualTo("Good auto 2026-01-01");
    assertThat(journal.strategies()).hasSize(3);

    now[0] += DAY;
    assertThat((List<?>) e.run(false, LearningDecision.ACTOR).report().get("created")).hasSize(1);
  }

  @Test
  void keepsAtMostThreeAutoCreatedRunningByDeprecatingTheWeakest() {
    trades();
    Evolution e = evolution(EvolutionConfig.DEFAULTS, new InMemoryEvolutionStore(journal));
    for (int day = 0; day < 3; day++) {
      e.run(false, LearningDecision.ACTOR);
      now[0] += DAY;
    }
    List<StrategyId> auto =
        e.store().lineage().stream().map(EvolutionStore.Lineage::strategy).toList();
    journal.recordTrade(trade(auto.get(1), 10, -1)); // the second child is the weakest
    journal.recordTrade(trade(auto.get(0), 11, 1));
    journal.recordTrade(trade(auto.get(2), 12, 0.5));

    EvolutionStore.Run fourth = e.run(false, LearningDecision.ACTOR);

    assertThat(fourth.markdown()).contains("**deprecate** BTCUSDT " + auto.get(1).value());
    assertThat(flow.strategy(auto.get(1)).orElseThrow().status())
        .isEqualTo(StrategyStatus.DEPRECATED);
    assertThat(runningAuto(e)).isEqualTo(3);
    assertThat(e.store().lineage()).hasSize(4);
  }

  @Test
  void neverDeprecatesAStrategyYoungerThan24Hours() {
    EvolutionConfig oneRunning = new EvolutionConfig(7, 1, 1, DAY, 5);
    Evolution e = evolution(oneRunning, new InMemoryEvolutionStore(journal));
    e.run(false, LearningDecision.ACTOR); // day 0 00:10: child A
    StrategyId a = e.store().lineage().get(0).strategy();

    now[0] = T0 + DAY + 5 * 60_000L; // day 1 00:05: A is 23 h 55 min old
    EvolutionStore.Run early = e.run(false, LearningDecision.ACTOR);
    assertThat((List<?>) early.report().get("created")).isEmpty();
    assertThat(early.markdown()).contains("none older than the minimum age");
    assertThat(flow.strategy(a).orElseThrow().status()).isEqualTo(StrategyStatus.RUNNING);

    now[0] = T0 + DAY + 20 * 60_000L; // 24 h 10 min
    EvolutionStore.Run later = e.run(false, LearningDecision.ACTOR);
    assertThat((List<?>) later.report().get("created")).hasSize(1);
    assertThat(flow.strategy(a).orElseThrow().status()).isEqualTo(StrategyStatus.DEPRECATED);
    assertThat(runningAuto(e)).isEqualTo(1);
  }

  @Test
  void aDryRunReportsAndChangesNothing() {
    trades();
    Evolution e = evolution(EvolutionConfig.DEFAULTS, new InMemoryEvolutionStore(journal));

    EvolutionStore.Run dry = e.run(true, "alice");

    assertThat(flow.strategies()).hasSize(2);
    assertThat(journal.strategies()).hasSize(2);
    assertThat(e.store().lineage()).isEmpty();
    assertThat((List<?>) dry.report().get("actions")).hasSize(1);
    assertThat(dry.report()).containsEntry("dry_run", true).containsKeys("strategies", "regimes");
    assertThat(dry.markdown()).contains("dry run", "**create** BTCUSDT \"Good auto 2026-01-01\"");
  }

  @Test
  void aFailureWhileStoringLeavesTheStrategiesAsTheyWere() {
    trades();
    InMemoryEvolutionStore inner = new InMemoryEvolutionStore(journal);
    EvolutionStore failing =
        new EvolutionStore() {
          @Override
          public List<Lineage> lineage() {
            return inner.lineage();
          }

          @Override
          public List<Run> runs(int limit) {
            return inner.runs(limit);
          }

          @Override
          public void commit(Run run, List<FactoryStrategyRow> rows, List<Lineage> born) {
            throw new IllegalStateException("disk full");
          }
        };
    Evolution e = evolution(EvolutionConfig.DEFAULTS, failing);

    assertThatThrownBy(() -> e.run(false, LearningDecision.ACTOR)).hasMessage("disk full");
    assertThat(flow.strategies()).hasSize(2);
    assertThat(flow.strategies()).allMatch(r -> r.status() == StrategyStatus.RUNNING);
    assertThat(audit).isEmpty(); // nothing happened, nothing claimed
  }

  @Test
  void everyDecisionIsAuditedAndTheSameInputsGiveTheSamePlan() {
    trades();
    Evolution e = evolution(EvolutionConfig.DEFAULTS, new InMemoryEvolutionStore(journal));
    EvolutionStore.Run a = e.run(true, LearningDecision.ACTOR);
    EvolutionStore.Run b = e.run(true, LearningDecision.ACTOR);

    assertThat(a.report().get("actions")).isEqualTo(b.report().get("actions"));
    assertThat(audit)
        .extracting(LearningDecision::action)
        .containsExactly(
            Evolution.RUN,
            "flow.learning.evolution.create",
            Evolution.RUN,
            "flow.learning.evolution.create");
    assertThat(audit.get(1).numbers()).containsEntry("parent_id", good.value());
  }

  private long runningAuto(Evolution e) {
    return e.store().lineage().stream()
        .filter(l -> flow.strategy(l.strategy()).orElseThrow().status() == StrategyStatus.RUNNING)
        .count();
  }

  private void trades() {
    for (int i = 0; i < 8; i++) {
      journal.recordTrade(trade(good, i, i % 4 == 0 ? -1 : 1.5));
      journal.recordTrade(trade(bad, i, i % 4 == 0 ? 0.5 : -1));
    }
  }

  private ClosedFlowTrade trade(StrategyId s, int i, double r) {
    long exit = now[0] - 2 * DAY + i * H;
    return new ClosedFlowTrade(
        s.value() + "-" + i + "-" + exit,
        s,
        BTC,
        FlowDirection.LONG,
        FlowTier.STANDARD,
        80,
        exit - H,
        exit,
        100,
        101,
        1,
        Money.of(10),
        r > 0 ? FlowTradeStatus.TP : FlowTradeStatus.SL,
        r,
        0,
        r,
        Money.of(10 * r),
        Money.of(0),
        0,
        0,
        false,
        H,
        0);
  }
}
