package io.perpetua.app;

import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.app.config.StoreSettings;
import io.perpetua.app.security.AuthWiring;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Clock;
import io.perpetua.server.ApiServer;
import io.perpetua.server.ApiToken;
import io.perpetua.server.ServerConfig;
import io.perpetua.server.obs.DependencyCheck;
import io.perpetua.server.v1.AnalyticsRoutes;
import io.perpetua.server.v1.AssetPoolRoutes;
import io.perpetua.server.v1.OrderRoutes;
import io.perpetua.server.v1.RiskRoutes;
import io.perpetua.server.v1.SignalAnalysisRoutes;
import io.perpetua.server.v1.StrategyRoutes;
import io.perpetua.server.v1.VenueRoutes;
import io.perpetua.server.v1.control.ControlRoutes;
import io.perpetua.server.web.WebDashboard;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcRegistryStore;
import io.perpetua.store.memory.InMemoryStateCache;
import io.perpetua.store.memory.InProcessEventBus;
import io.perpetua.store.redis.RedisEventBus;
import io.perpetua.store.redis.RedisStateCache;
import io.perpetua.store.resilience.EventOutbox;
import io.perpetua.store.resilience.WriteBehindStateCache;
import io.perpetua.store.state.CachedPlatformState;
import io.perpetua.trading.port.EventBus;
import io.perpetua.trading.port.StateCache;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The platform's object graph, built from configuration: the adapters it picks (H2 or PostgreSQL;
 * in-process or Redis state cache and event bus), the HTTP API with all its routes, the backtest
 * job service and the order-flow runtime. It owns these resources and closes them ({@link #close});
 * the threads that run on them are {@link PlatformRuntime}'s. Parts opened later on the kernel
 * thread (journal, risk, kernel, live venue) are in {@link #parts()}, which the routes read through
 * suppliers.
 */
final class PlatformWiring implements AutoCloseable {
  /** How often a lost Redis is retried (state republished, waiting events sent). */
  private static final Duration RETRY_EVERY = Duration.ofSeconds(1);

  /** Kernel events kept while the bus is away (about a day of hourly bars at 81 symbols). */
  private static final int OUTBOX_CAPACITY = 100_000;

  private final PerpetuaConfig config;
  private final Path dataDir;
  private final Path sharedData;
  private final Map<String, String> env;
  private final PrintStream out;
  private final long startedAtMs = System.currentTimeMillis();
  private final StateCache cache;
  private final EventBus bus;
  private final EventOutbox outbox;
  private final KernelWatch watch;
  private final CachedPlatformState state;
  private final TokenStore.Resolved token;
  private final ApiServer server;
  private final PlatformParts parts = new PlatformParts();
  private final Orchestration orchestration;
  private final AuthWiring auth;
  private final BacktestJobs jobs;
  private final FlowRuntime flow;
  private final FlowLearning learning;
  private final HotlistWiring hotlist = new HotlistWiring(parts::risk);
  private final Observability observability;
  private volatile Database database;
  private final ControlWiring control;

  /** Builds the graph; nothing runs and nothing listens until {@link #startApi}. */
  PlatformWiring(
      PerpetuaConfig config,
      Path dataDir,
      Path sharedData,
      Map<String, String> env,
      PrintStream out,
      double speed) {
    this.config = config;
    this.dataDir = dataDir;
    this.sharedData = sharedData;
    this.env = env;
    this.out = out;
    String redis = config.store().redisUrl();
    this.cache =
        redis.isBlank()
            ? new InMemoryStateCache()
            : new WriteBehindStateCache(
                new RedisStateCache(StoreSettings.redisConfig(config.store(), env)),
                "Redis state cache",
                RETRY_EVERY,
                System::currentTimeMillis);
    this.bus =
        redis.isBlank()
            ? new InProcessEventBus()
            : new RedisEventBus(StoreSettings.redisConfig(config.store(), env));
    this.outbox = new EventOutbox(bus, OUTBOX_CAPACITY, RETRY_EVERY);
    this.watch =
        new KernelWatch(System::currentTimeMillis, config.server().heartbeatStaleSeconds() * 1000L);
    this.state = new CachedPlatformState(cache);
    this.token = TokenStore.resolve(dataDir, env);
    LoggingSetup.apply(config.observability());
    this.observability = new Observability(config, env);
    this.control = ControlWiring.start(config.control()).orElse(null);
    this.server = apiServer();
    this.auth = new AuthWiring(dataDir, env, Clock.system());
    auth.addTo(server);
    observability.install(server, parts::tradable, dependencyChecks(), state, dataDir);
    this.jobs = new BacktestJobs(config, dataDir, env);
    jobs.addRoutes(server);
    observability.jobQueues(jobs::backtests, jobs::optimizations);
    this.orchestration = new Orchestration(config, parts, jobs::optimizerRuns);
    orchestration.hotlistScan(hotlist.scanJob(parts::kernel));
    addTradingRoutes();
    hotlist.addRoutes(server, auth);
    this.flow =
        new FlowRuntime(
            config.flow(),
            FlowRuntime.paperVenue(config.venue()),
            sharedData,
            speed,
            bus,
            config.venue().simulated() || !config.flow().live()
                ? null
                : prices -> FlowLive.start(config, env, prices),
            ConfigLoader.flowLiveTicks(config)
                ? FlowLiveTicks.starter(config, parts::live, bus)
                : null);
    flow.addRoutes(server);
    learning = new FlowLearning(flow::service, config.orchestrator().flowEvolutionApply());
    learning.addRoutes(server);
    orchestration.flowLearning(learning.jobs());
    // The web dashboard at / when it was built into the jar; added last, as its page fallback
    // answers every GET path outside the API.
    WebDashboard.fromClasspath(PlatformWiring.class.getClassLoader())
        .ifPresent(server::addExtension);
  }

  private ApiServer apiServer() {
    ApiServer api =
        new ApiServer(
            state,
            token.token(),
            Clock.system(),
            ServerConfig.defaults()
                .withHeartbeatStaleness(Duration.ofSeconds(config.server().heartbeatStaleSeconds()))
                .withCorsAllowedOrigins(config.server().corsOrigins()));
    String viewer = env.getOrDefault("PERPETUA_API_VIEWER_TOKEN", "");
    if (!viewer.isBlank()) {
      api.withViewerToken(ApiToken.of(viewer.strip()));
    }
    return api;
  }

  /** Database, Redis (when configured) and the venue (live modes), for the health checks. */
  private List<DependencyCheck> dependencyChecks() {
    List<DependencyCheck> checks = new ArrayList<>();
    checks.add(
        DependencyCheck.of(
            "database",
            () -> {
              Database db = database;
              if (db == null) {
                return false;
              }
              try (var c = db.dataSource().getConnection()) {
                return c.isValid(2);
              } catch (java.sql.SQLException e) {
                return false;
              }
            }));
    if (cache instanceof WriteBehindStateCache w) {
      checks.add(DependencyCheck.of("redis", w::reachable));
    }
    if (!config.venue().simulated()) {
      checks.add(
          DependencyCheck.of(
              "venue",
              () -> parts.live() != null && parts.risk() != null && parts.risk().venueUp()));
    }
    return checks;
  }

  /** Risk, orders, venues and analytics: they read the kernel's parts once they are open. */
  private void addTradingRoutes() {
    ControlRoutes controlRoutes =
        new ControlRoutes(
            () -> control == null ? null : control.plane(), System::currentTimeMillis);
    server.addRoutes(controlRoutes);
    server.addRoutes(
        new io.perpetua.server.v1.CarryRoutes(this::carries, auth.carryResetApproval()));
    observability.controlPlane(controlRoutes::systemStatus);
    server.addRoutes(
        auth.riskRoutes(
            new RiskRoutes(parts::risk, parts::tradable).withControlAlerts(controlRoutes::alerts)));
    server.addRoutes(
        new io.perpetua.server.v1.RiskLimitRoutes(
            parts::risk, parts::tradable, auth.riskLimitApproval()));
    server.addRoutes(new OrderRoutes(parts::journal));
    server.addRoutes(new StrategyRoutes(parts::registry, auth.strategyChangeApproval()));
    server.addRoutes(
        new io.perpetua.server.v1.LifecycleRoutes(parts::lifecycle, auth.lifecycleApproval()));
    server.addRoutes(new SignalAnalysisRoutes(parts::registry, System::currentTimeMillis));
    server.withStrategyRegistry(parts::registry);
    server.addRoutes(new AssetPoolRoutes(Strategies.poolViews(config), state));
    orchestration.addRoutes(server);
    server.addRoutes(
        new VenueRoutes(
            this::connectedVenues,
            () -> config.venue().simulated() ? "paper" : "live",
            System::currentTimeMillis));
    server.addRoutes(
        new AnalyticsRoutes(
            parts::journal,
            state,
            config.paper().account(),
            (symbols, end, days) -> parts.returns().dailyReturns(symbols, end, days)));
  }

  /**
   * Starts the HTTP API on the configured port, tells local tools where it runs ({@link
   * ApiUrlFile}) and prints the welcome text; returns the bound port.
   */
  int startApi() {
    int port = server.start(config.server().port());
    ApiUrlFile.write(dataDir, port);
    Welcome.print(out, port, config, token);
    return port;
  }

  /** Opens the database (fails when it is not reached within the configured timeout). */
  void openDatabase() {
    database = StoreConnections.open(config, dataDir, env, cache);
    auth.open(database, parts::risk);
    parts.registry(StrategyRegistries.open(config, new JdbcRegistryStore(database)));
    auth.openStrategyChanges(parts::registry);
    auth.openCarries(this::carries);
    parts.lifecycle(
        auth.openLifecycle(
            new io.perpetua.trading.lifecycle.LifecycleService(
                parts.registry(),
                new io.perpetua.store.jdbc.JdbcLifecycleStore(database),
                config.lifecycle().gates(),
                System::currentTimeMillis)));
    learning.open(database, auth::auditLog, config.lifecycle().gates());
    orchestration.open(database, auth::auditLog, watch, state::balance);
    hotlist.open(database, dataDir, Timeframe.parse(config.data().timeframe()), auth);
    observability.database(database);
  }

  /**
   * Opens the control plane's order paths on the trading journal, bound by {@code risk}'s operator
   * controls, then starts its carries (their legs go through those paths).
   */
  void openControl(io.perpetua.trading.risk.RiskEngine risk) {
    if (control != null) {
      control.openOrderPaths(new io.perpetua.store.jdbc.JdbcTradingJournal(database), risk);
      control.startCarries(new io.perpetua.store.jdbc.JdbcCarryStore(database));
    }
  }

  private List<io.perpetua.trading.carry.CarryInstance> carries() {
    return control == null ? List.of() : control.carries();
  }

  /** The venues the API lists: none in paper mode. */
  private List<VenueRoutes.Connected> connectedVenues() {
    List<VenueRoutes.Connected> venues = new ArrayList<>();
    LiveVenue l = parts.live();
    if (l != null) {
      venues.add(l.connected());
    }
    FlowLive f = flow.live();
    if (f != null) {
      venues.add(f.connected());
    }
    return venues;
  }

  PerpetuaConfig config() {
    return config;
  }

  Path dataDir() {
    return dataDir;
  }

  Path sharedData() {
    return sharedData;
  }

  Map<String, String> env() {
    return env;
  }

  PrintStream out() {
    return out;
  }

  long startedAtMs() {
    return startedAtMs;
  }

  StateCache cache() {
    return cache;
  }

  EventBus bus() {
    return bus;
  }

  EventOutbox outbox() {
    return outbox;
  }

  KernelWatch watch() {
    return watch;
  }

  CachedPlatformState state() {
    return state;
  }

  PlatformParts parts() {
    return parts;
  }

  /** The capital allocator and the orchestrator. */
  Orchestration orchestration() {
    return orchestration;
  }

  /** Accounts, four-eyes and the audit log. */
  AuthWiring auth() {
    return auth;
  }

  BacktestJobs jobs() {
    return jobs;
  }

  HotlistWiring hotlist() {
    return hotlist;
  }

  FlowRuntime flow() {
    return flow;
  }

  /** Metrics, streams and notifications. */
  Observability observability() {
    return observability;
  }

  /** The database, null until {@link #openDatabase}. */
  Database database() {
    return database;
  }

  /**
   * Stops the API, removes the API URL file and closes the job service, the outbox, the bus, the
   * cache and the database, in that order. The runtime's threads must have stopped first.
   */
  @Override
  public void close() {
    if (control != null) {
      control.close();
    }
    orchestration.close();
    server.stop();
    ApiUrlFile.delete(dataDir);
    jobs.close();
    observability.close();
    outbox.close();
    bus.close();
    cache.close();
    Database db = database;
    if (db != null) {
      db.close();
    }
  }
}
