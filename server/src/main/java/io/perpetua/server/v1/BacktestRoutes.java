package io.perpetua.server.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.perpetua.backtest.BacktestDays;
import io.perpetua.backtest.job.InvalidJobException;
import io.perpetua.backtest.job.JobField;
import io.perpetua.backtest.job.JobService;
import io.perpetua.backtest.job.RateLimitedException;
import io.perpetua.core.time.Times;
import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.JobOutput;
import io.perpetua.jobs.JobStatus;
import io.perpetua.jobs.Metrics;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.jobs.ActivityView;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code /api/v1/backtest/*} (spec 4.3): submit a backtest, read its result, list the history. In
 * the envelope, behind the bearer token; the jobs belong to the owner {@value #OWNER} (the token
 * holder) and run on the shared {@link JobService}. Statuses in this API: {@code running} (queued
 * or running), {@code completed}, {@code failed}, {@code cancelled}. Thread-safe.
 */
public final class BacktestRoutes implements RouteGroup {
  /** The owner of the jobs submitted through this API. */
  public static final String OWNER = "operator";

  private static final String TAG = "Backtest";
  private static final int DEFAULT_FEE_BPS = 10;
  private static final String DEFAULT_SOURCE = "dollar_bar";

  static final Param<String> BACKTEST_ID =
      Param.string("backtest_id", "[A-Za-z0-9_-]+", 64).inPath().description("Backtest id");
  static final Param<Integer> LIMIT =
      Param.integer("limit", 1, 1000)
          .withDefault(100)
          .description("At most this many, newest first.");

  /**
   * Settings the spec-4.3 request does not carry.
   *
   * @param timeframe bar timeframe of {@code kline} runs (the platform's, e.g. {@code 1h})
   * @param capital initial capital, USDT
   * @param slippageBps slippage per fill, bps
   */
  public record Defaults(String timeframe, double capital, double slippageBps) {
    /** Validates. */
    public Defaults {
      Objects.requireNonNull(timeframe, "timeframe");
      if (!(capital > 0) || slippageBps < 0) {
        throw new IllegalArgumentException("capital must be positive and slippage >= 0");
      }
    }
  }

  private final Supplier<JobService> jobs;
  private final Defaults defaults;

  /**
   * The routes.
   *
   * @param jobs the job service; may supply null while it is starting (requests then get 503)
   * @param defaults settings the request does not carry
   */
  public BacktestRoutes(Supplier<JobService> jobs, Defaults defaults) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.defaults = Objects.requireNonNull(defaults, "defaults");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.post("/api/v1/backtest/run")
            .tag(TAG)
            .summary("Submit a backtest")
            .description(
                "Queues a backtest of a configured strategy over [start_date, end_date] (both"
                    + " days included), all symbols. At most 5 backtests may be running at once"
                    + " (40006, HTTP 429, beyond). 40001 `Strategy not found: <name>` for an unknown"
                    + " strategy.")
            .body(RunBody.class, Examples.load("backtest-run-body.json"))
            .errors(ApiError.RATE_LIMITED)
            .response(RunAccepted.class, Examples.load("backtest-run.json"))
            .handle(this::run),
        Route.get("/api/v1/backtest/{backtest_id}/result")
            .tag(TAG)
            .summary("Backtest result")
            .description(
                "Status and, once completed, metrics and the daily NAV curve (null once purged,"
                    + " 90 days after completion; metrics are kept).")
            .param(BACKTEST_ID)
            .errors(ApiError.NOT_FOUND)
            .response(ResultData.class, Examples.load("backtest-result.json"))
            .handle(this::result),
        Route.get("/api/v1/backtest/history")
            .tag(TAG)
            .summary("Backtest history")
            .description("Submitted backtests, newest first.")
            .param(LIMIT)
            .response(History.class, Examples.load("backtest-history.json"))
            .handle(this::history));
  }

  private JobService service() {
    JobService service = jobs.get();
    if (service == null) {
      throw new ServiceUnavailableException("backtest job service not started yet", null);
    }
    return service;
  }

  private RunAccepted run(ApiRequest request) {
    RunBody body = request.body(RunBody.class);
    BacktestRequest run =
        new BacktestRequest(
            body.strategyName(),
            body.parameters(),
            List.of(),
            defaults.timeframe(),
            body.dataSource(),
            BacktestDays.start(body.start()),
            BacktestDays.end(body.end()),
            defaults.capital(),
            1,
            body.feeBps(),
            body.feeBps(),
            defaults.slippageBps(),
            0,
            body.rebalanceDays(),
            365);
    try {
      BacktestJob job = service().submit(OWNER, null, run, null);
      return new RunAccepted(job.id(), status(job.status()), job.submittedAt());
    } catch (InvalidJobException e) {
      if (e.field() == JobField.STRATEGY) {
        throw new ApiException(
            ApiError.INVALID_PARAMETER,
            "Strategy not found: "
                + ApiException.echo(body.strategyName())
                + "; available: "
                + service().validator().catalog().ids());
      }
      throw new ApiException(
          ApiError.INVALID_PARAMETER,
          "Invalid parameter '" + field(e.field()) + "': " + e.getMessage());
    } catch (RateLimitedException e) {
      throw new ApiException(ApiError.RATE_LIMITED, e.getMessage());
    }
  }

  private static String field(JobField field) {
    return switch (field) {
      case PARAMETERS -> "parameters";
      case START -> "start_date";
      case END -> "end_date";
      case FEE_BPS -> "fee_bps";
      case REBALANCE_DAYS -> "rebalance_days";
      case DATA_SOURCE -> "data_source";
      case TIMEFRAME -> "timeframe";
      default -> "request";
    };
  }

  /** The spec-4.3 status of a job. */
  static String status(JobStatus status) {
    return switch (status) {
      case QUEUED, RUNNING -> "running";
      case DONE -> "completed";
      case FAILED -> "failed";
      case CANCELLED -> "cancelled";
    };
  }

  private ResultData result(ApiRequest request) {
    String id = request.value(BACKTEST_ID);
    JobService service = service();
    BacktestJob job =
        service
            .find(OWNER, id)
            .orElseThrow(() -> ApiException.notFound("Backtest not found: " + id));
    JobOutput output = service.output(OWNER, id).orElse(null);
    BacktestRequest r = job.request();
    Long seconds =
        job.finishedAt() == null || job.startedAt() == null
            ? null
            : Math.round((job.finishedAt().toEpochMilli() - job.startedAt().toEpochMilli()) / 1e3);
    return new ResultData(
        job.id(),
        status(job.status()),
        r.strategy(),
        parameters(r),
        job.metrics() == null ? null : metrics(job.metrics()),
        output == null ? null : navCurve(output.equity()),
        job.finishedAt(),
        seconds,
        job.error(),
        ActivityView.of(job.activity()));
  }

  private static Map<String, Object> parameters(BacktestRequest r) {
    Map<String, Object> out = new LinkedHashMap<>(new TreeMap<>(r.parameters()));
    out.put("start_date", Times.isoDate(r.start().toEpochMilli()));
    out.put("end_date", BacktestDays.lastDay(r.end()).toString());
    out.put(
        "fee_bps", r.feeBps() == Math.rint(r.feeBps()) ? (Object) (long) r.feeBps() : r.feeBps());
    if (r.rebalanceDays() != null) {
      out.put("rebalance_days", r.rebalanceDays());
    }
    out.put("data_source", r.dataSource());
    return out;
  }

  private static MetricsData metrics(Metrics m) {
    return new MetricsData(
        m.totalReturn(),
        m.cagr(),
        m.sharpe(),
        m.maxDrawdown(),
        m.calmar(),
        m.avgTurnover(),
        m.totalTrades(),
        m.winRate());
  }

  /** The last equity of each UTC day. */
  static List<NavPoint> navCurve(EquityCurve curve) {
    List<NavPoint> out = new ArrayList<>();
    for (int i = 0; i < curve.size(); i++) {
      LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(curve.timesMs()[i]), ZoneOffset.UTC);
      NavPoint point = new NavPoint(day, curve.equity()[i]);
      if (!out.isEmpty() && out.get(out.size() - 1).date().equals(day)) {
        out.set(out.size() - 1, point);
      } else {
        out.add(point);
      }
    }
    return out;
  }

  private History history(ApiRequest request) {
    List<HistoryItem> items =
        service().list(OWNER, Set.of(), null, request.value(LIMIT)).stream()
            .map(
                j ->
                    new HistoryItem(
                        j.id(),
                        j.request().strategy(),
                        status(j.status()),
                        j.metrics() == null ? Double.NaN : j.metrics().sharpe(),
                        j.metrics() == null ? Double.NaN : j.metrics().maxDrawdown(),
                        j.submittedAt()))
            .toList();
    return new History(items);
  }

  /** Body of {@code POST /api/v1/backtest/run}. */
  record RunBody(
      @JsonProperty(required = true) String strategyName,
      Map<String, Object> parameters,
      @JsonProperty(required = true) String startDate,
      @JsonProperty(required = true) String endDate,
      Integer feeBps,
      Integer rebalanceDays,
      String dataSource) {
    /** Checks the dates and fills the defaults. */
    RunBody {
      if (strategyName == null || strategyName.isBlank()) {
        throw ApiException.missing("strategy_name");
      }
      parameters = parameters == null ? Map.of() : BacktestRequest.checkParameters(parameters);
      LocalDate start = date(startDate, "start_date");
      LocalDate end = date(endDate, "end_date");
      if (end.isBefore(start)) {
        throw ApiException.invalid("end_date", "a date on or after start_date", endDate);
      }
      feeBps = feeBps == null ? DEFAULT_FEE_BPS : feeBps;
      dataSource = dataSource == null ? DEFAULT_SOURCE : dataSource;
    }

    private static LocalDate date(String value, String field) {
      if (value == null || value.isEmpty()) {
        throw ApiException.missing(field);
      }
      try {
        if (value.length() != 10) {
          throw ApiException.invalid(field, "a date YYYY-MM-DD", value);
        }
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw ApiException.invalid(field, "a date YYYY-MM-DD", value);
      }
    }

    LocalDate start() {
      return LocalDate.parse(startDate);
    }

    LocalDate end() {
      return LocalDate.parse(endDate);
    }
  }

  /** Response of {@code POST /api/v1/backtest/run}. */
  record RunAccepted(
      @Doc("Backtest id (bt_ + 16 hex digits)") String backtestId,
      @Doc(
              value = "running right after submission",
              allowed = {"running", "completed", "failed", "cancelled"})
          String status,
      @Doc("When it was accepted") Instant submittedAt) {}

  /** Response of {@code GET /api/v1/backtest/{backtest_id}/result}. */
  record ResultData(
      String backtestId,
      @Doc(
              value = "running (queued or running), completed, failed or cancelled",
              allowed = {"running", "completed", "failed", "cancelled"})
          String status,
      String strategyName,
      @Doc(
              "Overrides (sorted by name), then start_date, end_date, fee_bps, rebalance_days (if"
                  + " given), data_source")
          Map<String, Object> parameters,
      @Nullable @Doc("Set when completed") MetricsData metrics,
      @Nullable @Doc("Daily NAV (last equity of each UTC day); null until completed or once purged")
          List<NavPoint> navCurve,
      @Nullable @Doc("When it completed, failed or was cancelled") Instant completedAt,
      @Nullable @Doc("Run time, seconds") Long executionTimeSeconds,
      @Nullable @Doc("Why it failed (an addition to the spec)") String error,
      @Nullable
          @Doc(
              "Set when completed (an addition to the spec): orders sent, filled and rejected by"
                  + " rule, skipped symbols, and why nothing traded when nothing did")
          ActivityView activity) {}

  /** Backtest metrics; null where undefined. */
  record MetricsData(
      @Nullable @Decimals(Decimals.WEIGHT) double totalReturn,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("CAGR") double annualizedReturn,
      @Nullable @Decimals(Decimals.WEIGHT) double sharpe,
      @Nullable @Decimals(Decimals.WEIGHT) double maxDrawdown,
      @Nullable @Decimals(Decimals.WEIGHT) double calmar,
      @Nullable @Decimals(Decimals.WEIGHT) double avgTurnover,
      int totalTrades,
      @Nullable @Decimals(Decimals.WEIGHT) double winRate) {}

  /** One day of the NAV curve. */
  record NavPoint(LocalDate date, @Decimals(Decimals.MONEY) double nav) {}

  /** Response of {@code GET /api/v1/backtest/history}. */
  record History(List<HistoryItem> backtests) {}

  /** One backtest in the history. */
  record HistoryItem(
      String backtestId,
      String strategyName,
      @Doc(
              value = "Status",
              allowed = {"running", "completed", "failed", "cancelled"})
          String status,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Null until completed") double sharpe,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Null until completed") double maxDrawdown,
      Instant submittedAt) {}
}
