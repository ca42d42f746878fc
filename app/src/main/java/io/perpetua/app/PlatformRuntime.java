package io.perpetua.app;

import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Clock;
import io.perpetua.core.time.Times;
import io.perpetua.market.importer.ProgressListener;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcTradingJournal;
import io.perpetua.store.resilience.WriteBehindStateCache;
import io.perpetua.trading.kernel.MarketPanel;
import io.perpetua.trading.kernel.Pacer;
import io.perpetua.trading.kernel.TradingKernel;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs on the platform's object graph ({@link PlatformWiring}): the kernel thread (imports the
 * market on first use, opens journal, risk and job service on the database, builds the kernel and
 * runs it, paced on the accelerated clock or bar by bar as a live venue closes them) and the
 * wall-clock heartbeat ticker. {@link #stop} ends both.
 */
final class PlatformRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(PlatformRuntime.class);

  private final PlatformWiring wiring;
  private final PerpetuaConfig config;
  private final PlatformParts parts;
  private final KernelWatch watch;
  private final KernelWiring kernels;
  private final Clock liveBarClock;
  private final WallClockPacer pacer;
  private final ScheduledExecutorService ticker;
  private final Thread kernelThread;
  private volatile Throwable kernelFailure;

  /**
   * A runtime on {@code wiring}, replaying at {@code speed}; {@code liveBarClock} decides when a
   * live Binance bar has closed.
   */
  PlatformRuntime(PlatformWiring wiring, double speed, Clock liveBarClock) {
    this.wiring = wiring;
    this.config = wiring.config();
    this.parts = wiring.parts();
    this.watch = wiring.watch();
    this.kernels = new KernelWiring(wiring);
    this.liveBarClock = liveBarClock;
    this.pacer = new WallClockPacer(speed);
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "heartbeat"));
    this.kernelThread = new Thread(this::runKernel, "kernel");
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Starts the kernel thread and the heartbeat ticker (every 5 s). */
  void start() {
    kernelThread.start();
    ticker.scheduleAtFixedRate(this::heartbeat, 5, 5, TimeUnit.SECONDS);
  }

  private void runKernel() {
    try {
      Timeframe tf = Timeframe.parse(config.data().timeframe());
      importMarket(tf);
      Database database = wiring.database();
      // The platform is the journal's only writer: its history reads can be cached per commit.
      parts.journal(
          new JdbcTradingJournal(database).withHistoryOf(config.paper().account()).withReadCache());
      parts.risk(kernels.openRisk(database));
      wiring.jobs().open(database);
      MarketLoader.Loaded market = MarketLoader.load(wiring.dataDir(), tf);
      BinanceLive binance = null;
      if (config.venue().binance()) {
        // live trading on Binance: the venue's own bars, not the catalog's replay
        binance =
            BinanceLive.connect(
                config,
                wiring.env(),
                tf,
                market.panel().instruments().stream().map(InstrumentId::venueSymbol).toList(),
                liveBarClock,
                wiring.observability().venueMeter("binance"));
        market = binance.market();
      }
      LOG.info(
          "market: {} instruments, {} bars ({})",
          market.instruments().size(),
          market.panel().size(),
          market.source());
      parts.tradable(market.panel().instruments());
      wiring.hotlist().restrict(parts.risk(), market.panel().instruments());
      parts.returns(new MarketReturns(market.panel()));
      TradingKernel kernel = kernels.build(market, binance);
      // resumed (account and pipeline stages published) before the heartbeat ticker sees it
      kernel.resume(binance != null ? binance.firstLiveStart() : kernels.startTime(market));
      parts.kernel(kernel);
      reconcileAtStartup();
      // after the kernel is ready: the order-flow kernel beside it, on its own account and limits,
      // bound by the operator's emergency stop and symbol switches
      wiring.flow().start(database, kernels.flowRisk(parts.risk()));
      wiring.openControl(parts.risk()); // control and carry orders: the same journal and stop
      wiring.orchestration().start(); // the cron plan, once the kernel it acts on runs
      if (binance != null) {
        runLive(kernel, binance.panel);
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

  /** Imports the shared data into the catalog on first use (or finishes an interrupted import). */
  private void importMarket(Timeframe tf) throws IOException {
    var report =
        MarketLoader.importUntilComplete(
            wiring.dataDir(), wiring.sharedData(), tf, ProgressListener.NONE);
    if (report != null) {
      LOG.info(
          "imported {} instruments, {} bars from {}",
          report.instrumentCount(),
          report.barsImported(),
          wiring.sharedData());
    }
  }

  /** Before any decision: what the live venue holds against what the journal says. */
  private void reconcileAtStartup() {
    LiveVenue l = parts.live();
    if (l != null) {
      var startup = l.reconciler().startup();
      LOG.info(
          "start-up reconciliation: reachable={} mismatches={}",
          startup.reachable(),
          startup.mismatches());
    }
  }

  /**
   * Live bars: steps every bar as the venue closes it, waiting in between, until stopped (or the
   * panel is full; a restart then goes on from the last checkpoint).
   */
  private void runLive(TradingKernel kernel, MarketPanel panel) {
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

  /**
   * The wall-clock ticker: the kernel's own heartbeat ({@link KernelWatch}: down once it failed or
   * stalled), the pipeline services' heartbeats only while the kernel lives (else they go stale and
   * read down), and the state cache's and event bus's (degraded while Redis is away).
   */
  private void heartbeat() {
    try {
      TradingKernel k = parts.kernel();
      if (k != null && watch.healthy()) {
        k.heartbeat();
      }
      wiring.state().putHeartbeat(watch.heartbeat());
      if (wiring.cache() instanceof WriteBehindStateCache w) {
        wiring.state().putHeartbeat(StoreHeartbeat.of(w, wiring.outbox(), wiring.startedAtMs()));
      }
    } catch (RuntimeException e) {
      LOG.warn("heartbeat failed: {}", e.getMessage());
    }
  }

  /** The kernel's failure, if it stopped on an error. */
  Throwable kernelFailure() {
    return kernelFailure;
  }

  /** Blocks until the kernel thread ends. */
  void awaitKernel() throws InterruptedException {
    kernelThread.join();
  }

  /**
   * Stops the replay and the order-flow runtime, waits up to 10 s for the kernel thread, stops the
   * ticker and closes the live venue connection.
   */
  void stop() {
    pacer.stop();
    wiring.flow().close();
    try {
      kernelThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ticker.shutdownNow();
    LiveVenue l = parts.live();
    if (l != null) {
      l.close();
    }
  }
}
