package io.perpetua.server.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.perpetua.auth.Principal;
import io.perpetua.auth.Role;
import io.perpetua.backtest.job.JobStateException;
import io.perpetua.backtest.job.RateLimitedException;
import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.JobCursor;
import io.perpetua.jobs.JobIds;
import io.perpetua.jobs.JobStatus;
import io.perpetua.jobs.Metrics;
import io.perpetua.optimizer.job.InvalidOptimizationException;
import io.perpetua.optimizer.job.OptimizationRequest;
import io.perpetua.optimizer.job.OptimizerRuns;
import io.perpetua.optimizer.job.RunProgress;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /api/v1/optimizer/*} (issue 16, spec 003 §11): submit a walk-forward optimisation, list
 * runs, read one (status, progress, result and its report files), cancel. Runs are jobs of the job
 * service in their own queue ({@code opt_} ids) on low-priority workers apart from the kernel.
 * Roles: a trader submits, reads and cancels their own runs; a viewer reads every run; an admin
 * reads and cancels every run. Thread-safe.
 */
public final class OptimizerRoutes implements RouteGroup {
  private static final String TAG = "Optimizer";

  static final Param<String> RUN_ID =
      Param.string("run_id", "[A-Za-z0-9_-]+", 64).inPath().description("Run id (opt_ + 16 hex)");
  static final Param<String> FILE =
      Param.oneOf("name", OptimizerRuns.FILES.toArray(String[]::new))
          .inPath()
          .description("A report file of the run");
  private static final long MAX_FILE_BYTES = 16L << 20;
  static final Param<Integer> LIMIT =
      Param.integer("limit", 1, 200)
          .withDefault(50)
          .description("At most this many, newest first.");
  static final Param<String> CURSOR =
      Param.string("cursor", "opt_[0-9a-f]{16}", 20)
          .description("next_cursor of the previous page: continue after that run.");

  private final Supplier<OptimizerRuns> runs;

  /** The routes; {@code runs} may supply null while starting (requests then get 503). */
  public OptimizerRoutes(Supplier<OptimizerRuns> runs) {
    this.runs = Objects.requireNonNull(runs, "runs");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.post("/api/v1/optimizer/run")
            .tag(TAG)
            .summary("Submit a walk-forward optimisation")
            .description(
                "Queues a walk-forward optimisation of a strategy's declared parameters (as"
                    + " ./perpetua optimize). Every field is checked before anything is stored:"
                    + " 40040 names the field (unknown parameter, bounds reversed, step <= 0,"
                    + " windows longer than the data, trials <= 0 or above the maximum, unknown"
                    + " objective, algorithm, engine or trigger). 40006 (429) beyond the per-user"
                    + " limit of active runs.")
            .body(OptimizerRunBody.class, EXAMPLE_BODY)
            .successStatus(202)
            .errors(ApiError.INVALID_OPTIMIZATION, ApiError.RATE_LIMITED)
            .response(OptimizerRunView.class, null)
            .handle(this::submit),
        Route.get("/api/v1/optimizer/runs")
            .tag(TAG)
            .summary("Optimisation runs")
            .description(
                "Runs newest first: a trader's own, every run for a viewer or an admin. Page with"
                    + " next_cursor.")
            .param(LIMIT)
            .param(CURSOR)
            .response(OptimizerRunList.class, null)
            .handle(this::list),
        Route.get("/api/v1/optimizer/runs/{run_id}")
            .tag(TAG)
            .summary("One optimisation run")
            .description(
                "Status; while running the trials done of the total, the best objective so far"
                    + " (current fold) and an ETA; once done the out-of-sample metrics, best"
                    + " parameters and the stored report files (HTML, JSON, CSV).")
            .param(RUN_ID)
            .errors(ApiError.OPTIMIZER_RUN_NOT_FOUND)
            .response(OptimizerRunView.class, null)
            .handle(this::get),
        fileRoute(),
        Route.post("/api/v1/optimizer/runs/{run_id}/cancel")
            .tag(TAG)
            .summary("Cancel an optimisation run")
            .description(
                "A queued run is cancelled at once; a running one stops at its next trial. 40005"
                    + " (409) when it already finished.")
            .param(RUN_ID)
            .errors(ApiError.OPTIMIZER_RUN_NOT_FOUND, ApiError.CONFLICT)
            .response(OptimizerRunView.class, null)
            .handle(this::cancel));
  }

  private Route fileRoute() {
    return Route.get("/api/v1/optimizer/runs/{run_id}/files/{name}")
        .tag(TAG)
        .summary("A report file of an optimisation run")
        .description(
            "The text of one stored report file (report.html, result.json with folds,"
                + " statistics, curves, sensitivity and Pareto fronts, trials.csv, folds.csv,"
                + " oos_equity.csv), same visibility as the run. 40431 while it is not"
                + " written (the run is not done).")
        .param(RUN_ID)
        .param(FILE)
        .errors(ApiError.OPTIMIZER_RUN_NOT_FOUND, ApiError.OPTIMIZER_FILE_NOT_FOUND)
        .response(OptimizerFileView.class, null)
        .handle(this::file);
  }

  private static final String EXAMPLE_BODY =
      "{\"strategy_id\":\"baseline_rev\",\"trigger\":\"manual\","
          + "\"windows\":\"train=180d,validate=30d,step=30d\",\"objective\":\"calmar\","
          + "\"algorithm\":\"tpe\",\"space\":{\"long_n\":\"5:50:5\",\"short_n\":\"5:50:5\"},"
          + "\"trials\":100,\"seed\":7,\"engine\":\"local\"}";

  private OptimizerRuns service() {
    OptimizerRuns r = runs.get();
    if (r == null) {
      throw new ServiceUnavailableException("optimizer job service not started yet", null);
    }
    return r;
  }

  /** Whose runs the caller reads: a trader their own, a viewer or admin everyone's (null). */
  private static String reader(ApiRequest request) {
    Principal p = request.principal();
    return p.role() == Role.TRADER ? p.subject() : null;
  }

  /** Whose runs the caller may cancel: an admin everyone's (null), others their own. */
  private static String canceller(ApiRequest request) {
    Principal p = request.principal();
    return p.role() == Role.ADMIN ? null : p.subject();
  }

  private OptimizerRunView submit(ApiRequest request) {
    OptimizerRunBody b = request.body(OptimizerRunBody.class);
    OptimizationRequest r =
        new OptimizationRequest(
            b.strategyId(),
            b.trigger(),
            b.windows(),
            b.objective(),
            b.algorithm(),
            b.space(),
            b.trials() == null ? 100 : b.trials(),
            b.seed() == null ? 1 : b.seed(),
            b.engine(),
            b.refine() == null ? 0 : b.refine(),
            b.symbols(),
            date("start_date", b.startDate()),
            date("end_date", b.endDate()),
            b.maxLeverage(),
            b.minTrades(),
            b.maxTurnover(),
            b.maxDrawdown());
    OptimizerRuns service = service();
    try {
      return view(service, service.submit(request.principal().subject(), r));
    } catch (InvalidOptimizationException e) {
      throw new ApiException(
          ApiError.INVALID_OPTIMIZATION, "Invalid field '" + e.field() + "': " + e.getMessage());
    } catch (RateLimitedException e) {
      throw new ApiException(ApiError.RATE_LIMITED, e.getMessage());
    }
  }

  private static LocalDate date(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new ApiException(
          ApiError.INVALID_OPTIMIZATION,
          "Invalid field '"
              + field
              + "': expected YYYY-MM-DD, was '"
              + ApiException.echo(value)
              + "'");
    }
  }

  private OptimizerRunList list(ApiRequest request) {
    OptimizerRuns service = service();
    String owner = reader(request);
    JobCursor after =
        request
            .param(CURSOR)
            .map(
                id ->
                    service
                        .find(owner, id)
                        .orElseThrow(
                            () -> ApiException.invalid("cursor", "a run id from next_cursor", id))
                        .cursor())
            .orElse(null);
    int limit = request.value(LIMIT);
    List<BacktestJob> page = service.list(owner, Set.of(), after, limit + 1);
    boolean more = page.size() > limit;
    List<OptimizerRunView> items =
        page.subList(0, Math.min(limit, page.size())).stream().map(j -> view(service, j)).toList();
    return new OptimizerRunList(items, more ? items.get(items.size() - 1).runId() : null);
  }

  private OptimizerRunView get(ApiRequest request) {
    OptimizerRuns service = service();
    return view(service, find(service, reader(request), request.value(RUN_ID)));
  }

  private OptimizerFileView file(ApiRequest request) {
    OptimizerRuns service = service();
    BacktestJob job = find(service, reader(request), request.value(RUN_ID));
    String name = request.value(FILE);
    java.nio.file.Path path =
        service
            .file(job.id(), name)
            .orElseThrow(
                () ->
                    new ApiException(
                        ApiError.OPTIMIZER_FILE_NOT_FOUND,
                        name
                            + " of "
                            + job.id()
                            + " is not written (status "
                            + job.status()
                            + ")"));
    try {
      long size = java.nio.file.Files.size(path);
      if (size > MAX_FILE_BYTES) {
        throw new ApiException(
            ApiError.OPTIMIZER_FILE_NOT_FOUND,
            name + " is " + size + " bytes, above the " + MAX_FILE_BYTES + " the API serves");
      }
      return new OptimizerFileView(
          name, mediaType(name), size, java.nio.file.Files.readString(path));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String mediaType(String name) {
    if (name.endsWith(".html")) {
      return "text/html";
    }
    return name.endsWith(".json") ? "application/json" : "text/csv";
  }

  private OptimizerRunView cancel(ApiRequest request) {
    OptimizerRuns service = service();
    String id = request.value(RUN_ID);
    find(service, canceller(request), id);
    try {
      return view(service, service.cancel(canceller(request), id).orElseThrow(() -> notFound(id)));
    } catch (JobStateException e) {
      throw new ApiException(ApiError.CONFLICT, e.getMessage());
    }
  }

  private static BacktestJob find(OptimizerRuns service, String owner, String id) {
    if (!JobIds.isValid(JobIds.OPTIMIZER_PREFIX, id)) {
      throw notFound(id);
    }
    return service.find(owner, id).orElseThrow(() -> notFound(id));
  }

  private static ApiException notFound(String id) {
    return new ApiException(
        ApiError.OPTIMIZER_RUN_NOT_FOUND, "Optimisation run not found: " + ApiException.echo(id));
  }

  private static OptimizerRunView view(OptimizerRuns service, BacktestJob job) {
    OptimizationRequest r = OptimizerRuns.request(job);
    OptimizerProgress progress =
        service
            .progress(job.id())
            .filter(s -> job.status() == JobStatus.RUNNING)
            .map(OptimizerRoutes::progress)
            .orElse(new OptimizerProgress(null, null, job.progress(), null, null));
    return new OptimizerRunView(
        job.id(),
        job.owner(),
        r.strategyId(),
        r.trigger(),
        job.status().code(),
        r.algorithm(),
        r.engine(),
        r.trials(),
        r.seed(),
        r.objective(),
        r.windows(),
        progress,
        job.submittedAt(),
        job.startedAt(),
        job.finishedAt(),
        job.error(),
        job.status() == JobStatus.DONE ? result(service, job) : null);
  }

  private static OptimizerProgress progress(RunProgress.Snapshot s) {
    long eta = s.etaMs();
    return new OptimizerProgress(
        s.done(),
        s.total(),
        s.fraction(),
        Double.isFinite(s.bestSoFar()) ? s.bestSoFar() : null,
        eta < 0 ? null : Math.round(eta / 1000.0));
  }

  private static OptimizerResult result(OptimizerRuns service, BacktestJob job) {
    Metrics m = job.metrics();
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : OptimizerRuns.FILES) {
      service.file(job.id(), name).ifPresent(p -> files.put(name, p.toAbsolutePath().toString()));
    }
    return new OptimizerResult(
        m == null ? null : m.totalReturn(),
        m == null ? null : m.cagr(),
        m == null ? null : m.sharpe(),
        m == null ? null : m.maxDrawdown(),
        service.bestParams(job.id()),
        files);
  }

  /** Body of {@code POST /api/v1/optimizer/run}. */
  record OptimizerRunBody(
      @JsonProperty(required = true) String strategyId,
      String trigger,
      String windows,
      String objective,
      String algorithm,
      Map<String, String> space,
      Integer trials,
      Long seed,
      String engine,
      Integer refine,
      List<String> symbols,
      String startDate,
      String endDate,
      Double maxLeverage,
      Integer minTrades,
      Double maxTurnover,
      Double maxDrawdown) {
    OptimizerRunBody {
      if (strategyId == null || strategyId.isBlank()) {
        throw ApiException.missing("strategy_id");
      }
    }
  }

  /** Progress of a run. */
  record OptimizerProgress(
      @Nullable @Doc("Trials done, all folds (while running in this process)") Integer trialsDone,
      @Nullable @Doc("Trials planned, all folds") Integer trialsTotal,
      @Doc("Fraction done, 0..1") double fraction,
      @Nullable @Doc("Best objective so far in the current fold") Double bestSoFar,
      @Nullable @Doc("Estimated seconds left") Long etaSeconds) {}

  /** Result of a done run. */
  record OptimizerResult(
      @Nullable @Doc("Stitched out-of-sample total return") Double totalReturn,
      @Nullable @Doc("Stitched out-of-sample CAGR") Double cagr,
      @Nullable @Doc("Stitched out-of-sample Sharpe") Double sharpe,
      @Nullable @Doc("Stitched out-of-sample max drawdown") Double maxDrawdown,
      @Nullable @Doc("The last fold's chosen parameters: name -> {value, ci_low, ci_high}")
          Map<String, Object> bestParams,
      @Doc("Report files stored with the run: name -> path on the server")
          Map<String, String> reportFiles) {}

  /** One run. */
  record OptimizerRunView(
      @Doc("Run id (opt_ + 16 hex digits)") String runId,
      @Doc("Who submitted it") String owner,
      @Doc("Strategy") String strategyId,
      @Doc("Why it was started") String trigger,
      @Doc("queued, running, done, failed or cancelled") String status,
      @Doc("Search algorithm") String algorithm,
      @Doc("local or spark") String engine,
      @Doc("Trials per fold") int trials,
      @Doc("Seed") long seed,
      @Doc("Objective") String objective,
      @Doc("Walk-forward windows") String windows,
      @Doc("Progress") OptimizerProgress progress,
      @Doc("When it was accepted") Instant submittedAt,
      @Nullable @Doc("When it (last) started") Instant startedAt,
      @Nullable @Doc("When it finished") Instant finishedAt,
      @Nullable @Doc("Why it failed") String error,
      @Nullable @Doc("Set when done") OptimizerResult result) {}

  /** One report file's text. */
  record OptimizerFileView(
      @Doc("File name") String name,
      @Doc("text/html, application/json or text/csv") String mediaType,
      @Doc("Size, bytes") long size,
      @Doc("The file's text (UTF-8)") String content) {}

  /** A page of runs. */
  record OptimizerRunList(
      @Doc("Runs, newest first") List<OptimizerRunView> items,
      @Nullable @Doc("Pass as cursor for the next page") String nextCursor) {}
}
