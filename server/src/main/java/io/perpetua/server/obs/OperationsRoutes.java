package io.perpetua.server.obs;

import io.perpetua.core.time.Clock;
import io.perpetua.readmodel.PlatformState;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/health/dependencies} (open, for probes: database, Redis, venue up or down) and
 * {@code GET /api/v1/system/status} (token: the server status view of spec §8 — processes, CPU,
 * memory, disk, database and the other dependencies, data freshness per symbol). Thread-safe.
 */
public final class OperationsRoutes implements RouteGroup {
  private static final String TAG = "Health";

  private final PlatformState state;
  private final DependencyHealth dependencies;
  private final Supplier<DataFreshness> freshness;
  private final Path dataDir;
  private final Clock clock;
  private final long startedAtMs;
  private volatile Supplier<ControlPlaneStatus> controlPlane = () -> null;

  /**
   * The routes.
   *
   * @param freshness the data freshness, null until the market is loaded
   * @param dataDir the data directory (its disk is reported)
   */
  public OperationsRoutes(
      PlatformState state,
      DependencyHealth dependencies,
      Supplier<DataFreshness> freshness,
      Path dataDir,
      Clock clock) {
    this.state = Objects.requireNonNull(state, "state");
    this.dependencies = Objects.requireNonNull(dependencies, "dependencies");
    this.freshness = Objects.requireNonNull(freshness, "freshness");
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.startedAtMs = ManagementFactory.getRuntimeMXBean().getStartTime();
  }

  /** Adds the control plane's spec-001 status ({@code control_plane}; null when it is off). */
  public OperationsRoutes withControlPlane(Supplier<ControlPlaneStatus> status) {
    this.controlPlane = Objects.requireNonNull(status, "status");
    return this;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/health/dependencies")
            .tag(TAG)
            .summary("Whether the database, Redis and the venue answer")
            .description(
                "One entry per dependency (database; Redis when configured; the venue in live"
                    + " mode), each checked at most every 5 s. `overall_status` is `healthy` when"
                    + " all are up, else `down`. Open without a token; no details beyond up/down.")
            .publicAccess()
            .response(Dependencies.class, null)
            .handle(this::dependencies),
        Route.get("/api/v1/system/status")
            .tag(TAG)
            .summary("Server status: processes, CPU, memory, disk, dependencies, data freshness")
            .description(
                "The operator's view of the server (spec §8): the platform's services (heartbeats),"
                    + " the JVM process, CPU load, memory, the data directory's disk, the"
                    + " dependencies and the last bar per symbol.")
            .response(Status.class, null)
            .handle(this::status));
  }

  private Dependencies dependencies(ApiRequest request) {
    List<Dependency> list = dependencies.results().stream().map(OperationsRoutes::view).toList();
    boolean all = list.stream().allMatch(d -> d.status().equals("up"));
    return new Dependencies(
        all ? "healthy" : "down", list, Instant.ofEpochMilli(clock.nowMillis()));
  }

  private static Dependency view(DependencyHealth.Result r) {
    return new Dependency(r.name(), r.up() ? "up" : "down", r.latencyMs());
  }

  private Status status(ApiRequest request) {
    long now = clock.nowMillis();
    var os = ManagementFactory.getOperatingSystemMXBean();
    double processLoad = -1;
    long total = -1;
    long free = -1;
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      processLoad = sun.getProcessCpuLoad();
      total = sun.getTotalMemorySize();
      free = sun.getFreeMemorySize();
    }
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    File disk = dataDir.toFile();
    List<Service> services =
        state.heartbeats().stream()
            .map(
                h ->
                    new Service(h.service(), h.status(), Instant.ofEpochMilli(h.lastHeartbeatMs())))
            .toList();
    return new Status(
        new ProcessInfo(
            ProcessHandle.current().pid(),
            (now - startedAtMs) / 1000,
            Thread.activeCount(),
            Runtime.version().toString(),
            services),
        new Cpu(os.getAvailableProcessors(), os.getSystemLoadAverage(), processLoad),
        new Memory(heap.getUsed(), heap.getMax(), total, free),
        new Disk(dataDir.toString(), disk.getTotalSpace(), disk.getUsableSpace()),
        dependencies.results().stream().map(OperationsRoutes::view).toList(),
        data(),
        Instant.ofEpochMilli(now),
        controlPlane.get());
  }

  private Data data() {
    DataFreshness f = freshness.get();
    if (f == null) {
      return new Data(0, null, null, Map.of());
    }
    Map<String, Long> last = f.snapshot();
    long newest = last.values().stream().mapToLong(Long::longValue).max().orElse(0);
    long oldest =
        last.values().stream().filter(v -> v > 0).mapToLong(Long::longValue).min().orElse(0);
    Map<String, Instant> bySymbol = new java.util.TreeMap<>();
    last.forEach(
        (s, ms) -> {
          if (ms > 0) {
            bySymbol.put(s, Instant.ofEpochMilli(ms));
          }
        });
    return new Data(
        last.size(),
        newest > 0 ? Instant.ofEpochMilli(newest) : null,
        oldest > 0 ? Instant.ofEpochMilli(oldest) : null,
        bySymbol);
  }

  /** Response of {@code /api/v1/health/dependencies}. */
  record Dependencies(
      @Doc(
              value = "healthy when every dependency is up",
              allowed = {"healthy", "down"})
          String overallStatus,
      List<Dependency> dependencies,
      @Doc("When this answer was made") Instant checkedAt) {}

  /** One dependency. */
  record Dependency(
      @Doc("database, redis or venue") String name,
      @Doc(
              value = "Whether it answered its check",
              allowed = {"up", "down"})
          String status,
      @Doc("How long the check took, ms") long latencyMs) {}

  /** Response of {@code /api/v1/system/status}. */
  record Status(
      ProcessInfo process,
      Cpu cpu,
      Memory memory,
      Disk disk,
      List<Dependency> dependencies,
      Data data,
      @Doc("When this answer was made") Instant checkedAt,
      @Doc("Spec 001: the control plane's status, camelCase (null when it is off)") @Nullable
          ControlPlaneStatus controlPlane) {}

  /** The server process and the platform's services in it. */
  record ProcessInfo(
      @Doc("Process id") long pid,
      @Doc("Seconds since the JVM started") long uptimeSeconds,
      @Doc("Live threads") int threads,
      @Doc("Java runtime version") String jvm,
      @Doc("The platform's services by heartbeat") List<Service> services) {}

  /** One service's last heartbeat. */
  record Service(
      @Doc("Service id") String name,
      @Doc("Reported status") String status,
      @Doc("Last heartbeat") Instant lastHeartbeat) {}

  /** CPU. */
  record Cpu(
      @Doc("Processors available to the JVM") int processors,
      @Doc("System load average over the last minute (-1: unavailable)") double loadAverage,
      @Doc("This process's CPU load, 0..1 (-1: unavailable)") double processLoad) {}

  /** Memory. */
  record Memory(
      @Doc("JVM heap in use, bytes") long heapUsedBytes,
      @Doc("JVM heap limit, bytes (-1: none)") long heapMaxBytes,
      @Doc("Machine memory, bytes (-1: unavailable)") long systemTotalBytes,
      @Doc("Machine memory free, bytes (-1: unavailable)") long systemFreeBytes) {}

  /** The data directory's file system. */
  record Disk(
      @Doc("The data directory") String path,
      @Doc("File system size, bytes") long totalBytes,
      @Doc("Usable space, bytes") long usableBytes) {}

  /** Data freshness. */
  record Data(
      @Doc("Symbols the kernel trades") int symbols,
      @Nullable @Doc("Close time of the newest bar of any symbol") Instant newestBar,
      @Nullable @Doc("Close time of the stalest symbol's last bar") Instant oldestLastBar,
      @Doc("Close time of each symbol's last bar (symbols without one yet are left out)")
          Map<String, Instant> lastBar) {}
}
