package io.perpetua.app;

import io.perpetua.backtest.BacktestRunner;
import io.perpetua.optimizer.RemoteTrials;
import io.perpetua.optimizer.Trial;
import io.perpetua.optimizer.TrialInput;
import io.perpetua.optimizer.TrialTask;
import io.perpetua.spark.SparkRunnerConfig;
import io.perpetua.spark.SparkTrialRunner;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The optimiser's {@code engine: spark} ({@code --engine spark}): each batch of trials runs as
 * Apache Spark tasks through the {@code spark} module's {@link SparkTrialRunner} with {@code
 * spark.master} from configuration ({@code jobs.spark_master}, default {@code local[*]}). The
 * broadcast payload is the serializable {@link TrialTask} (window, objectives, constraints) with
 * the key of the backtest engine, and each task runs {@link TrialTask#run} — the same function the
 * in-process loop runs, so trials are bit-identical on both engines.
 *
 * <p>The engine (the kernel over the market catalog, with its cached panels) is found by key in
 * this JVM: Spark {@code local[N]} executors are threads of this process. Executors in other JVMs
 * (a cluster) would find no engine and fail the batch with that reason: cluster execution needs the
 * catalog and configuration on every executor and is not built (docs/spark.md).
 *
 * <p>An {@code ExecutorService} only so that it can be passed as the search's pool; single tasks
 * given to it run on the calling thread. One Spark context per JVM: the first master wins.
 */
public final class SparkTrials extends AbstractExecutorService implements RemoteTrials {
  private static final Map<String, BacktestRunner> ENGINES = new ConcurrentHashMap<>();
  private static final AtomicLong TRIALS_RUN = new AtomicLong();
  private static SparkTrialRunner shared;
  private static long sessionStartMs = -1;

  /** What every task of a batch receives (broadcast). */
  record Payload(String engineKey, TrialTask task) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private final String key = UUID.randomUUID().toString();
  private final SparkTrialRunner runner;
  private volatile boolean shutdown;

  /**
   * Trials of {@code engine} on Spark {@code master}.
   *
   * @throws IllegalStateException when Spark cannot start (e.g. Java 23+ without SPARK_USER) or a
   *     context with another master runs in this JVM
   */
  public SparkTrials(String master, BacktestRunner engine) {
    this.runner = runner(Objects.requireNonNull(master, "master"));
    ENGINES.put(key, Objects.requireNonNull(engine, "engine"));
  }

  private static synchronized SparkTrialRunner runner(String master) {
    if (shared == null) {
      long t0 = System.nanoTime();
      shared = new SparkTrialRunner(SparkRunnerConfig.of(master));
      sessionStartMs = (System.nanoTime() - t0) / 1_000_000;
    } else if (!shared.config().master().equals(master)) {
      throw new IllegalStateException(
          "a Spark context with master "
              + shared.config().master()
              + " already runs in this process; one master per process, not "
              + master);
    }
    return shared;
  }

  /** How long the Spark session took to start in this process, ms (-1 before). */
  public static synchronized long sessionStartMs() {
    return sessionStartMs;
  }

  /** Trials run as Spark tasks in this process so far (for tests and the benchmark). */
  public static long trialsRun() {
    return TRIALS_RUN.get();
  }

  @Override
  public List<Trial> run(TrialTask task, List<TrialInput> inputs) {
    return runner.run(new Payload(key, task), new ArrayList<>(inputs), SparkTrials::trial);
  }

  private static Trial trial(Payload p, TrialInput in) {
    BacktestRunner engine = ENGINES.get(p.engineKey());
    if (engine == null) {
      throw new IllegalStateException(
          "no backtest engine in this executor's JVM: engine spark runs on local[N] masters only"
              + " (docs/spark.md)");
    }
    TRIALS_RUN.incrementAndGet();
    return p.task().run(engine, in, () -> false);
  }

  @Override
  public void execute(Runnable command) {
    command.run();
  }

  /** Forgets the engine; the Spark context stays for later runs of this process. */
  @Override
  public void shutdown() {
    shutdown = true;
    ENGINES.remove(key);
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown();
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return shutdown;
  }
}
