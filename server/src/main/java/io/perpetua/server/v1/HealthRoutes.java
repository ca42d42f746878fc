package io.perpetua.server.v1;

import io.perpetua.core.time.Clock;
import io.perpetua.readmodel.Heartbeat;
import io.perpetua.readmodel.PlatformState;
import io.perpetua.readmodel.StageState;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/v1/health} and {@code GET /api/v1/health/pipeline} (spec 2.1), both open without
 * a token so probes can use them. A service whose last heartbeat is older than the staleness (on
 * the injected wall clock) is reported {@code down}; the overall status is the worst service's.
 * Thread-safe.
 */
public final class HealthRoutes implements RouteGroup {
  private static final String TAG = "Health";
  private static final List<String> SEVERITY = List.of("healthy", "degraded", "down");

  private final PlatformState state;
  private final Clock clock;
  private final long stalenessMs;

  /**
   * Health routes.
   *
   * @param state where heartbeats and stages are read
   * @param clock the wall clock (heartbeats are wall-clock times)
   * @param staleness heartbeat age after which a service is {@code down}
   */
  public HealthRoutes(PlatformState state, Clock clock, Duration staleness) {
    this.state = Objects.requireNonNull(state, "state");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.stalenessMs = staleness.toMillis();
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/health")
            .tag(TAG)
            .summary("Global health of the platform services")
            .description(
                "One entry per service that has sent a heartbeat. A service whose last heartbeat is"
                    + " older than the configured staleness (default 120 s) is `down`, and its"
                    + " `uptime_seconds` counts up to that last heartbeat. `overall_status` is the"
                    + " worst service status (`down` when no service has reported yet). Open"
                    + " without a token.")
            .publicAccess()
            .response(Health.class, Examples.load("health.json"))
            .handle(this::health),
        Route.get("/api/v1/health/pipeline")
            .tag(TAG)
            .summary("State of each data-pipeline stage")
            .description(
                "Stages in pipeline order with their last and next runs. Open without a token.")
            .publicAccess()
            .response(Pipeline.class, Examples.load("pipeline.json"))
            .handle(this::pipeline));
  }

  private Health health(ApiRequest request) {
    long now = clock.nowMillis();
    List<ServiceStatus> services =
        state.heartbeats().stream().map(h -> serviceStatus(h, now)).toList();
    String overall = "down";
    if (!services.isEmpty()) {
      overall =
          services.stream()
              .map(ServiceStatus::status)
              .max((a, b) -> Integer.compare(SEVERITY.indexOf(a), SEVERITY.indexOf(b)))
              .orElseThrow();
    }
    return new Health(overall, services, Instant.ofEpochMilli(now));
  }

  private ServiceStatus serviceStatus(Heartbeat h, long now) {
    boolean stale = now - h.lastHeartbeatMs() > stalenessMs;
    String status = stale ? "down" : normalise(h.status());
    long runningUntil = stale ? h.lastHeartbeatMs() : now;
    long uptimeSeconds = Math.max(0, runningUntil - h.startedAtMs()) / 1000;
    return new ServiceStatus(
        h.service(), status, Instant.ofEpochMilli(h.lastHeartbeatMs()), uptimeSeconds, h.metrics());
  }

  /** A reported status outside the spec's vocabulary counts as degraded. */
  private static String normalise(String status) {
    String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
    return SEVERITY.contains(s) ? s : "degraded";
  }

  private Pipeline pipeline(ApiRequest request) {
    return new Pipeline(state.stages().stream().map(HealthRoutes::view).toList());
  }

  private static PipelineStage view(StageState s) {
    return new PipelineStage(
        s.name(),
        s.displayName(),
        s.status(),
        instant(s.lastRunMs()),
        instant(s.nextRunMs()),
        s.metrics());
  }

  private static Instant instant(Long ms) {
    return ms == null ? null : Instant.ofEpochMilli(ms);
  }

  /** Response of {@code /api/v1/health}. */
  record Health(
      @Doc(
              value = "Worst status of all services; down when none has reported",
              allowed = {"healthy", "degraded", "down"})
          String overallStatus,
      List<ServiceStatus> services,
      @Doc("When this check ran") Instant checkedAt) {}

  /** One service's health. */
  record ServiceStatus(
      @Doc("Service id") String name,
      @Doc(
              value = "down when the last heartbeat is older than the staleness",
              allowed = {"healthy", "degraded", "down"})
          String status,
      @Doc("Time of the last heartbeat") Instant lastHeartbeat,
      @Doc("Seconds running continuously (up to the last heartbeat when down)") long uptimeSeconds,
      @Doc("Service-specific metrics") Map<String, Object> metrics) {}

  /** Response of {@code /api/v1/health/pipeline}. */
  record Pipeline(List<PipelineStage> stages) {}

  /** One pipeline stage. */
  record PipelineStage(
      @Doc("Stage id") String name,
      @Doc("Display name") String displayName,
      @Doc(
              value = "Stage status",
              allowed = {"running", "idle", "error"})
          String status,
      @Nullable @Doc("Last run, null if never run") Instant lastRun,
      @Nullable @Doc("Next scheduled run, null if not scheduled") Instant nextRun,
      @Doc("Stage-specific metrics") Map<String, Object> metrics) {}
}
