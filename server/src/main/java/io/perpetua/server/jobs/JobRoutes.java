package io.perpetua.server.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.backtest.job.InvalidJobException;
import io.perpetua.backtest.job.JobService;
import io.perpetua.backtest.job.JobStateException;
import io.perpetua.backtest.job.RateLimitedException;
import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.JobCursor;
import io.perpetua.jobs.JobStatus;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Caller;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.RequestAuthenticator;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Json;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The signed job API (spec 004): submit, read, list and cancel backtest jobs under {@code
 * /v1/backtest/jobs}. Responses are bare objects (no envelope), errors {@code {"error": {"code",
 * "message"}}}; every request is authenticated by the given {@link RequestAuthenticator} (the
 * {@link SignatureVerifier}), and a caller sees only its owner's jobs (others' are 404). Bad input
 * is rejected before a job is created. Thread-safe.
 */
public final class JobRoutes implements RouteGroup {
  private static final String TAG = "Backtest jobs";
  private static final String BASE = "/v1/backtest/jobs";

  static final Param<String> JOB_ID =
      Param.string("job_id", "[A-Za-z0-9_-]+", 64).inPath().description("Job id (bt_...)");
  static final Param<String> STATUS =
      Param.oneOf("status", "queued", "running", "done", "failed", "cancelled")
          .description("Only jobs with this status.");
  static final Param<Integer> LIMIT =
      Param.integer("limit", 1, 100).withDefault(20).description("Page size.");
  static final Param<String> CURSOR =
      Param.string("cursor", "bt_[0-9a-f]{16}", 19)
          .description("next_cursor of the previous page: continue after that job.");

  private final Supplier<JobService> jobs;
  private final RequestAuthenticator authenticator;
  private final double slippageBps;
  private final ObjectMapper json = Json.newMapper();

  /**
   * The routes.
   *
   * @param jobs the job service; may supply null while it is starting (requests then get 503)
   * @param authenticator verifies signed requests
   * @param slippageBps slippage applied to every job (the request has no field for it)
   */
  public JobRoutes(
      Supplier<JobService> jobs, RequestAuthenticator authenticator, double slippageBps) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.slippageBps = slippageBps;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.post(BASE)
            .tag(TAG)
            .summary("Submit a backtest job")
            .description(
                "Queues a backtest. At most 5 jobs per user may be queued or running at once;"
                    + " beyond that 429 RATE_LIMITED. Answers 202 with the queued job.")
            .authenticatedBy(authenticator)
            .bare()
            .body(JobBody.class, JobExamples.BODY)
            .successStatus(202)
            .errors(ApiError.RATE_LIMITED)
            .response(JobViews.JobView.class, JobExamples.QUEUED)
            .handle(this::submit),
        Route.get(BASE)
            .tag(TAG)
            .summary("List backtest jobs")
            .description("The caller's jobs, newest first, without equity curves and trades.")
            .authenticatedBy(authenticator)
            .bare()
            .param(STATUS)
            .param(LIMIT)
            .param(CURSOR)
            .response(JobViews.JobList.class, JobExamples.LIST)
            .handle(this::list),
        Route.get(BASE + "/{job_id}")
            .tag(TAG)
            .summary("Get a backtest job")
            .description(
                "Status, progress and, when done, the result. Poll at most every 5 s; stop at"
                    + " done, failed or cancelled.")
            .authenticatedBy(authenticator)
            .bare()
            .param(JOB_ID)
            .errors(ApiError.NOT_FOUND)
            .response(JobViews.JobView.class, JobExamples.DONE)
            .handle(this::get),
        Route.post(BASE + "/{job_id}/cancel")
            .tag(TAG)
            .summary("Cancel a backtest job")
            .description(
                "A queued job is cancelled at once; a running job stops at the runner's next"
                    + " check (its status is still running in this answer). Cancelling a"
                    + " cancelled job changes nothing; a done or failed job is 409 CONFLICT.")
            .authenticatedBy(authenticator)
            .bare()
            .param(JOB_ID)
            .errors(ApiError.NOT_FOUND, ApiError.CONFLICT)
            .response(JobViews.JobView.class, JobExamples.QUEUED)
            .handle(this::cancel));
  }

  private JobService service() {
    JobService service = jobs.get();
    if (service == null) {
      throw new ServiceUnavailableException("backtest job service not started yet", null);
    }
    return service;
  }

  private JobViews.JobView submit(ApiRequest request) {
    JobBody body = request.body(JobBody.class);
    Caller caller = request.caller();
    BacktestJob job;
    try {
      job =
          service()
              .submit(
                  caller.owner(),
                  caller.credentialId(),
                  body.toRequest(slippageBps),
                  json.writeValueAsString(body));
    } catch (InvalidJobException e) {
      throw new ApiException(
          ApiError.INVALID_PARAMETER, "Invalid parameter '" + field(e) + "': " + e.getMessage());
    } catch (RateLimitedException e) {
      throw new ApiException(ApiError.RATE_LIMITED, e.getMessage());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return JobViews.view(job, body, null);
  }

  private static String field(InvalidJobException e) {
    return switch (e.field()) {
      case STRATEGY -> "template_id";
      case PARAMETERS -> "params";
      case SYMBOLS -> "symbols";
      case TIMEFRAME -> "timeframe";
      case START -> "start";
      case END -> "end";
      case CAPITAL -> "capital";
      case LEVERAGE -> "leverage";
      case FEE_BPS -> "fee_bps";
      default -> "request";
    };
  }

  private JobViews.JobView get(ApiRequest request) {
    String owner = request.caller().owner();
    BacktestJob job = find(owner, request.value(JOB_ID));
    JobService service = service();
    return JobViews.view(job, config(job), service.output(owner, job.id()).orElse(null));
  }

  private JobViews.JobView cancel(ApiRequest request) {
    String owner = request.caller().owner();
    String id = request.value(JOB_ID);
    try {
      BacktestJob job = service().cancel(owner, id).orElseThrow(() -> notFound(id));
      return JobViews.view(job, config(job), null);
    } catch (JobStateException e) {
      throw new ApiException(ApiError.CONFLICT, e.getMessage());
    }
  }

  private JobViews.JobList list(ApiRequest request) {
    String owner = request.caller().owner();
    int limit = request.value(LIMIT);
    Set<JobStatus> statuses =
        request.param(STATUS).map(s -> Set.of(JobStatus.parse(s))).orElse(Set.of());
    JobCursor after =
        request
            .param(CURSOR)
            .map(
                id ->
                    service()
                        .find(owner, id)
                        .orElseThrow(
                            () -> ApiException.invalid("cursor", "a job id from next_cursor", id))
                        .cursor())
            .orElse(null);
    List<BacktestJob> page = service().list(owner, statuses, after, limit);
    String next = page.size() == limit ? page.get(page.size() - 1).id() : null;
    return new JobViews.JobList(
        page.stream().map(j -> JobViews.summary(j, config(j))).toList(), next);
  }

  private BacktestJob find(String owner, String id) {
    return service().find(owner, id).orElseThrow(() -> notFound(id));
  }

  private static ApiException notFound(String id) {
    return ApiException.notFound("Job " + id + " not found");
  }

  /** The config the job was submitted with, or one derived from its request. */
  private JobBody config(BacktestJob job) {
    if (job.config() != null) {
      try {
        return json.readValue(job.config(), JobBody.class);
      } catch (JsonProcessingException | RuntimeException e) {
        // submitted through another API: fall through
      }
    }
    return JobBody.fromRequest(job.request());
  }
}
