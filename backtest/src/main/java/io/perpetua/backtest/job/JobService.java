package io.perpetua.backtest.job;

import io.perpetua.backtest.BacktestCancelledException;
import io.perpetua.backtest.BacktestRunner;
import io.perpetua.core.time.Clock;
import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.JobCursor;
import io.perpetua.jobs.JobIds;
import io.perpetua.jobs.JobOutput;
import io.perpetua.jobs.JobStatus;
import io.perpetua.jobs.JobStore;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs backtest jobs: validates and queues submissions (at most {@link
 * JobServiceConfig#maxActivePerOwner()} queued plus running jobs per owner), runs them on a pool of
 * worker threads through the {@link BacktestRunner}, records progress (throttled), results and
 * failures in the {@link JobStore}, cancels on request and purges old outputs.
 *
 * <p>Outcomes of a run: a result → {@code done}; {@link IllegalArgumentException} from the runner →
 * {@code failed} with its message; {@link BacktestCancelledException} after a cancel request →
 * {@code cancelled}; any other exception → {@code failed} with a generic message and a reference
 * under which the stack trace is logged.
 *
 * <p>Lifecycle: {@link #start()} first recovers jobs a dead process left {@code running} (re-queued
 * to run again from the start, or cancelled if a cancel was requested), purges expired outputs,
 * then starts the workers and the hourly purge. {@link #close()} asks running jobs to stop and
 * re-queues them so the next start runs them again; queued jobs stay queued. One service per
 * database. Thread-safe.
 */
public final class JobService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
  private static final int MAX_ERROR = 4000;

  private final JobStore store;
  private final JobRunner runner;
  private final JobValidator validator;
  private final Clock clock;
  private final JobServiceConfig config;
  private final String threadPrefix;
  private final int threadPriority;
  private final Object submitLock = new Object();
  private final Set<String> cancelRequests = ConcurrentHashMap.newKeySet();
  private final Semaphore wakeUp = new Semaphore(0);
  private final AtomicInteger threadCount = new AtomicInteger();
  private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean stopping;
  private ExecutorService workers;
  private ScheduledExecutorService purger;

  /**
   * A service (not yet running jobs).
   *
   * @param store where jobs live
   * @param runner runs one backtest
   * @param validator checks requests before a job is created
   * @param clock wall clock (submission, start and finish times, retention)
   * @param config workers, limits, retention, throttling
   */
  public JobService(
      JobStore store,
      BacktestRunner runner,
      JobValidator validator,
      Clock clock,
      JobServiceConfig config) {
    this(store, JobRunner.of(runner), validator, clock, config, "backtest-", Thread.NORM_PRIORITY);
  }

  /**
   * A service of another job kind in its own queue (the store's {@link JobStore#idPrefix()}), e.g.
   * optimisations, on its own worker threads.
   *
   * @param store where the jobs live (its id prefix names them)
   * @param runner runs one claimed job
   * @param validator checks the jobs' base requests before a job is created
   * @param clock wall clock
   * @param config workers, limits, retention, throttling
   * @param threadPrefix worker thread names start with it, e.g. {@code optimizer-} gives {@code
   *     optimizer-worker-1}
   * @param threadPriority the workers' priority ({@link Thread#MIN_PRIORITY} for background work)
   */
  public JobService(
      JobStore store,
      JobRunner runner,
      JobValidator validator,
      Clock clock,
      JobServiceConfig config,
      String threadPrefix,
      int threadPriority) {
    this.store = Objects.requireNonNull(store, "store");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
    this.threadPrefix = Objects.requireNonNull(threadPrefix, "threadPrefix");
    this.threadPriority = threadPriority;
  }

  /**
   * Recovers, purges, and starts the workers and the purge schedule.
   *
   * @throws IllegalStateException if already started or closed
   */
  public synchronized void start() {
    if (workers != null || stopping) {
      throw new IllegalStateException("job service already started or closed");
    }
    JobStore.Recovery recovery = store.recoverAfterRestart(now());
    if (recovery.requeued() + recovery.cancelled() > 0) {
      LOG.info(
          "backtest jobs left running by a previous process: {} re-queued, {} cancelled",
          recovery.requeued(),
          recovery.cancelled());
    }
    purgeExpired();
    workers =
        Executors.newFixedThreadPool(config.workers(), r -> thread(r, threadPrefix + "worker-"));
    for (int i = 0; i < config.workers(); i++) {
      workers.execute(this::workLoop);
    }
    long every = config.purgeInterval().toMillis();
    purger = Executors.newSingleThreadScheduledExecutor(r -> thread(r, threadPrefix + "purge-"));
    purger.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
    LOG.info("{}job service started with {} workers", threadPrefix, config.workers());
  }

  private Thread thread(Runnable r, String prefix) {
    Thread t = new Thread(r, prefix + threadCount.incrementAndGet());
    t.setDaemon(true);
    t.setPriority(threadPriority);
    t.setUncaughtExceptionHandler((th, e) -> LOG.error("{} died", th.getName(), e));
    return t;
  }

  /** Adds a listener told after every run (see {@link JobListener}). */
  public void addListener(JobListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The settings. */
  public JobServiceConfig config() {
    return config;
  }

  /** The request validator (and through it the strategy catalog). */
  public JobValidator validator() {
    return validator;
  }

  /**
   * Validates and queues a job.
   *
   * @param owner the user it belongs to
   * @param apiKeyId the API key that submitted it, or null
   * @param request what to run
   * @param configJson the request as the API received it (JSON), echoed back later; may be null
   * @return the queued job
   * @throws InvalidJobException if the request is not accepted (no job is created)
   * @throws RateLimitedException if the owner already has the maximum of active jobs
   */
  public BacktestJob submit(
      String owner, String apiKeyId, BacktestRequest request, String configJson) {
    validator.validate(request);
    if (stopping) {
      throw new ServiceUnavailableException("the backtest job service is stopping", null);
    }
    BacktestJob job =
        BacktestJob.queued(
            JobIds.next(store.idPrefix()), owner, apiKeyId, request, configJson, now());
    synchronized (submitLock) {
      int active = store.countActive(owner);
      if (active >= config.maxActivePerOwner()) {
        throw new RateLimitedException(
            "At most "
                + config.maxActivePerOwner()
                + " jobs may be queued or running at once per user; "
                + active
                + " are. Retry when one finishes, or cancel one.");
      }
      store.insert(job);
    }
    wakeUp.release();
    return job;
  }

  /** Every owner's jobs in {@code status} in this service's queue (queue depth metrics). */
  public int count(JobStatus status) {
    return store.count(status);
  }

  /**
   * The owner's job {@code id} (any owner's when {@code owner} is null: an administrator); empty if
   * it does not exist or belongs to someone else.
   */
  public Optional<BacktestJob> find(String owner, String id) {
    return store.find(id).filter(j -> owner == null || j.owner().equals(owner));
  }

  /** The equity curve and trades of the owner's done job; empty if none (or purged). */
  public Optional<JobOutput> output(String owner, String id) {
    return find(owner, id).isPresent() ? store.output(id) : Optional.empty();
  }

  /**
   * The owner's jobs (every owner's when {@code owner} is null), newest first; see {@link
   * JobStore#list}.
   */
  public List<BacktestJob> list(String owner, Set<JobStatus> statuses, JobCursor after, int limit) {
    return store.list(owner, statuses, after, limit);
  }

  /**
   * Cancels the owner's job: a queued job is cancelled at once; a running job is asked to stop and
   * becomes {@code cancelled} when the runner next checks (its status is still {@code running} in
   * the job returned). Cancelling a cancelled job changes nothing.
   *
   * @return the job after the request; empty if it does not exist or belongs to someone else
   * @throws JobStateException if the job is already done or failed
   */
  public Optional<BacktestJob> cancel(String owner, String id) {
    Optional<BacktestJob> found = find(owner, id);
    if (found.isEmpty() || found.get().status() == JobStatus.CANCELLED) {
      return found;
    }
    checkCancellable(found.get());
    if (store.cancelQueued(id, now())) {
      return store.find(id);
    }
    cancelRequests.add(id);
    if (!store.requestCancel(id)) {
      cancelRequests.remove(id);
      BacktestJob now = store.find(id).orElseThrow();
      if (now.status() != JobStatus.CANCELLED) {
        checkCancellable(now);
      }
      return Optional.of(now);
    }
    return store.find(id);
  }

  private static void checkCancellable(BacktestJob job) {
    if (job.status() == JobStatus.DONE || job.status() == JobStatus.FAILED) {
      throw new JobStateException(
          "Job "
              + job.id()
              + " is already "
              + job.status().code()
              + "; only queued or running jobs can be cancelled");
    }
  }

  /**
   * Purges the outputs of jobs that finished more than the retention ago (metrics are kept).
   *
   * @return the number of jobs purged
   */
  public int purgeExpired() {
    Instant now = now();
    int purged = store.purgeOutputs(now.minus(config.retention()), now);
    if (purged > 0) {
      LOG.info("purged the equity curves and trades of {} backtest jobs", purged);
    }
    return purged;
  }

  private void purgeQuietly() {
    try {
      purgeExpired();
    } catch (RuntimeException e) {
      LOG.warn("backtest output purge failed: {}", e.getMessage());
    }
  }

  private void workLoop() {
    boolean normalExit = false;
    try {
      while (!stopping && !Thread.currentThread().isInterrupted()) {
        Optional<BacktestJob> job = claim();
        if (job.isPresent()) {
          run(job.get());
        } else {
          idle();
        }
      }
      normalExit = true;
    } finally {
      if (!normalExit && !stopping) {
        restartWorker();
      }
    }
  }

  private void restartWorker() {
    try {
      workers.execute(this::workLoop);
    } catch (RejectedExecutionException e) {
      LOG.debug("worker not restarted: pool is shut down");
    }
  }

  private Optional<BacktestJob> claim() {
    try {
      return store.claimNext(now());
    } catch (RuntimeException e) {
      LOG.warn("cannot claim a backtest job: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private void idle() {
    try {
      wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run(BacktestJob job) {
    String id = job.id();
    BooleanSupplier cancelled = () -> stopping || cancelRequests.contains(id);
    ProgressThrottle progress =
        new ProgressThrottle(
            id, store, clock, config.progressInterval().toMillis(), config.progressStep());
    BooleanSupplier outcome = null;
    try {
      JobRunner.Outcome result = runner.run(job, progress, cancelled);
      outcome =
          () -> store.complete(id, result.metrics(), result.activity(), result.output(), now());
    } catch (BacktestCancelledException e) {
      outcome = () -> stopped(id);
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage() == null ? "invalid backtest request" : e.getMessage();
      outcome = () -> store.finish(id, JobStatus.FAILED, truncate(reason), now());
    } catch (RuntimeException e) {
      outcome = () -> failInternal(id, e);
    } finally {
      // outcome is null only when an Error escapes the runner: record the job as failed anyway.
      settle(
          id,
          outcome != null
              ? outcome
              : () -> store.finish(id, JobStatus.FAILED, "internal error", now()));
      cancelRequests.remove(id);
      notifyEnded(job);
    }
  }

  private void notifyEnded(BacktestJob claimed) {
    if (listeners.isEmpty()) {
      return;
    }
    BacktestJob job;
    try {
      job = store.find(claimed.id()).orElse(claimed);
    } catch (RuntimeException e) {
      job = claimed;
    }
    for (JobListener l : listeners) {
      try {
        l.runEnded(job);
      } catch (RuntimeException e) {
        LOG.warn("job listener failed: {}", e.getMessage());
      }
    }
  }

  private boolean stopped(String id) {
    if (cancelRequests.contains(id)) {
      return store.finish(id, JobStatus.CANCELLED, null, now());
    }
    if (stopping) {
      LOG.info("backtest job {} interrupted by shutdown; re-queued", id);
      return store.requeue(id);
    }
    return store.finish(id, JobStatus.CANCELLED, null, now());
  }

  private boolean failInternal(String id, RuntimeException e) {
    String reference = String.format("%08x", ThreadLocalRandom.current().nextInt());
    LOG.error("backtest job {} failed (reference {})", id, reference, e);
    return store.finish(
        id,
        JobStatus.FAILED,
        "internal error while running the backtest (reference " + reference + ")",
        now());
  }

  /** Runs a final store write; a failure is logged (the job stays running until recovered). */
  private static void settle(String id, BooleanSupplier write) {
    try {
      if (!write.getAsBoolean()) {
        LOG.debug("backtest job {} was no longer running when it ended", id);
      }
    } catch (RuntimeException e) {
      LOG.warn("backtest job {}: final state not stored: {}", id, e.getMessage());
    }
  }

  private static String truncate(String s) {
    return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.nowMillis());
  }

  /**
   * Stops: running jobs are asked to stop and re-queued, workers get {@link
   * JobServiceConfig#shutdownGrace()} to finish, then are interrupted. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    if (purger != null) {
      purger.shutdownNow();
    }
    if (workers == null) {
      return;
    }
    wakeUp.release(config.workers());
    workers.shutdown();
    try {
      if (!workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("backtest workers did not stop in time; interrupting them");
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
