package io.perpetua.optimizer.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.backtest.BacktestRunner;
import io.perpetua.backtest.engine.StrategyTemplates;
import io.perpetua.backtest.job.JobService;
import io.perpetua.backtest.job.JobServiceConfig;
import io.perpetua.backtest.job.JobValidator;
import io.perpetua.backtest.job.RateLimitedException;
import io.perpetua.backtest.job.StrategyCatalog;
import io.perpetua.backtest.job.StrategyTemplate;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Clock;
import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.InMemoryJobStore;
import io.perpetua.jobs.JobIds;
import io.perpetua.jobs.JobStatus;
import io.perpetua.jobs.JobStore;
import io.perpetua.optimizer.SyntheticSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Optimisation runs as jobs of the job service: validation, run, report, cancel, restart. */
class OptimizerRunsTest {
  @TempDir static Path data;
  static final StrategyTemplates TEMPLATES = SyntheticSetup.templates();
  static final Set<String> THREADS = ConcurrentHashMap.newKeySet();
  static final Set<Integer> PRIORITIES = ConcurrentHashMap.newKeySet();

  @TempDir Path reports;

  @BeforeAll
  static void write() throws Exception {
    SyntheticSetup.write(data, Long.MAX_VALUE);
  }

  static OptimizationRequest good(UnaryOperator<Map<String, Object>> change) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("strategy_id", "baseline_rev");
    f.put("trigger", "manual");
    f.put("windows", "train=30d,validate=10d,step=10d");
    f.put("objective", "sharpe");
    f.put("algorithm", "random");
    f.put("space", Map.of("long_n", "1:8:1", "short_n", "1:8:1"));
    f.put("trials", 3);
    f.put("engine", "local");
    f = change.apply(f);
    @SuppressWarnings("unchecked")
    Map<String, String> space = (Map<String, String>) f.get("space");
    return new OptimizationRequest(
        (String) f.get("strategy_id"),
        (String) f.get("trigger"),
        (String) f.get("windows"),
        (String) f.get("objective"),
        (String) f.get("algorithm"),
        space,
        (Integer) f.get("trials"),
        7,
        (String) f.get("engine"),
        0,
        List.of(),
        LocalDate.ofInstant(SyntheticSetup.day(36), ZoneOffset.UTC),
        null,
        null,
        null,
        null,
        null);
  }

  static UnaryOperator<Map<String, Object>> put(String key, Object value) {
    return m -> {
      m.put(key, value);
      return m;
    };
  }

  static OptimizerRuns runs(JobStore store, int maxActive) {
    BacktestRunner engine = SyntheticSetup.engine(data);
    BacktestRunner watched =
        (r, p, c) -> {
          THREADS.add(Thread.currentThread().getName());
          PRIORITIES.add(Thread.currentThread().getPriority());
          return engine.run(r, p, c);
        };
    RunProgress live = new RunProgress();
    Path out = data.resolve("reports");
    JobServiceConfig d = JobServiceConfig.defaults();
    JobService service =
        new JobService(
            store,
            new OptimizerJobRunner(TEMPLATES::space, watched, out, 100, e -> null, live),
            new JobValidator(
                StrategyCatalog.of(
                    List.of(
                        StrategyTemplate.checkedBy(
                            "baseline_rev",
                            StrategyTemplate.ParameterCheck.withTimeframe(
                                (o, tf) -> TEMPLATES.check("baseline_rev", o, tf))))),
                s -> true,
                List.of(Timeframe.H1)),
            Clock.system(),
            new JobServiceConfig(
                1,
                maxActive,
                d.retention(),
                d.purgeInterval(),
                Duration.ZERO,
                d.progressStep(),
                Duration.ofMillis(50),
                Duration.ofSeconds(30)),
            "optimizer-",
            Thread.MIN_PRIORITY);
    return new OptimizerRuns(
        service,
        TEMPLATES::space,
        tf -> new java.time.Instant[] {SyntheticSetup.day(0), SyntheticSetup.day(120)},
        new OptimizerRuns.Defaults("1h", 10_000, 5, 2, 2, 100),
        live,
        out);
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of(put("space", Map.of("nope", "1:2")), "space", "unknown parameter"),
        Arguments.of(put("space", Map.of("long_n", "8:1")), "space", "long_n"),
        Arguments.of(put("space", Map.of("long_n", "1:8:0")), "space", "step"),
        Arguments.of(put("space", Map.of("long_n", "1:8:-2")), "space", "step"),
        Arguments.of(put("windows", "train=300d,step=10d"), "windows", "data range"),
        Arguments.of(put("windows", "train=x"), "windows", "train"),
        Arguments.of(put("trials", 0), "trials", "> 0"),
        Arguments.of(put("trials", -3), "trials", "> 0"),
        Arguments.of(put("trials", 101), "trials", "at most 100"),
        Arguments.of(put("objective", "alpha"), "objective", "alpha"),
        Arguments.of(put("algorithm", "annealing"), "algorithm", "annealing"),
        Arguments.of(put("engine", "hadoop"), "engine", "hadoop"),
        Arguments.of(put("trigger", "whim"), "trigger", "whim"),
        Arguments.of(put("strategy_id", "nope"), "strategy_id", "nope"),
        Arguments.of(put("strategy_id", "x".repeat(100_000)), "strategy_id", "at most 64"),
        Arguments.of(put("algorithm", "y".repeat(100_000)), "algorithm", "at most 32"),
        Arguments.of(put("space", nullRange()), "space", "not null"));
  }

  static Map<String, String> nullRange() {
    Map<String, String> m = new java.util.HashMap<>();
    m.put("long_n", null);
    return m;
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInput_namesTheField_andStoresNothing(
      UnaryOperator<Map<String, Object>> change, String field, String message) {
    JobStore store = new InMemoryJobStore(JobIds.OPTIMIZER_PREFIX);
    OptimizerRuns runs = runs(store, 5);
    assertThatThrownBy(() -> runs.submit("alice", good(change)))
        .isInstanceOf(InvalidOptimizationException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((InvalidOptimizationException) e).field()).isEqualTo(field));
    assertThat(store.list(null, Set.of(), null, 10)).isEmpty();
  }

  @Test
  void run_isAJob_onLowPriorityOptimizerWorkers_withReportAndResult() throws Exception {
    JobStore store = new InMemoryJobStore(JobIds.OPTIMIZER_PREFIX);
    OptimizerRuns runs = runs(store, 5);
    THREADS.clear();
    PRIORITIES.clear();
    BacktestJob job = runs.submit("alice", good(UnaryOperator.identity()));
    assertThat(job.id()).startsWith("opt_");
    assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
    runs.jobs().start();
    try {
      BacktestJob done = await(runs, job.id(), JobStatus.DONE);
      assertThat(done.metrics()).isNotNull();
      assertThat(done.progress()).isEqualTo(1.0);
      for (String f : OptimizerRuns.FILES) {
        assertThat(runs.file(job.id(), f)).as(f).isPresent();
      }
      assertThat(Files.readString(runs.file(job.id(), "report.html").orElseThrow()))
          .contains("<html");
      assertThat(runs.bestParams(job.id())).containsKeys("long_n", "short_n");
      assertThat(((Map<?, ?>) runs.bestParams(job.id()).get("long_n")).get("value"))
          .isInstanceOf(Number.class);
      assertThat(THREADS).allMatch(t -> t.startsWith("optimizer-worker-"));
      assertThat(PRIORITIES).containsOnly(Thread.MIN_PRIORITY);
      assertThat(runs.list("bob", Set.of(), null, 10)).isEmpty();
      assertThat(runs.list(null, Set.of(), null, 10))
          .extracting(BacktestJob::id)
          .contains(job.id());
      assertThat(runs.find("bob", job.id())).isEmpty();
    } finally {
      runs.jobs().close();
    }
  }

  @Test
  void perUserLimit_andCancelOfAQueuedRun() {
    JobStore store = new InMemoryJobStore(JobIds.OPTIMIZER_PREFIX);
    OptimizerRuns runs = runs(store, 1);
    BacktestJob first = runs.submit("alice", good(UnaryOperator.identity()));
    assertThatThrownBy(() -> runs.submit("alice", good(UnaryOperator.identity())))
        .isInstanceOf(RateLimitedException.class);
    runs.submit("bob", good(UnaryOperator.identity()));
    assertThat(runs.cancel("bob", first.id())).isEmpty();
    assertThat(runs.cancel("alice", first.id()).orElseThrow().status())
        .isEqualTo(JobStatus.CANCELLED);
    runs.submit("alice", good(UnaryOperator.identity()));
  }

  @Test
  void aRunInterruptedByShutdown_isRequeued_andTheNextStartRunsItAgain() throws Exception {
    JobStore store = new InMemoryJobStore(JobIds.OPTIMIZER_PREFIX);
    OptimizerRuns first = runs(store, 5);
    BacktestJob job = first.submit("alice", good(put("trials", 40)));
    first.jobs().start();
    long until = System.nanoTime() + 120_000_000_000L;
    while (first.progress(job.id()).map(s -> s.done()).orElse(0) < 1) {
      assertThat(System.nanoTime()).as("a trial finished").isLessThan(until);
      Thread.sleep(20);
    }
    first.jobs().close();
    assertThat(store.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    OptimizerRuns second = runs(store, 5);
    second.jobs().start();
    try {
      assertThat(await(second, job.id(), JobStatus.DONE).metrics()).isNotNull();
    } finally {
      second.jobs().close();
    }
  }

  static BacktestJob await(OptimizerRuns runs, String id, JobStatus status) throws Exception {
    long until = System.nanoTime() + 300_000_000_000L;
    while (true) {
      BacktestJob j = runs.find(null, id).orElseThrow();
      if (j.status().isTerminal() || System.nanoTime() > until) {
        assertThat(j.status()).as("status of %s (error %s)", id, j.error()).isEqualTo(status);
        return j;
      }
      Thread.sleep(50);
    }
  }
}
