package io.perpetua.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcAllocationStore;
import io.perpetua.store.jdbc.JdbcOrchestratorStore;
import io.perpetua.trading.allocation.AllocationConfig;
import io.perpetua.trading.allocation.AllocationRecord;
import io.perpetua.trading.allocation.AllocationState;
import io.perpetua.trading.allocation.AllocationStep;
import io.perpetua.trading.allocation.BanditAllocator;
import io.perpetua.trading.allocation.MarketVol;
import io.perpetua.trading.allocation.ReturnSeries;
import io.perpetua.trading.orchestrator.JobDefinition;
import io.perpetua.trading.orchestrator.Orchestrator;
import io.perpetua.trading.orchestrator.OrchestratorStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator's schedule and the allocation history on a database: a due time missed while the
 * platform was down runs once after the restart; two instances on separate connection pools of one
 * database never run a job twice; allocation steps round-trip. Subclasses give the database.
 */
public abstract class OrchestrationStoresContract {
  private static final long T0 = Instant.parse("2026-01-01T00:00:30Z").toEpochMilli();
  private static final long MIN = 60_000L;
  private final List<Database> open = new ArrayList<>();

  /** Makes a fresh, empty database the next {@link #open()} calls open. */
  protected abstract void fresh() throws Exception;

  /** Opens a new connection pool on the current database. */
  protected abstract Database openDatabase();

  private Database open() {
    Database d = openDatabase();
    open.add(d);
    return d;
  }

  @AfterEach
  void closeAll() {
    open.forEach(Database::close);
    open.clear();
  }

  static List<JobDefinition> plan() {
    return List.of(
        new JobDefinition("every_minute", "* * * * *", "m"),
        new JobDefinition("bandit_rebalance", "*/5 * * * *", "b"),
        new JobDefinition("walk_forward", "10 0 * * *", "w"));
  }

  static Orchestrator orchestrator(
      OrchestratorStore store, String instance, Map<String, AtomicInteger> calls) {
    Map<String, Orchestrator.Action> actions = new HashMap<>();
    for (JobDefinition d : plan()) {
      actions.put(
          d.name(),
          now -> {
            calls.computeIfAbsent(d.name() + "@" + now, k -> new AtomicInteger()).incrementAndGet();
            return "ran " + d.name() + " for " + instance;
          });
    }
    return new Orchestrator(plan(), actions, store, instance);
  }

  @Test
  void aScheduleThatFellDueDuringAShutdown_runsExactlyOnceAfterRestart() throws Exception {
    fresh();
    Database first = open();
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    Orchestrator a = orchestrator(new JdbcOrchestratorStore(first), "a", calls);
    a.start(T0);
    assertThat(a.tick(T0 + 4 * MIN + 30_000)) // 00:05:00
        .extracting(OrchestratorStore.Run::job)
        .containsExactlyInAnyOrder("every_minute", "bandit_rebalance");
    first.close();
    open.remove(first);

    // down from 00:05 to 00:47: bandit_rebalance was due at 00:10, 00:15, ..., 00:45
    long restart = Instant.parse("2026-01-01T00:47:10Z").toEpochMilli();
    Database second = open();
    Orchestrator b = orchestrator(new JdbcOrchestratorStore(second), "b", calls);
    b.start(restart);
    List<OrchestratorStore.Run> caught = b.tick(restart);
    // walk_forward (00:10) fell due during the shutdown too
    assertThat(caught)
        .extracting(OrchestratorStore.Run::job)
        .containsExactlyInAnyOrder("every_minute", "bandit_rebalance", "walk_forward");
    assertThat(caught).allMatch(r -> r.trigger().equals("catch_up"));
    assertThat(b.tick(restart + 20_000)).isEmpty(); // nothing twice
    assertThat(b.tick(Instant.parse("2026-01-01T00:50:00Z").toEpochMilli()))
        .filteredOn(r -> r.job().equals("bandit_rebalance"))
        .extracting(OrchestratorStore.Run::trigger)
        .containsExactly("schedule");
    List<OrchestratorStore.Run> bandit = b.store().runs("bandit_rebalance", 100, Long.MAX_VALUE);
    assertThat(bandit).hasSize(3).allMatch(r -> r.status().equals("done"));
    assertThat(bandit.get(1).scheduledForMs())
        .isEqualTo(Instant.parse("2026-01-01T00:10:00Z").toEpochMilli());
    assertThat(b.store().runs("walk_forward", 100, Long.MAX_VALUE)).hasSize(1);
    assertThat(calls.get("walk_forward@" + restart).get()).isEqualTo(1);
    assertThat(b.store().jobs())
        .extracting(OrchestratorStore.JobState::name)
        .containsExactly("bandit_rebalance", "every_minute", "walk_forward");
  }

  @Test
  void aRunACrashLeftRunning_isAbandonedAtTheNextStart_andRetentionDeletesOldEndedRuns()
      throws Exception {
    fresh();
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    Database first = open();
    Orchestrator a = orchestrator(new JdbcOrchestratorStore(first), "a", calls);
    a.start(T0);
    List<OrchestratorStore.Claim> claimed = a.store().claimDue(T0 + 30_000, "a"); // then a crash
    assertThat(claimed).isNotEmpty();
    first.close();
    open.remove(first);
    Orchestrator b = orchestrator(new JdbcOrchestratorStore(open()), "b", calls);
    b.start(T0 + 5 * MIN);
    List<OrchestratorStore.Run> runs = b.store().runs(null, 100, Long.MAX_VALUE);
    assertThat(runs).hasSize(claimed.size());
    for (OrchestratorStore.Run r : runs) {
      assertThat(r.status()).isEqualTo("abandoned");
      assertThat(r.endedMs()).isEqualTo(T0 + 5 * MIN);
      assertThat(r.summary()).isEqualTo("abandoned: still running when b started");
    }
    long day = 86_400_000L;
    b.store().record("every_minute", "schedule", T0 + 30 * day, "b", "done", "recent");
    assertThat(b.store().prune(T0 + 16 * day)).isEqualTo(claimed.size());
    assertThat(b.store().runs(null, 100, Long.MAX_VALUE))
        .extracting(OrchestratorStore.Run::summary)
        .containsExactly("recent");
  }

  @Test
  void twoInstancesOnOneDatabase_neverRunTheSameJobTwice() throws Exception {
    fresh();
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    Orchestrator a = orchestrator(new JdbcOrchestratorStore(open()), "a", calls);
    Orchestrator b = orchestrator(new JdbcOrchestratorStore(open()), "b", calls);
    a.start(T0);
    b.start(T0);
    int minutes = 90;
    CyclicBarrier barrier = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (Orchestrator o : List.of(a, b)) {
        done.add(
            pool.submit(
                () -> {
                  int runs = 0;
                  for (int m = 1; m <= minutes; m++) {
                    barrier.await();
                    runs += o.tick(T0 + m * MIN - 30_000).size();
                  }
                  return runs;
                }));
      }
      int total = done.get(0).get() + done.get(1).get();
      // every minute 90 times, every 5 minutes 18 times (00:05 .. 01:30), 00:10 once
      assertThat(total).isEqualTo(90 + 18 + 1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(calls.values()).allMatch(c -> c.get() == 1);
    assertThat(calls).hasSize(90 + 18 + 1);
    List<OrchestratorStore.Run> runs = a.store().runs(null, 1000, Long.MAX_VALUE);
    Map<String, Integer> perDueTime = new HashMap<>();
    for (OrchestratorStore.Run r : runs) {
      perDueTime.merge(r.job() + "@" + r.scheduledForMs(), 1, Integer::sum);
    }
    assertThat(perDueTime.values()).allMatch(c -> c == 1);
    assertThat(runs).hasSize(109);
  }

  @Test
  void allocationSteps_roundTrip_newestFirst() throws Exception {
    fresh();
    JdbcAllocationStore store = new JdbcAllocationStore(open());
    assertThat(store.latest()).isEmpty();
    long day = 86_400_000L;
    List<ReturnSeries> series = new ArrayList<>();
    for (String s : List.of("a", "b")) {
      long[] t = new long[10];
      double[] r = new double[10];
      for (int i = 0; i < 10; i++) {
        t[i] = T0 + (i + 1) * day;
        r[i] = (s.equals("a") ? 0.01 : -0.01) + (i % 3) * 0.002;
      }
      series.add(new ReturnSeries(s, t, r));
    }
    BanditAllocator allocator = new BanditAllocator(AllocationConfig.defaults());
    AllocationStep first =
        allocator.step(AllocationState.empty(), series, MarketVol.UNKNOWN, T0 + 9 * day, "bandit");
    AllocationStep second =
        allocator.step(first.state(), series, new MarketVol(3, 1), T0 + 10 * day, "bandit");
    AllocationRecord r1 = store.append(first, "api", "alice");
    AllocationRecord r2 = store.append(second, "orchestrator", "system:orchestrator");
    assertThat(r2.id()).isGreaterThan(r1.id());
    assertThat(store.latest().orElseThrow()).isEqualTo(r2);
    assertThat(store.history(10, Long.MAX_VALUE)).containsExactly(r2, r1);
    assertThat(store.history(10, r2.id())).containsExactly(r1);
    assertThat(store.latest().orElseThrow().step().state()).isEqualTo(second.state());
  }
}
