package io.perpetua.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.app.config.StoreSettings;
import io.perpetua.auth.apikey.ApiKeyStore;
import io.perpetua.backtest.engine.StrategyTemplates;
import io.perpetua.backtest.job.JobService;
import io.perpetua.backtest.job.JobValidator;
import io.perpetua.backtest.job.StrategyCatalog;
import io.perpetua.backtest.job.StrategyTemplate;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Timeframe;
import io.perpetua.core.event.Event;
import io.perpetua.core.time.Clock;
import io.perpetua.core.time.ManualClock;
import io.perpetua.core.time.Times;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.importer.ProgressListener;
import io.perpetua.server.ApiServer;
import io.perpetua.server.ApiToken;
import io.perpetua.server.ServerConfig;
import io.perpetua.server.jobs.ApiKeyRoutes;
import io.perpetua.server.jobs.ApiKeySecrets;
import io.perpetua.server.jobs.ApiKeys;
import io.perpetua.server.jobs.JobRoutes;
import io.perpetua.server.jobs.SignatureVerifier;
import io.perpetua.server.v1.AnalyticsRoutes;
import io.perpetua.server.v1.BacktestRoutes;
import io.perpetua.server.v1.OrderRoutes;
import io.perpetua.server.v1.RiskRoutes;
import io.perpetua.server.v1.VenueRoutes;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.signals.strategy.CrossSectionalStrategy;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcApiKeyStore;
import io.perpetua.store.jdbc.JdbcJobStore;
import io.perpetua.store.jdbc.JdbcRiskStore;
import io.perpetua.store.jdbc.JdbcTradingJournal;
import io.perpetua.store.memory.InMemoryStateCache;
import io.perpetua.store.memory.InProcessEventBus;
import io.perpetua.store.redis.RedisEventBus;
import io.perpetua.store.redis.RedisStateCache;
import io.perpetua.store.resilience.EventOutbox;
import io.perpetua.store.resilience.WriteBehindStateCache;
import io.perpetua.store.state.CachedPlatformState;
import io.perpetua.trading.kernel.KernelConfig;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.KernelPorts;
import io.perpetua.trading.kernel.MarketPanel;
import io.perpetua.trading.kernel.Pacer;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.port.EventBus;
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.port.StateCache;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.state.Heartbeat;
import io.perpetua.trading.venue.SimulatedVenue;
import io.perpetua.trading.venue.SimulatedVenueConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running platform — the composition root: picks the adapters from configuration (H2 or
 * PostgreSQL; in-process or Redis), starts the HTTP API first (health answers within a second),
 * then opens the database, loads market data and runs the paper-trading kernel on its own thread,
 * paced on an accelerated clock. {@link #close()} stops everything cleanly; the journal keeps the
 * state so the next start continues where this one stopped.
 */
public final class Platform implements AutoCloseable {
  /** Event-bus topic of kernel events. */
  public static final String EVENTS_TOPIC = "kernel";

  private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

  /** How often a lost Redis is retried (state republished, waiting events sent). */
  private static final Duration RETRY_EVERY = Duration.ofSeconds(1);

  /** Kernel events kept while the bus is away (about a day of hourly bars at 81 symbols). */
  private static final int OUTBOX_CAPACITY = 100_000;

  private final PerpetuaConfig config;
  private final Path dataDir;
  private final Path sharedData;
  private final Map<String, String> env;
  private final PrintStream out;
  private volatile Database database;
  private final StateCache cache;
  private final EventBus bus;
  private final EventOutbox outbox;
  private final KernelWatch watch;
  private final long startedAtMs = System.currentTimeMillis();
  private final CachedPlatformState state;
  private final ApiServer server;
  private final WallClockPacer pacer;
  private final ScheduledExecutorService ticker;
  private final Thread kernelThread;
  private final int port;
  private volatile TradingKernel kernel;
  private volatile LiveVenue live;
  private volatile Clock liveBarClock;
  private volatile RiskEngine risk;
  private volatile JdbcTradingJournal journal;
  private volatile Set<InstrumentId> tradable = Set.of();
  private volatile AnalyticsRoutes.SymbolReturns returns = (symbols, end, days) -> new double[0][];
  private volatile Throwable kernelFailure;
  private final AtomicReference<JobService> jobService = new AtomicReference<>();
  private final AtomicReference<ApiKeyStore> apiKeyStore = new AtomicReference<>();
  private final AtomicReference<ApiKeys> apiKeys = new AtomicReference<>();
  private final ApiKeySecrets apiKeySecrets;
  private volatile boolean closing;
  private final FlowRuntime flow;

  private Platform(
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
    TokenStore.Resolved token = TokenStore.resolve(dataDir, env);
    this.server =
        new ApiServer(
            state,
            token.token(),
            Clock.system(),
            ServerConfig.defaults()
                .withHeartbeatStaleness(Duration.ofSeconds(config.server().heartbeatStaleSeconds()))
                .withCorsAllowedOrigins(config.server().corsOrigins()));
    String viewer = env.getOrDefault("PERPETUA_API_VIEWER_TOKEN", "");
    if (!viewer.isBlank()) {
      server.withViewerToken(ApiToken.of(viewer.strip()));
    }
    this.apiKeySecrets = ApiKeySecrets.resolve(dataDir, env);
    addBacktestRoutes(apiKeySecrets);
    server.addRoutes(new ApiKeyRoutes(apiKeys::get));
    server.addRoutes(new RiskRoutes(() -> risk, () -> tradable));
    server.addRoutes(new OrderRoutes(() -> journal));
    server.addRoutes(
        new VenueRoutes(
            this::connectedVenues,
            () -> config.venue().simulated() ? "paper" : "live",
            System::currentTimeMillis));
    server.addRoutes(
        new AnalyticsRoutes(
            () -> journal,
            state,
            config.paper().account(),
            (symbols, end, days) -> returns.dailyReturns(symbols, end, days)));
    this.flow =
        new FlowRuntime(
            config.flow(),
            sharedData,
            speed,
            bus,
            config.venue().simulated() || !config.flow().live()
                ? null
                : prices -> FlowLive.start(config, prices, risk));
    flow.addRoutes(server);
    this.port = server.start(config.server().port());
    writeApiUrl();
    Welcome.print(out, port, config, token);
    this.pacer = new WallClockPacer(speed);
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "heartbeat"));
    this.kernelThread = new Thread(this::runKernel, "kernel");
  }

  /**
   * Starts the platform with its state under {@code dataDir}, importing real data from {@code
   * sharedData} on first use when it exists.
   */
  public static Platform start(
      PerpetuaConfig config,
      Path dataDir,
      Path sharedData,
      Map<String, String> env,
      PrintStream out,
      double speed)
      throws IOException {
    return start(config, dataDir, sharedData, env, out, speed, Clock.system());
  }

  /**
   * {@link #start} with the clock that decides when a live Binance bar has closed (tests move it
   * with the fake venue's market time).
   */
  static Platform start(
      PerpetuaConfig config,
      Path dataDir,
      Path sharedData,
      Map<String, String> env,
      PrintStream out,
      double speed,
      Clock liveBarClock)
      throws IOException {
    Files.createDirectories(dataDir);
    Platform p = new Platform(config, dataDir, sharedData, env, out, speed);
    try {
      p.database = StoreConnections.open(p.config, p.dataDir, p.env, p.cache);
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
    p.liveBarClock = liveBarClock;
    p.kernelThread.start();
    p.ticker.scheduleAtFixedRate(p::heartbeat, 5, 5, TimeUnit.SECONDS);
    return p;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Name of the file in the data directory that tells local tools where the running API is. */
  public static final String API_URL_FILE = "api.url";

  /** Tells local tools ({@code perpetua apikey}) where the API of this data directory runs. */
  private void writeApiUrl() {
    try {
      Files.writeString(dataDir.resolve(API_URL_FILE), "http://127.0.0.1:" + port + "\n");
    } catch (IOException e) {
      LOG.warn("could not write {}: {}", dataDir.resolve(API_URL_FILE), e.getMessage());
    }
  }

  private void runKernel() {
    try {
      Timeframe tf = Timeframe.parse(config.data().timeframe());
      var report = MarketLoader.importUntilComplete(dataDir, sharedData, tf, ProgressListener.NONE);
      if (report != null) {
        LOG.info(
            "imported {} instruments, {} bars from {}",
            report.instrumentCount(),
            report.barsImported(),
            sharedData);
      }
      // The platform is the journal's only writer: its history reads can be cached per commit.
      journal = new JdbcTradingJournal(database).withReadCache();
      risk = openRisk();
      startBacktestJobs();
      MarketLoader.Loaded market = MarketLoader.load(dataDir, tf);
      BinanceLive binance = null;
      if (config.venue().binance()) {
        // live trading on Binance: the venue's own bars, not the catalog's replay
        binance =
            BinanceLive.connect(
                config,
                env,
                tf,
                market.panel().instruments().stream().map(InstrumentId::venueSymbol).toList(),
                liveBarClock);
        market = binance.market();
      }
      LOG.info(
          "market: {} instruments, {} bars ({})",
          market.instruments().size(),
          market.panel().size(),
          market.source());
      tradable = Set.copyOf(market.panel().instruments());
      returns = new MarketReturns(market.panel());
      TradingKernel built = buildKernel(market, binance);
      // resumed (account and pipeline stages published) before the heartbeat ticker sees it
      built.resume(binance != null ? binance.firstLiveStart() : startTime(market));
      kernel = built;
      LiveVenue l = live;
      if (l != null) {
        // before any decision: what the venue holds against what the journal says
        var startup = l.reconciler().startup();
        LOG.info(
            "start-up reconciliation: reachable={} mismatches={}",
            startup.reachable(),
            startup.mismatches());
      }
      flow.start(database); // after the kernel is ready: the order-flow replay runs beside it
      if (binance != null) {
        runLive(binance.panel);
      } else {
        kernel.run(watch.pace(pacer));
      }
      watch.ended();
      LOG.info("kernel stopped at {}", Times.iso(kernel.now()));
    } catch (RuntimeException | IOException e) {
      kernelFailure = e;
      watch.failed(e);
      LOG.error("kernel failed: {}", e.getMessage(), e);
    }
  }

  /**
   * The backtest APIs: {@code /api/v1/backtest/*} (bearer) and the signed job API {@code
   * /v1/backtest/jobs}. They answer 503 until {@link #startBacktestJobs} has opened the job service
   * on the database (which opens after the API is up).
   */
  private void addBacktestRoutes(ApiKeySecrets secrets) {
    SignatureVerifier verifier =
        new SignatureVerifier(
            apiKeyStore::get,
            secrets,
            Clock.system(),
            SignatureVerifier.DEFAULT_WINDOW,
            SignatureVerifier.DEFAULT_REPLAY_CAPACITY);
    double slippage = config.venue().slippageBps();
    server.addRoutes(
        new BacktestRoutes(
            jobService::get,
            new BacktestRoutes.Defaults(
                config.data().timeframe(), config.paper().initialCapital(), slippage)));
    server.addRoutes(new JobRoutes(jobService::get, verifier, slippage));
  }

  /**
   * Opens the job service on the database with the backtest engine over the catalog; strategies and
   * parameters are validated by resolving them as the engine will, symbols against the catalog. A
   * failure here leaves the backtest APIs answering 503 but does not stop the kernel.
   */
  private void startBacktestJobs() {
    try {
      JdbcApiKeyStore keyStore = new JdbcApiKeyStore(database);
      apiKeyStore.set(keyStore);
      apiKeys.set(new ApiKeys(keyStore, apiKeySecrets, Clock.system()));
      StrategyTemplates templates = BacktestSupport.templates(config);
      List<StrategyTemplate> catalog = new ArrayList<>();
      for (String id : templates.ids()) {
        catalog.add(
            StrategyTemplate.checkedBy(
                id,
                StrategyTemplate.ParameterCheck.withTimeframe(
                    (overrides, timeframe) -> templates.check(id, overrides, timeframe))));
      }
      Set<String> symbols = new HashSet<>();
      Set<Timeframe> timeframes = new HashSet<>();
      for (var entry : new BarCatalog(dataDir.resolve("catalog")).list()) {
        symbols.add(entry.instrument().venueSymbol());
        timeframes.add(entry.timeframe());
      }
      JobService service =
          new JobService(
              new JdbcJobStore(database),
              BacktestSupport.engine(config, dataDir),
              new JobValidator(StrategyCatalog.of(catalog), symbols::contains, timeframes),
              Clock.system(),
              ConfigLoader.jobService(config.jobs()));
      synchronized (jobService) {
        if (closing) {
          return;
        }
        service.start();
        jobService.set(service);
      }
    } catch (RuntimeException | IOException e) {
      LOG.error("backtest job service not started: {}", e.getMessage(), e);
    }
  }

  /**
   * Live bars: steps every bar as the venue closes it, waiting in between, until stopped (or the
   * panel is full; a restart then goes on from the last checkpoint).
   */
  private void runLive(MarketPanel panel) {
    Pacer live = watch.pace(t -> !pacer.stopped());
    while (!pacer.stopped()) {
      watch.progress();
      kernel.run(live);
      if (!panel.growing() && kernel.nextStep() >= panel.size()) {
        LOG.error("live bars: the panel is full; restart the platform to go on trading");
        return;
      }
      try {
        panel.awaitMoreThan(kernel.nextStep(), 500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private TradingKernel buildKernel(MarketLoader.Loaded market, BinanceLive binance) {
    String name = config.activeStrategy();
    CrossSectionalStrategy strategy = Strategies.create(config, name);
    PerpetuaConfig.Strategy sc = config.strategies().get(name);
    var panel = market.panel();
    ManualClock clock = new ManualClock(panel.size() > 0 ? panel.openTimes()[0] : 0);
    Map<InstrumentId, Instrument> byId = new HashMap<>();
    market.instruments().forEach(i -> byId.put(i.id(), i));
    var v = config.venue();
    PriceDrivenVenue venue;
    if (v.simulated()) {
      venue =
          new SimulatedVenue(
              byId,
              new SimulatedVenueConfig(v.takerFeeBps(), v.makerFeeBps(), v.slippageBps()),
              clock);
    } else if (binance != null) {
      binance.attach(clock, risk, v);
      live = binance;
      out.println("perpetua: " + binance.describe());
      venue = binance.bridge();
    } else {
      FakeBinanceLive fake =
          FakeBinanceLive.start(config, panel, market.instruments(), clock, risk);
      live = fake;
      out.println("perpetua: " + fake.describe());
      venue = fake.bridge();
    }
    LiveVenue liveVenue = live;
    KernelConfig kc =
        new KernelConfig(
            config.paper().account(),
            Money.of(config.paper().initialCapital()),
            CronSchedule.parse(sc.rebalanceCron()),
            sc.rebalanceDays(),
            true,
            KernelConfig.DEFAULT_MAINTENANCE_MARGIN_RATE,
            config.paper().leverage());
    ObjectMapper json = new ObjectMapper();
    KernelListener publisher =
        new KernelListener() {
          @Override
          public void onEvent(Event event) {
            try {
              outbox.publish(
                  EVENTS_TOPIC,
                  json.writeValueAsString(Map.of("type", event.type(), "event", event)));
            } catch (JsonProcessingException | RuntimeException e) {
              LOG.warn("event not published ({}): {}", event.type(), e.getMessage());
            }
          }

          @Override
          public void onStep(int t, long timeMs, double equity) {
            if (liveVenue != null) {
              liveVenue.reconciler().onStep(t, timeMs, equity);
            }
          }
        };
    KernelPorts ports = new KernelPorts(journal, state, publisher, System::currentTimeMillis, risk);
    TradingKernel built =
        new TradingKernel(
            kc,
            panel,
            market.funding(),
            market.instruments(),
            strategy,
            Strategies.pool(config, sc.pool()),
            new FeatureRegistry(),
            venue,
            clock,
            ports);
    if (liveVenue != null) {
      liveVenue.reconciler().attach(built);
    }
    return built;
  }

  /**
   * The risk engine on the database (emergency stop, disabled symbols and alerts survive restarts),
   * publishing its status under {@code quant:risk:status} and the stop under {@code
   * quant:system:emergency_stop}.
   */
  private RiskEngine openRisk() {
    RiskEngine engine =
        RiskEngine.open(
            ConfigLoader.riskConfig(config),
            new JdbcRiskStore(database),
            System::currentTimeMillis);
    ObjectMapper json = new ObjectMapper();
    engine.publishTo(
        status -> {
          try {
            Map<String, Object> stop = new java.util.LinkedHashMap<>();
            var e = status.emergencyStop();
            stop.put("emergency_stop", e != null && e.active());
            stop.put("reason", e == null ? null : e.reason());
            stop.put("operator", e == null ? null : e.operator());
            stop.put("changed_at", e == null ? null : Times.iso(e.changedAtMs()));
            Map<String, Object> doc = new java.util.LinkedHashMap<>();
            doc.put("overall_status", status.overall().code());
            doc.put("trading_enabled", status.tradingEnabled());
            doc.put("dry_run", status.dryRun());
            doc.put("halt_reasons", status.haltReasons());
            doc.put("disabled_symbols", status.disabledSymbols());
            doc.put(
                "last_check", status.lastCheckMs() == 0 ? null : Times.iso(status.lastCheckMs()));
            cache.putAll(
                Map.of(
                    "quant:risk:status", json.writeValueAsString(doc),
                    "quant:system:emergency_stop", json.writeValueAsString(stop)));
          } catch (JsonProcessingException | RuntimeException ex) {
            LOG.warn("risk status not published: {}", ex.getMessage());
          }
        });
    return engine;
  }

  private long startTime(MarketLoader.Loaded market) {
    if (!config.paper().start().isBlank()) {
      return Times.parseDate(config.paper().start());
    }
    var panel = market.panel();
    long last = panel.closeTime(panel.size() - 1);
    long day = Math.floorDiv(last - 60 * Times.DAY_MS, Times.DAY_MS) * Times.DAY_MS;
    return Math.max(panel.closeTime(0), day - 2 * Times.HOUR_MS);
  }

  /**
   * The wall-clock ticker: the kernel's own heartbeat ({@link KernelWatch}: down once it failed or
   * stalled), the pipeline services' heartbeats only while the kernel lives (else they go stale and
   * read down), and the state cache's and event bus's (degraded while Redis is away).
   */
  private void heartbeat() {
    try {
      TradingKernel k = kernel;
      if (k != null && watch.healthy()) {
        k.heartbeat();
      }
      state.putHeartbeat(watch.heartbeat());
      if (cache instanceof WriteBehindStateCache w) {
        state.putHeartbeat(storeHeartbeat(w));
      }
    } catch (RuntimeException e) {
      LOG.warn("heartbeat failed: {}", e.getMessage());
    }
  }

  /** Redis as the platform sees it: degraded while state and events wait for it. */
  private Heartbeat storeHeartbeat(WriteBehindStateCache w) {
    long now = System.currentTimeMillis();
    boolean up = w.reachable() && !outbox.unavailable();
    Map<String, Object> metrics = new java.util.LinkedHashMap<>();
    metrics.put("pending_state_keys", w.pendingWrites());
    metrics.put("waiting_events", outbox.waiting());
    metrics.put("dropped_events", outbox.dropped());
    metrics.put("republished", w.republished());
    if (!w.reachable()) {
      metrics.put("outage_seconds", (now - w.outageSinceMs()) / 1000);
      metrics.put("last_error", w.lastError());
    }
    return new Heartbeat("state_store", up ? "healthy" : "degraded", now, startedAtMs, metrics);
  }

  /** The platform's event bus (kernel events, order-flow ticks). */
  EventBus eventBus() {
    return bus;
  }

  /** The order-flow runtime (tests reach its live side through it). */
  FlowRuntime flow() {
    return flow;
  }

  /** The bound HTTP port. */
  public int port() {
    return port;
  }

  /** The kernel's failure, if it stopped on an error. */
  public Throwable kernelFailure() {
    return kernelFailure;
  }

  /** Blocks until the kernel thread ends. */
  public void awaitKernel() throws InterruptedException {
    kernelThread.join();
  }

  /** The live venue connection, null in paper mode (tests). */
  LiveVenue liveVenue() {
    return live;
  }

  /** The venues the API lists: none in paper mode. */
  private List<VenueRoutes.Connected> connectedVenues() {
    List<VenueRoutes.Connected> out = new ArrayList<>();
    LiveVenue l = live;
    if (l != null) {
      out.add(l.connected());
    }
    FlowLive f = flow.live();
    if (f != null) {
      out.add(f.connected());
    }
    return out;
  }

  @Override
  public void close() {
    pacer.stop();
    flow.close();
    try {
      kernelThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ticker.shutdownNow();
    LiveVenue l = live;
    if (l != null) {
      l.close();
    }
    server.stop();
    try {
      Files.deleteIfExists(dataDir.resolve(API_URL_FILE));
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", dataDir.resolve(API_URL_FILE), e.getMessage());
    }
    synchronized (jobService) {
      closing = true;
      JobService jobs = jobService.getAndSet(null);
      if (jobs != null) {
        jobs.close();
      }
    }
    outbox.close();
    bus.close();
    cache.close();
    Database db = database;
    if (db != null) {
      db.close();
    }
  }
}
