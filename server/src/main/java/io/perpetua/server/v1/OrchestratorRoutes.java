package io.perpetua.server.v1;

import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.trading.orchestrator.OrchestratorStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The orchestrator's schedule and run log (issue 17 item 4, spec 003 §9): {@code GET
 * /api/v1/orchestrator/jobs} and {@code GET /api/v1/orchestrator/runs}. Thread-safe.
 */
public final class OrchestratorRoutes implements RouteGroup {
  private static final String TAG = "Orchestrator";

  static final Param<String> JOB =
      Param.string("job", "[a-z0-9_]+", 64).description("Only this job's runs");
  static final Param<Integer> LIMIT =
      Param.integer("limit", 1, 500).withDefault(50).description("Runs per page (1-500)");
  static final Param<Integer> BEFORE =
      Param.integer("before_id", 1, Integer.MAX_VALUE)
          .description("Only runs with a smaller id (the next page: the last id seen)");

  private final Supplier<OrchestratorStore> store;

  /** Routes over {@code store} (null while the platform starts: 503). */
  public OrchestratorRoutes(Supplier<OrchestratorStore> store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  private OrchestratorStore store() {
    return Ready.get(store, "orchestrator");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/orchestrator/jobs")
            .tag(TAG)
            .summary("Scheduled jobs")
            .description(
                "The cron plan (UTC): each job's cron, what it does, when it is next due and when"
                    + " it last ran. A due time missed while the platform was down runs once at"
                    + " start; instances sharing a database never run a job twice.")
            .response(OrchestratorJobList.class, Examples.load("orchestrator-jobs.json"))
            .handle(r -> jobs()),
        Route.get("/api/v1/orchestrator/runs")
            .tag(TAG)
            .summary("Job runs")
            .description(
                "Every run, newest first: trigger (`schedule`, `catch_up` for a due time missed"
                    + " while down, or an event trigger), status (`running`, `done`, `failed`,"
                    + " `skipped`) and what it did. Unknown job: 404/40450.")
            .param(JOB)
            .param(LIMIT)
            .param(BEFORE)
            .errors(ApiError.ORCHESTRATOR_JOB_NOT_FOUND)
            .response(OrchestratorRunList.class, Examples.load("orchestrator-runs.json"))
            .handle(this::runs));
  }

  private OrchestratorJobList jobs() {
    return new OrchestratorJobList(
        store().jobs().stream()
            .map(
                j ->
                    new OrchestratorJob(
                        j.name(),
                        j.cron(),
                        j.description(),
                        Instant.ofEpochMilli(j.nextDueMs()),
                        j.lastRunMs() == null ? null : Instant.ofEpochMilli(j.lastRunMs())))
            .toList());
  }

  private OrchestratorRunList runs(ApiRequest request) {
    OrchestratorStore s = store();
    String job = request.param(JOB).orElse(null);
    if (job != null && s.jobs().stream().noneMatch(j -> j.name().equals(job))) {
      throw new ApiException(
          ApiError.ORCHESTRATOR_JOB_NOT_FOUND,
          "job: no orchestrator job '"
              + job
              + "'; jobs: "
              + s.jobs().stream().map(OrchestratorStore.JobState::name).toList());
    }
    long before = request.param(BEFORE).map(Integer::longValue).orElse(Long.MAX_VALUE);
    return new OrchestratorRunList(
        s.runs(job, request.value(LIMIT), before).stream()
            .map(
                r ->
                    new OrchestratorRun(
                        r.id(),
                        r.job(),
                        r.trigger(),
                        Instant.ofEpochMilli(r.scheduledForMs()),
                        Instant.ofEpochMilli(r.startedMs()),
                        r.endedMs() == null ? null : Instant.ofEpochMilli(r.endedMs()),
                        r.status(),
                        r.summary(),
                        r.instance()))
            .toList());
  }

  /** Response of {@code /api/v1/orchestrator/jobs}. */
  record OrchestratorJobList(List<OrchestratorJob> jobs) {}

  /** A scheduled job. */
  record OrchestratorJob(
      @Doc("Job name") String name,
      @Doc("UTC cron") String cron,
      @Doc("What it does") String description,
      @Doc("When it is next due") Instant nextDue,
      @Nullable @Doc("When it last started") Instant lastRun) {}

  /** Response of {@code /api/v1/orchestrator/runs}. */
  record OrchestratorRunList(List<OrchestratorRun> runs) {}

  /** A run. */
  record OrchestratorRun(
      @Doc("Run id") long id,
      @Doc("Job") String job,
      @Doc("schedule, catch_up, or the event trigger") String trigger,
      @Doc("The due time (or the event's time)") Instant scheduledFor,
      @Doc("When it started") Instant startedAt,
      @Nullable @Doc("When it ended (null: running or interrupted)") Instant endedAt,
      @Doc("running, done, failed or skipped") String status,
      @Doc("What it did") String summary,
      @Doc("The platform process that ran it") String instance) {}
}
