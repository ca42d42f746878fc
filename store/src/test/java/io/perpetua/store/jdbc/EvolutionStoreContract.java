package io.perpetua.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.trading.flow.FactoryStrategyRow;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.StrategyStatus;
import io.perpetua.trading.learn.Evolution;
import io.perpetua.trading.learn.EvolutionConfig;
import io.perpetua.trading.learn.EvolutionStore;
import io.perpetua.trading.learn.LearningDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The evolution store's contract: an applied run is one transaction, all or nothing. */
abstract class EvolutionStoreContract {
  private static final long T0 = 1_767_225_600_000L + 10 * 60_000L; // 2026-01-01T00:10Z
  private static final long DAY = 86_400_000L;
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final EvolutionConfig ONE_RUNNING = new EvolutionConfig(7, 1, 1, DAY, 5);

  private Database db;
  private final long[] now = {T0};
  private final List<LearningDecision> audit = new ArrayList<>();

  /** A fresh, migrated database. */
  protected abstract DatabaseConfig freshDatabase() throws Exception;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(freshDatabase());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private FlowService flow() {
    FlowService f =
        new FlowService(
            FlowEngineSettings.paper("evo-h2"),
            Set.of(BTC),
            new JdbcFlowJournal(db),
            () -> now[0],
            null);
    f.loadStrategies();
    return f;
  }

  private Evolution evolution(FlowService flow, Consumer<String> afterStatement) {
    return new Evolution(
        flow, new JdbcEvolutionStore(db, afterStatement), ONE_RUNNING, () -> now[0], audit::add);
  }

  @Test
  void anAppliedRunIsStoredWithItsRowsAndLineage() {
    FlowService flow = flow();
    StrategyId parent = flow.create(FactoryStrategyDefinition.defaults("Parent", "BTCUSDT")).id();

    EvolutionStore.Run run = evolution(flow, s -> {}).run(false, LearningDecision.ACTOR);

    JdbcEvolutionStore store = new JdbcEvolutionStore(db);
    assertThat(store.lineage())
        .singleElement()
        .satisfies(l -> assertThat(l.parent()).isEqualTo(parent));
    assertThat(store.runs(5))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.id()).isEqualTo(run.id());
              assertThat(r.report()).containsEntry("dry_run", false);
              assertThat(r.markdown()).contains("**create** BTCUSDT");
            });
    assertThat(new JdbcFlowJournal(db).strategies()).hasSize(2);
    assertThat(flow().strategies()).hasSize(2); // a restart sees the child
  }

  @Test
  void aFailureMidApplyLeavesNothingInTheDatabaseOrTheRunningStrategies() {
    FlowService flow = flow();
    flow.create(FactoryStrategyDefinition.defaults("Parent", "BTCUSDT"));
    evolution(flow, s -> {}).run(false, LearningDecision.ACTOR); // day 0: child A
    now[0] += DAY; // day 1: A is 24 h old; the run deprecates A and creates B
    List<FactoryStrategyRow> before = flow.strategies();
    int audited = audit.size();
    List<String> written = new ArrayList<>();

    Evolution failing =
        evolution(
            flow,
            step -> {
              written.add(step);
              if (step.startsWith("lineage")) {
                throw new IllegalStateException("crash mid-apply");
              }
            });
    assertThatThrownBy(() -> failing.run(false, LearningDecision.ACTOR))
        .hasMessageContaining("crash mid-apply");

    assertThat(written).contains("run").anyMatch(s -> s.startsWith("strategy"));
    assertThat(flow.strategies()).isEqualTo(before);
    List<FactoryStrategyRow> stored = new JdbcFlowJournal(db).strategies();
    assertThat(stored).hasSize(2).allMatch(r -> r.status() == StrategyStatus.RUNNING);
    JdbcEvolutionStore store = new JdbcEvolutionStore(db);
    assertThat(store.runs(10)).hasSize(1);
    assertThat(store.lineage()).hasSize(1);
    assertThat(audit).hasSize(audited);

    EvolutionStore.Run retry = evolution(flow, s -> {}).run(false, LearningDecision.ACTOR);
    assertThat((List<?>) retry.report().get("created")).hasSize(1);
    assertThat(new JdbcFlowJournal(db).strategies())
        .filteredOn(r -> r.status() == StrategyStatus.DEPRECATED)
        .hasSize(1);
  }
}
