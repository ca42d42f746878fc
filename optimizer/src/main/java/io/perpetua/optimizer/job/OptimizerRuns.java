package io.perpetua.optimizer.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.backtest.BacktestDays;
import io.perpetua.backtest.job.InvalidJobException;
import io.perpetua.backtest.job.JobService;
import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.JobCursor;
import io.perpetua.jobs.JobStatus;
import io.perpetua.signals.strategy.space.ParamSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Optimisation runs as jobs of the {@link JobService} (its own queue, {@code opt_} ids, its own
 * low-priority workers): submit (every field checked before anything is stored), find, list,
 * cancel, live progress and the stored report files. Ownership as the job service: {@code owner}
 * null means an administrator (every owner's runs). Thread-safe.
 */
public final class OptimizerRuns {
  /** The report files a run stores, by name. */
  public static final List<String> FILES =
      List.of("report.html", "result.json", "trials.csv", "folds.csv", "oos_equity.csv");

  /**
   * Settings the request does not carry.
   *
   * @param timeframe bar timeframe (the platform's)
   * @param capital initial capital, USDT
   * @param feeBps taker fee, bps
   * @param makerFeeBps maker fee, bps
   * @param slippageBps slippage, bps
   * @param maxTrials maximum trials + refine per fold
   */
  public record Defaults(
      String timeframe,
      double capital,
      double feeBps,
      double makerFeeBps,
      double slippageBps,
      int maxTrials) {}

  /** The first and the end (exclusive) instant of the data of a timeframe. */
  @FunctionalInterface
  public interface DataRange {
    /** {@code [first, end)}, or null when there is no data. */
    Instant[] of(String timeframe);
  }

  private final JobService jobs;
  private final Function<String, ParamSpace> declared;
  private final DataRange data;
  private final Defaults defaults;
  private final RunProgress live;
  private final Path reports;

  /**
   * The runs.
   *
   * @param jobs the optimisation job service
   * @param declared the declared space of a strategy id (unknown ids throw)
   * @param data the data range per timeframe
   * @param defaults what the request does not carry
   * @param live the progress of running runs
   * @param reports where report directories are
   */
  public OptimizerRuns(
      JobService jobs,
      Function<String, ParamSpace> declared,
      DataRange data,
      Defaults defaults,
      RunProgress live,
      Path reports) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.declared = Objects.requireNonNull(declared, "declared");
    this.data = Objects.requireNonNull(data, "data");
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.live = Objects.requireNonNull(live, "live");
    this.reports = Objects.requireNonNull(reports, "reports");
  }

  /** The end (exclusive) of the data of the platform's timeframe, if there is any. */
  public Optional<Instant> dataEnd() {
    Instant[] have = data.of(defaults.timeframe());
    return have == null ? Optional.empty() : Optional.of(have[1]);
  }

  /** The job service (its settings: workers, per-user limit). */
  public JobService jobs() {
    return jobs;
  }

  /**
   * Checks and queues a run for {@code owner}.
   *
   * @throws InvalidOptimizationException naming the field (nothing stored)
   * @throws io.perpetua.backtest.job.RateLimitedException when the owner has the maximum active
   */
  public BacktestJob submit(String owner, OptimizationRequest r) {
    if (r.strategyId() == null || r.strategyId().isBlank()) {
      throw new InvalidOptimizationException("strategy_id", "strategy_id: required");
    }
    OptimizationPlan.checkText(r);
    ParamSpace space;
    try {
      space = declared.apply(r.strategyId());
    } catch (IllegalArgumentException e) {
      throw new InvalidOptimizationException("strategy_id", e.getMessage());
    }
    OptimizationPlan plan = OptimizationPlan.of(space, r, defaults.maxTrials());
    Instant[] range = range(r);
    plan.folds(range[0], range[1]);
    BacktestRequest base =
        new BacktestRequest(
            r.strategyId(),
            Map.of(),
            r.symbols(),
            defaults.timeframe(),
            "kline",
            range[0],
            range[1],
            defaults.capital(),
            1,
            defaults.feeBps(),
            defaults.makerFeeBps(),
            defaults.slippageBps(),
            0,
            null,
            365);
    try {
      return jobs.submit(owner, null, base, r.toJson());
    } catch (InvalidJobException e) {
      String field = e.field().name().toLowerCase(Locale.ROOT);
      throw new InvalidOptimizationException(
          switch (e.field()) {
            case STRATEGY -> "strategy_id";
            case START -> "start_date";
            case END -> "end_date";
            default -> field;
          },
          e.getMessage());
    }
  }

  private Instant[] range(OptimizationRequest r) {
    Instant[] have = data.of(defaults.timeframe());
    if (have == null) {
      throw new InvalidOptimizationException(
          "windows", "windows: no " + defaults.timeframe() + " data to optimise on");
    }
    Instant start = r.startDate() != null ? BacktestDays.start(r.startDate()) : have[0];
    Instant end = r.endDate() != null ? BacktestDays.end(r.endDate()) : have[1];
    if (start.isBefore(have[0])) {
      start = have[0];
    }
    if (end.isAfter(have[1])) {
      end = have[1];
    }
    if (!end.isAfter(start)) {
      throw new InvalidOptimizationException(
          "end_date",
          "end_date: the range holds no data (data: " + have[0] + " to " + have[1] + ")");
    }
    return new Instant[] {start, end};
  }

  /** The run, if {@code owner} (null: anyone) may see it. */
  public Optional<BacktestJob> find(String owner, String id) {
    return jobs.find(owner, id);
  }

  /** Runs newest first (every owner's when {@code owner} is null). */
  public List<BacktestJob> list(String owner, Set<JobStatus> statuses, JobCursor after, int limit) {
    return jobs.list(owner, statuses, after, limit);
  }

  /** Cancels (see {@link JobService#cancel}). */
  public Optional<BacktestJob> cancel(String owner, String id) {
    return jobs.cancel(owner, id);
  }

  /** The live progress of a run this process is running. */
  public Optional<RunProgress.Snapshot> progress(String id) {
    return live.get(id);
  }

  /** The stored report file {@code name} ({@link #FILES}) of run {@code id}, if written. */
  public Optional<Path> file(String id, String name) {
    if (!FILES.contains(name)) {
      return Optional.empty();
    }
    Path p = OptimizerJobRunner.reportDir(reports, id).resolve(name);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /**
   * The chosen parameters with their 95 % bootstrap intervals ({@code best_params} of the stored
   * {@code result.json}: name → {@code {value, ci_low, ci_high}}), or null.
   */
  public Map<String, Object> bestParams(String id) {
    Optional<Path> json = file(id, "result.json");
    if (json.isEmpty()) {
      return null;
    }
    try {
      JsonNode best = new ObjectMapper().readTree(json.get().toFile()).get("best_params");
      if (best == null || !best.isObject()) {
        return null;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      ObjectMapper mapper = new ObjectMapper();
      best.properties()
          .forEach(e -> out.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class)));
      return out;
    } catch (IOException e) {
      return null;
    }
  }

  /** The request the run was submitted with. */
  public static OptimizationRequest request(BacktestJob job) {
    return OptimizationRequest.fromJson(job.config());
  }
}
