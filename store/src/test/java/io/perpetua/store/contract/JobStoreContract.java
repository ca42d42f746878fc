package io.perpetua.store.contract;

import static io.perpetua.store.contract.JobFixtures.T0;
import static io.perpetua.store.contract.JobFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.backtest.job.JobService;
import io.perpetua.backtest.job.JobServiceConfig;
import io.perpetua.backtest.job.JobValidator;
import io.perpetua.backtest.job.StrategyCatalog;
import io.perpetua.backtest.job.StrategyTemplate;
import io.perpetua.core.time.ManualClock;
import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.JobCursor;
import io.perpetua.jobs.JobOutput;
import io.perpetua.jobs.JobStatus;
import io.perpetua.jobs.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link JobStore} contract for every implementation; a subclass supplies an empty store and a
 * way to reopen it as a restarted process would.
 */
public abstract class JobStoreContract {
  protected JobStore store;

  /** An empty store for one test. */
  protected abstract JobStore openFresh() throws Exception;

  /** The same data as a new process would see it (close and reopen). */
  protected abstract JobStore reopen() throws Exception;

  /** Releases resources; default nothing. */
  protected void closeStore() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    store = openFresh();
  }

  @AfterEach
  void close() throws Exception {
    closeStore();
  }

  @Test
  void insertedJob_readsBackExactly_andIdsAreUnique() {
    BacktestJob j = job("alice", 1);
    store.insert(j);
    assertThat(store.find(j.id())).contains(j);
    assertThat(store.find("bt_ffffffffffffffff")).isEmpty();
    assertThatThrownBy(() -> store.insert(j)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void claimNext_takesTheOldestQueuedJob_once() {
    store.insert(job("alice", 2));
    store.insert(job("bob", 1));
    BacktestJob first = store.claimNext(T0.plusSeconds(10)).orElseThrow();
    assertThat(first.id()).isEqualTo(job("bob", 1).id());
    assertThat(first.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(first.startedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(store.claimNext(T0).orElseThrow().id()).isEqualTo(job("alice", 2).id());
    assertThat(store.claimNext(T0)).isEmpty();
  }

  @Test
  void concurrentWorkers_neverClaimTheSameJob() throws Exception {
    int jobs = 120;
    for (int i = 0; i < jobs; i++) {
      store.insert(job("alice", i));
    }
    int workers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<String>>> results = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      results.add(
          pool.submit(
              () -> {
                go.await();
                List<String> mine = new ArrayList<>();
                for (var j = store.claimNext(T0); j.isPresent(); j = store.claimNext(T0)) {
                  mine.add(j.get().id());
                }
                return mine;
              }));
    }
    go.countDown();
    List<String> all = new ArrayList<>();
    for (Future<List<String>> f : results) {
      all.addAll(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(all).hasSize(jobs).doesNotHaveDuplicates();
    assertThat(store.countActive("alice")).isEqualTo(jobs);
    assertThat(store.list("alice", Set.of(JobStatus.QUEUED), null, 1000)).isEmpty();
  }

  @Test
  void transitions_happenOnlyFromTheExpectedStatus() {
    BacktestJob j = job("alice", 1);
    store.insert(j);
    String id = j.id();
    assertThat(store.updateProgress(id, 0.5)).isFalse();
    assertThat(
            store.complete(
                id, JobFixtures.metrics(), JobFixtures.activity(), JobFixtures.output(), T0))
        .isFalse();
    assertThat(store.finish(id, JobStatus.FAILED, "x", T0)).isFalse();
    assertThat(store.requestCancel(id)).isFalse();
    assertThat(store.requeue(id)).isFalse();

    store.claimNext(T0);
    assertThat(store.cancelQueued(id, T0)).isFalse();
    assertThat(store.updateProgress(id, 0.5)).isTrue();
    assertThat(store.updateProgress(id, 0.3)).isTrue(); // accepted, but never lowers
    assertThat(store.find(id).orElseThrow().progress()).isEqualTo(0.5);
    assertThat(store.finish(id, JobStatus.FAILED, "no data for BTCUSDT", T0.plusSeconds(5)))
        .isTrue();
    BacktestJob failed = store.find(id).orElseThrow();
    assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(failed.error()).isEqualTo("no data for BTCUSDT");
    assertThat(failed.finishedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(store.finish(id, JobStatus.CANCELLED, null, T0)).isFalse();
    assertThatThrownBy(() -> store.finish(id, JobStatus.DONE, null, T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void complete_storesMetricsActivityAndOutput_withNonFiniteValues() {
    BacktestJob j = job("alice", 1);
    store.insert(j);
    store.claimNext(T0);
    assertThat(store.output(j.id())).isEmpty();
    assertThat(
            store.complete(
                j.id(), JobFixtures.metrics(), JobFixtures.activity(), JobFixtures.output(), T0))
        .isTrue();
    BacktestJob done = store.find(j.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(JobStatus.DONE);
    assertThat(done.progress()).isEqualTo(1.0);
    assertThat(done.metrics()).isEqualTo(JobFixtures.metrics());
    assertThat(done.activity()).isEqualTo(JobFixtures.activity());
    JobOutput out = store.output(j.id()).orElseThrow();
    assertThat(out.equity().equity()).containsExactly(10_000, 10_031.5);
    assertThat(out.equity().timesMs()).containsExactly(1_735_689_600_000L, 1_735_776_000_000L);
    assertThat(out.trades()).isEqualTo(JobFixtures.output().trades());
  }

  @Test
  void cancel_queuedAtOnce_runningByFlag() {
    store.insert(job("alice", 1));
    store.insert(job("alice", 2));
    String running = store.claimNext(T0).orElseThrow().id();
    String queued = job("alice", 2).id();
    assertThat(store.requestCancel(running)).isTrue();
    assertThat(store.find(running).orElseThrow().cancelRequested()).isTrue();
    assertThat(store.find(running).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    assertThat(store.cancelQueued(queued, T0.plusSeconds(9))).isTrue();
    BacktestJob c = store.find(queued).orElseThrow();
    assertThat(c.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(c.finishedAt()).isEqualTo(T0.plusSeconds(9));
    assertThat(store.cancelQueued(queued, T0)).isFalse();
  }

  @Test
  void recoverAfterRestart_requeuesRunningJobs_andCancelsThoseFlagged() throws Exception {
    for (int i = 1; i <= 4; i++) {
      store.insert(job("alice", i));
    }
    String a = store.claimNext(T0).orElseThrow().id();
    store.updateProgress(a, 0.7);
    String b = store.claimNext(T0).orElseThrow().id();
    store.requestCancel(b);
    String c = store.claimNext(T0).orElseThrow().id();
    store.complete(c, JobFixtures.metrics(), JobFixtures.activity(), JobFixtures.output(), T0);

    store = reopen();
    JobStore.Recovery r = store.recoverAfterRestart(T0.plusSeconds(60));
    assertThat(r).isEqualTo(new JobStore.Recovery(1, 1));
    BacktestJob requeued = store.find(a).orElseThrow();
    assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(requeued.progress()).isZero();
    assertThat(requeued.startedAt()).isNull();
    BacktestJob cancelled = store.find(b).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(cancelled.finishedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(store.find(c).orElseThrow().status()).isEqualTo(JobStatus.DONE);
    assertThat(store.find(job("alice", 4).id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(store.claimNext(T0).orElseThrow().id()).isEqualTo(a); // first in line again
  }

  @Test
  void requeue_putsARunningJobBackAtItsPlace() {
    store.insert(job("alice", 1));
    store.insert(job("alice", 2));
    String a = store.claimNext(T0).orElseThrow().id();
    store.updateProgress(a, 0.4);
    assertThat(store.requeue(a)).isTrue();
    BacktestJob back = store.find(a).orElseThrow();
    assertThat(back.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(back.progress()).isZero();
    assertThat(store.claimNext(T0).orElseThrow().id()).isEqualTo(a);
  }

  @Test
  void countActive_andList_arePerOwner_newestFirst_filtered_andPaged() {
    for (int i = 1; i <= 5; i++) {
      store.insert(job("alice", i));
    }
    store.insert(job("bob", 6));
    store.claimNext(T0); // alice 1 running
    store.cancelQueued(job("alice", 2).id(), T0);
    assertThat(store.countActive("alice")).isEqualTo(4);
    assertThat(store.countActive("bob")).isEqualTo(1);
    assertThat(store.countActive("carol")).isZero();

    assertThat(store.list("alice", Set.of(), null, 10))
        .extracting(BacktestJob::id)
        .containsExactly(ids(5, 4, 3, 2, 1));
    assertThat(store.list("alice", Set.of(JobStatus.RUNNING, JobStatus.CANCELLED), null, 10))
        .extracting(BacktestJob::id)
        .containsExactly(ids(2, 1));
    List<BacktestJob> page = store.list("alice", Set.of(), null, 2);
    assertThat(page).extracting(BacktestJob::id).containsExactly(ids(5, 4));
    JobCursor cursor = page.get(1).cursor();
    assertThat(store.list("alice", Set.of(), cursor, 2))
        .extracting(BacktestJob::id)
        .containsExactly(ids(3, 2));
    assertThat(store.list("alice", Set.of(JobStatus.DONE), null, 10)).isEmpty();
  }

  @Test
  void list_breaksTiesOfSubmissionTimeById() {
    BacktestJob x = BacktestJob.queued("bt_00000000000000aa", "alice", null, request(), null, T0);
    BacktestJob y = BacktestJob.queued("bt_00000000000000bb", "alice", null, request(), null, T0);
    store.insert(x);
    store.insert(y);
    assertThat(store.list("alice", Set.of(), null, 1))
        .extracting(BacktestJob::id)
        .containsExactly(y.id());
    assertThat(store.list("alice", Set.of(), y.cursor(), 5))
        .extracting(BacktestJob::id)
        .containsExactly(x.id());
    assertThat(store.claimNext(T0).orElseThrow().id()).isEqualTo(x.id());
  }

  private static io.perpetua.jobs.BacktestRequest request() {
    return JobFixtures.request();
  }

  private static String[] ids(int... n) {
    String[] out = new String[n.length];
    for (int i = 0; i < n.length; i++) {
      out[i] = job("alice", n[i]).id();
    }
    return out;
  }

  @Test
  void purgeOutputs_dropsOldCurvesAndTrades_keepsMetrics() {
    store.insert(job("alice", 1));
    store.insert(job("alice", 2));
    String old = store.claimNext(T0).orElseThrow().id();
    store.complete(old, JobFixtures.metrics(), JobFixtures.activity(), JobFixtures.output(), T0);
    String recent = store.claimNext(T0).orElseThrow().id();
    store.complete(
        recent,
        JobFixtures.metrics(),
        JobFixtures.activity(),
        JobFixtures.output(),
        T0.plusSeconds(100));

    Instant purgedAt = T0.plusSeconds(1000);
    assertThat(store.purgeOutputs(T0, purgedAt)).isZero(); // strictly before the cutoff
    assertThat(store.purgeOutputs(T0.plusSeconds(1), purgedAt)).isEqualTo(1);
    assertThat(store.purgeOutputs(T0.plusSeconds(1), purgedAt)).isZero();
    assertThat(store.output(old)).isEmpty();
    BacktestJob kept = store.find(old).orElseThrow();
    assertThat(kept.metrics()).isEqualTo(JobFixtures.metrics());
    assertThat(kept.outputPurgedAt()).isEqualTo(purgedAt);
    assertThat(store.output(recent)).isPresent();
  }

  @Test
  void jobService_afterACrash_runsTheJobsLeftRunningAndQueued() throws Exception {
    store.insert(job("alice", 1));
    store.insert(job("alice", 2));
    store.claimNext(T0); // the crashed process was running job 1
    store = reopen();

    ManualClock clock = new ManualClock(T0.plusSeconds(3600).toEpochMilli());
    BlockingQueue<String> ran = new LinkedBlockingQueue<>();
    Set<String> ended = ConcurrentHashMap.newKeySet();
    CountDownLatch bothEnded = new CountDownLatch(2);
    JobValidator validator =
        new JobValidator(
            StrategyCatalog.of(List.of(StrategyTemplate.of("tpl_grid"))),
            s -> true,
            List.of(io.perpetua.core.Timeframe.H1));
    JobServiceConfig config =
        JobServiceConfig.defaults().withWorkers(1).withRetention(Duration.ofDays(90));
    try (JobService service =
        new JobService(
            store,
            (request, progress, cancelled) -> {
              ran.add(request.strategy());
              progress.accept(0.5);
              return JobFixtures.result(request);
            },
            validator,
            clock,
            config)) {
      service.addListener(
          j -> {
            if (ended.add(j.id())) {
              bothEnded.countDown();
            }
          });
      service.start();
      assertThat(bothEnded.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(ran).hasSize(2);
    for (int n = 1; n <= 2; n++) {
      BacktestJob done = store.find(job("alice", n).id()).orElseThrow();
      assertThat(done.status()).isEqualTo(JobStatus.DONE);
      assertThat(done.startedAt()).isEqualTo(T0.plusSeconds(3600));
      assertThat(done.metrics().sharpe()).isEqualTo(1.84);
    }
  }
}
