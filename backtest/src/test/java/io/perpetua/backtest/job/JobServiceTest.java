package io.perpetua.backtest.job;

import static io.perpetua.backtest.job.Fixtures.T0;
import static io.perpetua.backtest.job.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.time.ManualClock;
import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.InMemoryJobStore;
import io.perpetua.jobs.JobOutput;
import io.perpetua.jobs.JobStatus;
import io.perpetua.jobs.RunActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobServiceTest {
  private static final String ALICE = "alice";
  private static final String BOB = "bob";

  private final ManualClock clock = new ManualClock(T0.toEpochMilli());
  private final WatchedJobStore store = new WatchedJobStore(new InMemoryJobStore());
  private final FakeRunner runner = new FakeRunner();
  private final BlockingQueue<BacktestJob> ended = new LinkedBlockingQueue<>();
  private JobService service;

  private static JobServiceConfig config(int workers) {
    return new JobServiceConfig(
        workers,
        5,
        Duration.ofDays(90),
        Duration.ofHours(1),
        Duration.ofMillis(500),
        0.01,
        Duration.ofMillis(50),
        Duration.ofSeconds(5));
  }

  private JobService start(int workers) {
    service = new JobService(store, runner, Fixtures.validator(), clock, config(workers));
    service.addListener(ended::add);
    service.start();
    return service;
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  /** Submits one millisecond after the previous submission, so queue order is submission order. */
  private BacktestJob submit(String owner) {
    clock.set(clock.nowMillis() + 1);
    return service.submit(owner, null, request(), "{}");
  }

  @Test
  void submittedJob_isQueued_thenRuns_reportsProgress_andEndsDoneWithItsResult() throws Exception {
    start(1);
    BacktestJob job = service.submit(ALICE, "pk_key", request(), "{\"a\":1}");
    assertThat(job.id()).matches("bt_[0-9a-f]{16}");
    assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(job.submittedAt()).isEqualTo(T0);

    FakeRunner.Run run = runner.nextRun();
    assertThat(run.request).isEqualTo(request());
    BacktestJob running = store.awaitStatus(job.id(), JobStatus.RUNNING);
    assertThat(running.startedAt()).isEqualTo(T0);
    run.progress.accept(0.45);
    assertThat(service.find(ALICE, job.id()).orElseThrow().progress()).isEqualTo(0.45);

    clock.set(T0.toEpochMilli() + 154_000);
    run.succeed();
    BacktestJob done = store.awaitStatus(job.id(), JobStatus.DONE);
    assertThat(done.progress()).isEqualTo(1.0);
    assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(154));
    assertThat(done.metrics().sharpe()).isEqualTo(1.84);
    assertThat(done.metrics().profitFactor()).isNaN();
    assertThat(done.apiKeyId()).isEqualTo("pk_key");
    assertThat(done.config()).isEqualTo("{\"a\":1}");
    assertThat(done.error()).isNull();
    JobOutput output = service.output(ALICE, job.id()).orElseThrow();
    assertThat(output.equity().equity()).containsExactly(10_000, 10_031.5);
    assertThat(output.trades()).hasSize(1);
    assertThat(ended.take().status()).isEqualTo(JobStatus.DONE);
  }

  @Test
  void jobsOfOtherOwners_areInvisible() throws Exception {
    start(1);
    BacktestJob job = submit(ALICE);
    assertThat(service.find(BOB, job.id())).isEmpty();
    assertThat(service.output(BOB, job.id())).isEmpty();
    assertThat(service.cancel(BOB, job.id())).isEmpty();
    assertThat(service.list(BOB, Set.of(), null, 10)).isEmpty();
    assertThat(service.find(ALICE, job.id())).isPresent();
  }

  @Test
  void sixthActiveJob_isRateLimited_withoutCreatingIt_untilASlotFrees() throws Exception {
    start(1);
    List<BacktestJob> jobs = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add(submit(ALICE));
    }
    FakeRunner.Run first = runner.nextRun();
    store.awaitStatus(jobs.get(0).id(), JobStatus.RUNNING);
    assertThat(store.countActive(ALICE)).isEqualTo(5); // 1 running + 4 queued

    assertThatThrownBy(() -> submit(ALICE))
        .isInstanceOf(RateLimitedException.class)
        .hasMessageContaining("At most 5 jobs");
    assertThat(service.list(ALICE, Set.of(), null, 100)).hasSize(5);
    assertThat(submit(BOB).status()).isEqualTo(JobStatus.QUEUED); // limits are per owner

    service.cancel(ALICE, jobs.get(4).id()); // a queued one: frees a slot at once
    assertThat(submit(ALICE).status()).isEqualTo(JobStatus.QUEUED);
    assertThatThrownBy(() -> submit(ALICE)).isInstanceOf(RateLimitedException.class);

    first.succeed(); // a finished job frees its slot too
    store.awaitStatus(jobs.get(0).id(), JobStatus.DONE);
    assertThat(submit(ALICE).status()).isEqualTo(JobStatus.QUEUED);
  }

  @Test
  void cancellingAQueuedJob_cancelsItAtOnce_andItNeverRuns() throws Exception {
    start(1);
    BacktestJob first = submit(ALICE);
    BacktestJob second = submit(ALICE);
    FakeRunner.Run run = runner.nextRun();

    BacktestJob cancelled = service.cancel(ALICE, second.id()).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(cancelled.finishedAt()).isEqualTo(Instant.ofEpochMilli(clock.nowMillis()));
    assertThat(cancelled.startedAt()).isNull();

    run.succeed();
    store.awaitStatus(first.id(), JobStatus.DONE);
    BacktestJob third = submit(ALICE);
    runner.nextRun().succeed();
    store.awaitStatus(third.id(), JobStatus.DONE);
    assertThat(runner.started).isEmpty(); // the cancelled job never ran
    assertThat(service.cancel(ALICE, second.id()).orElseThrow().status())
        .isEqualTo(JobStatus.CANCELLED); // idempotent
  }

  @Test
  void cancellingARunningJob_raisesTheFlag_andTheRunEndsCancelled() throws Exception {
    start(1);
    BacktestJob job = submit(ALICE);
    FakeRunner.Run run = runner.nextRun();
    assertThat(run.cancelled.getAsBoolean()).isFalse();

    BacktestJob after = service.cancel(ALICE, job.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(after.cancelRequested()).isTrue();
    assertThat(run.cancelled.getAsBoolean()).isTrue();

    BacktestJob cancelled = store.awaitStatus(job.id(), JobStatus.CANCELLED);
    assertThat(cancelled.finishedAt()).isNotNull();
    assertThat(cancelled.metrics()).isNull();
    assertThat(service.output(ALICE, job.id())).isEmpty();
  }

  @Test
  void cancellingAFinishedJob_isRefused() throws Exception {
    start(1);
    BacktestJob job = submit(ALICE);
    runner.nextRun().succeed();
    store.awaitStatus(job.id(), JobStatus.DONE);
    assertThatThrownBy(() -> service.cancel(ALICE, job.id()))
        .isInstanceOf(JobStateException.class)
        .hasMessageContaining("already done");
  }

  @Test
  void invalidRequestFromTheRunner_failsWithItsMessage() throws Exception {
    start(1);
    BacktestJob job = submit(ALICE);
    runner
        .nextRun()
        .finish(
            () -> {
              throw new IllegalArgumentException("no data for BTCUSDT in 2025-01-01..2025-03-31");
            });
    BacktestJob failed = store.awaitStatus(job.id(), JobStatus.FAILED);
    assertThat(failed.error()).isEqualTo("no data for BTCUSDT in 2025-01-01..2025-03-31");
    assertThat(failed.finishedAt()).isNotNull();
  }

  @Test
  void unexpectedRunnerFailure_failsWithAGenericMessage_hidingTheDetails() throws Exception {
    start(1);
    BacktestJob job = submit(ALICE);
    runner
        .nextRun()
        .finish(
            () -> {
              throw new IllegalStateException("secret internal detail at /srv/data");
            });
    BacktestJob failed = store.awaitStatus(job.id(), JobStatus.FAILED);
    assertThat(failed.error())
        .matches("internal error while running the backtest \\(reference [0-9a-f]{8}\\)")
        .doesNotContain("secret");
  }

  @Test
  void anErrorEscapingTheRunner_failsTheJob_andTheWorkerCarriesOn() throws Exception {
    start(1);
    BacktestJob job = submit(ALICE);
    runner
        .nextRun()
        .finish(
            () -> {
              throw new AssertionError("simulated VM error");
            });
    BacktestJob failed = store.awaitStatus(job.id(), JobStatus.FAILED);
    assertThat(failed.error()).isEqualTo("internal error");
    BacktestJob next = submit(ALICE);
    runner.nextRun().succeed();
    store.awaitStatus(next.id(), JobStatus.DONE);
  }

  @Test
  void progress_isMonotonic_clamped_andThrottledBySizeAndTime() throws Exception {
    start(1);
    BacktestJob job = submit(ALICE);
    FakeRunner.Run run = runner.nextRun();
    store.awaitStatus(job.id(), JobStatus.RUNNING);
    for (double p : new double[] {0.2, 0.1, 0.205, Double.NaN, 0.3, 0.25, 0.305}) {
      run.progress.accept(p);
    }
    // 0.1 and 0.25 go backwards, 0.205 and 0.305 are < 1 % steps within 500 ms: not written
    assertThat(store.progressWrites.get(job.id())).containsExactly(0.2, 0.3);
    clock.set(clock.nowMillis() + 500);
    run.progress.accept(0.307); // the interval passed: even a small step is written
    run.progress.accept(7.0); // clamped
    assertThat(store.progressWrites.get(job.id())).containsExactly(0.2, 0.3, 0.307, 1.0);
    assertThat(service.find(ALICE, job.id()).orElseThrow().progress()).isEqualTo(1.0);
    run.succeed();
    store.awaitStatus(job.id(), JobStatus.DONE);
  }

  @Test
  void workers_runJobsConcurrently_upToTheirNumber() throws Exception {
    start(2);
    BacktestJob a = submit(ALICE);
    BacktestJob b = submit(ALICE);
    BacktestJob c = submit(ALICE);
    FakeRunner.Run r1 = runner.nextRun();
    FakeRunner.Run r2 = runner.nextRun();
    store.awaitStatus(a.id(), JobStatus.RUNNING);
    store.awaitStatus(b.id(), JobStatus.RUNNING);
    assertThat(store.find(c.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    r1.succeed();
    r2.succeed();
    runner.nextRun().succeed();
    store.awaitStatus(c.id(), JobStatus.DONE);
  }

  @Test
  void start_requeuesJobsADeadProcessLeftRunning_andRunsThemAgain() throws Exception {
    store.insert(BacktestJob.queued("bt_00000000000000a1", ALICE, null, request(), null, T0));
    store.insert(
        BacktestJob.queued("bt_00000000000000a2", ALICE, null, request(), null, T0.plusSeconds(1)));
    store.insert(
        BacktestJob.queued("bt_00000000000000a3", ALICE, null, request(), null, T0.plusSeconds(2)));
    // a previous process claimed two jobs, reported progress, asked to cancel one, and died
    store.claimNext(T0);
    store.updateProgress("bt_00000000000000a1", 0.6);
    store.claimNext(T0);
    store.requestCancel("bt_00000000000000a2");

    start(1);
    BacktestJob cancelled = store.find("bt_00000000000000a2").orElseThrow();
    assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
    runner.nextRun().succeed(); // a1 again, from the start
    BacktestJob resumed = store.awaitStatus("bt_00000000000000a1", JobStatus.DONE);
    assertThat(store.progressWrites.get("bt_00000000000000a1")).containsExactly(0.6);
    assertThat(resumed.metrics()).isNotNull();
    runner.nextRun().succeed(); // a3 stayed queued across the restart
    store.awaitStatus("bt_00000000000000a3", JobStatus.DONE);
  }

  @Test
  void close_requeuesTheRunningJob_andTheNextServiceRunsIt() throws Exception {
    start(1);
    BacktestJob job = submit(ALICE);
    BacktestJob queued = submit(ALICE);
    runner.nextRun();
    service.close();
    assertThat(store.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(store.find(queued.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    assertThatThrownBy(() -> submit(ALICE))
        .hasMessageContaining("stopping")
        .isInstanceOf(io.perpetua.trading.port.ServiceUnavailableException.class);

    start(1);
    runner.nextRun().succeed();
    store.awaitStatus(job.id(), JobStatus.DONE);
    runner.nextRun().succeed();
    store.awaitStatus(queued.id(), JobStatus.DONE);
  }

  @Test
  void retention_purgesCurvesAndTrades_ofOldJobs_keepingMetrics() throws Exception {
    start(1);
    BacktestJob old = submit(ALICE);
    runner.nextRun().succeed();
    Instant finished = store.awaitStatus(old.id(), JobStatus.DONE).finishedAt();
    clock.set(finished.plus(Duration.ofDays(1)).toEpochMilli());
    BacktestJob recent = submit(ALICE);
    runner.nextRun().succeed();
    store.awaitStatus(recent.id(), JobStatus.DONE);

    clock.set(finished.plus(Duration.ofDays(90)).toEpochMilli());
    assertThat(service.purgeExpired()).isZero(); // exactly 90 days: kept
    clock.set(finished.plus(Duration.ofDays(90)).toEpochMilli() + 1);
    assertThat(service.purgeExpired()).isEqualTo(1);
    assertThat(service.purgeExpired()).isZero();

    BacktestJob purged = service.find(ALICE, old.id()).orElseThrow();
    assertThat(service.output(ALICE, old.id())).isEmpty();
    assertThat(purged.metrics().sharpe()).isEqualTo(1.84);
    assertThat(purged.outputPurgedAt()).isEqualTo(finished.plus(Duration.ofDays(90)).plusMillis(1));
    assertThat(service.output(ALICE, recent.id())).isPresent();
    assertThat(service.find(ALICE, recent.id()).orElseThrow().outputPurged()).isFalse();
  }

  @Test
  void start_purgesExpiredOutputs() throws Exception {
    InMemoryJobStore plain = new InMemoryJobStore();
    plain.insert(BacktestJob.queued("bt_00000000000000b1", ALICE, null, request(), null, T0));
    plain.claimNext(T0);
    BacktestRequest r = request();
    plain.complete(
        "bt_00000000000000b1",
        Fixtures.metrics(1),
        RunActivity.none(),
        new JobOutput(Fixtures.result(r).equity(), List.of()),
        T0);
    clock.set(T0.plus(Duration.ofDays(91)).toEpochMilli());
    service = new JobService(plain, runner, Fixtures.validator(), clock, config(1));
    service.start();
    assertThat(plain.output("bt_00000000000000b1")).isEmpty();
    assertThat(plain.find("bt_00000000000000b1").orElseThrow().metrics()).isNotNull();
  }

  @Test
  void list_isNewestFirst_filtersByStatus_andPagesWithACursor() throws Exception {
    start(1);
    BacktestJob a = submit(ALICE);
    clock.set(T0.toEpochMilli() + 1000);
    BacktestJob b = submit(ALICE);
    clock.set(T0.toEpochMilli() + 2000);
    BacktestJob c = submit(ALICE);
    service.cancel(ALICE, b.id());
    runner.nextRun();
    store.awaitStatus(a.id(), JobStatus.RUNNING);

    assertThat(service.list(ALICE, Set.of(), null, 10))
        .extracting(BacktestJob::id)
        .containsExactly(c.id(), b.id(), a.id());
    assertThat(service.list(ALICE, Set.of(JobStatus.CANCELLED), null, 10))
        .extracting(BacktestJob::id)
        .containsExactly(b.id());
    List<BacktestJob> page1 = service.list(ALICE, Set.of(), null, 2);
    assertThat(page1).extracting(BacktestJob::id).containsExactly(c.id(), b.id());
    assertThat(service.list(ALICE, Set.of(), page1.get(1).cursor(), 2))
        .extracting(BacktestJob::id)
        .containsExactly(a.id());
  }

  @Test
  void invalidRequests_areRejectedBeforeAJobExists() {
    start(1);
    record Case(BacktestRequest request, JobField field, String message) {}
    BacktestRequest ok = request();
    List<Case> cases =
        List.of(
            new Case(request("nope", Map.of()), JobField.STRATEGY, "unknown strategy 'nope'"),
            new Case(
                request("baseline_rev", Map.of("lung_n", 3)),
                JobField.PARAMETERS,
                "unknown parameter 'lung_n'"),
            new Case(
                request("baseline_rev", Map.of("long_n", "x")),
                JobField.PARAMETERS,
                "long_n must be an integer"),
            new Case(with(ok, "symbols", List.of("DOGEUSDT")), JobField.SYMBOLS, "DOGEUSDT"),
            new Case(
                with(ok, "symbols", List.of("BTCUSDT", "BTCUSDT")), JobField.SYMBOLS, "duplicate"),
            new Case(with(ok, "timeframe", "7h"), JobField.TIMEFRAME, "unknown timeframe"),
            new Case(with(ok, "dataSource", "ticks"), JobField.DATA_SOURCE, "ticks"),
            new Case(with(ok, "end", ok.start()), JobField.END, "after start"),
            new Case(with(ok, "capital", 0.0), JobField.CAPITAL, "positive"),
            new Case(with(ok, "capital", -5.0), JobField.CAPITAL, "positive"),
            new Case(with(ok, "leverage", 0.0), JobField.LEVERAGE, "between 1 and 125"),
            new Case(with(ok, "leverage", 126.0), JobField.LEVERAGE, "between 1 and 125"),
            new Case(with(ok, "feeBps", 101.0), JobField.FEE_BPS, "between 0 and 100"),
            new Case(with(ok, "feeBps", -1.0), JobField.FEE_BPS, "between 0 and 100"),
            new Case(with(ok, "rebalanceDays", 0), JobField.REBALANCE_DAYS, "1..365"));
    for (Case c : cases) {
      assertThatThrownBy(() -> service.submit(ALICE, null, c.request(), null))
          .as(c.toString())
          .isInstanceOfSatisfying(
              InvalidJobException.class, e -> assertThat(e.field()).isEqualTo(c.field()))
          .hasMessageContaining(c.message());
    }
    assertThat(service.list(ALICE, Set.of(), null, 100)).isEmpty();
    assertThat(service.submit(ALICE, null, ok, null).status()).isEqualTo(JobStatus.QUEUED);
  }

  private static BacktestRequest with(BacktestRequest r, String field, Object value) {
    return new BacktestRequest(
        r.strategy(),
        r.parameters(),
        field.equals("symbols") ? castList(value) : r.symbols(),
        field.equals("timeframe") ? (String) value : r.timeframe(),
        field.equals("dataSource") ? (String) value : r.dataSource(),
        r.start(),
        field.equals("end") ? (Instant) value : r.end(),
        field.equals("capital") ? (Double) value : r.capital(),
        field.equals("leverage") ? (Double) value : r.leverage(),
        field.equals("feeBps") ? (Double) value : r.feeBps(),
        r.makerFeeBps(),
        r.slippageBps(),
        r.impactLambda(),
        field.equals("rebalanceDays") ? (Integer) value : r.rebalanceDays(),
        r.periodsPerYear());
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(Object value) {
    return (List<String>) value;
  }
}
