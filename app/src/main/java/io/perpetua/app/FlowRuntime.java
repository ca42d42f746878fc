package io.perpetua.app;

import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.time.Clock;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.SyntheticFlowSymbol;
import io.perpetua.market.tick.SyntheticTickGenerator;
import io.perpetua.market.tick.TickValidator;
import io.perpetua.market.tick.TradeFileReader;
import io.perpetua.server.ApiServer;
import io.perpetua.server.v1.flow.FlowBacktestRoutes;
import io.perpetua.server.v1.flow.FlowFeedRoutes;
import io.perpetua.server.v1.flow.FlowLiveRoutes;
import io.perpetua.server.v1.flow.FlowPaperRoutes;
import io.perpetua.server.v1.flow.FlowStrategyRoutes;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcFlowJournal;
import io.perpetua.store.jdbc.JdbcTradingJournal;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.KernelFlowStrategy;
import io.perpetua.trading.flow.live.FlowLiveView;
import io.perpetua.trading.flow.live.KernelFlowLive;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TickKernels;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.port.EventBus;
import io.perpetua.trading.port.TradingJournal;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.venue.AsyncVenueBridge;
import io.perpetua.trading.venue.SimulatedVenue;
import io.perpetua.trading.venue.SimulatedVenueConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order-flow strategies inside the platform, on the trading kernel: on its own thread, once the
 * database is open, it loads the stored factory strategies (seeding a demo one on the first start)
 * into a {@link FlowService} — a {@link KernelFlowStrategy} on a tick {@link TradingKernel} of its
 * own account ({@code flow}) journaled to the platform's trading journal — reads the real tick file
 * from the shared data (seeded synthetic flow when it is absent) and steps the ticks through the
 * kernel on the platform's pacing. Paper: the kernel's simulated venue. Live ({@code venue.type:
 * fake-binance} and {@code flow.live}): the same kernel with the Binance adapter ({@link FlowLive})
 * behind its {@link AsyncVenueBridge}. Restart: the kernel resumes from its own checkpoint
 * (account, orders, brackets, the strategy's schedule, cooldowns and balances); the ticks up to it
 * only warm the strategy up and are fed without pacing. Evaluations, trades and labels go to the
 * flow journal. The API routes get the service through a supplier: null (503) until the kernel
 * resumed.
 *
 * <p>The tick seam is {@link #onTick}: the replay of the tick file calls it today; a live feed can
 * call it instead. Thread-safe.
 */
final class FlowRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlowRuntime.class);
  private static final long START_MS = 1_700_000_000_000L;
  private static final long DRAIN_EVERY_MS = 50;
  private static final int ORDER_WINDOW = 5_000;
  private static final int FILL_WINDOW = 20_000;
  private static final double PRICE_BAND = 0.05; // Binance PERCENT_PRICE: multipliers 1.05, 0.95
  private static final Map<String, Double> PRICES =
      Map.of("BTCUSDT", 60_000.0, "ETHUSDT", 3_000.0, "SOLUSDT", 150.0, "XRPUSDT", 0.6);

  private final PerpetuaConfig.Flow config;
  private final SimulatedVenueConfig paperVenue;
  private final Path tickFile;
  private final WallClockPacer pacer;
  private final Set<InstrumentId> instruments = new LinkedHashSet<>();
  private final TickValidator validator = new TickValidator("flow ticks");
  private volatile FlowService service;
  private volatile List<? extends FlowTick> sample;
  private Thread thread;
  private final TickPublisher publisher;
  private final FlowLive.Starter liveStarter;
  private volatile FlowLive live;
  private final FlowLiveTicks.Starter ticksStarter;
  private volatile FlowLiveTicks liveTicks;
  private volatile FlowLiveView liveView;
  private volatile AsyncVenueBridge bridge;
  private volatile RiskEngine risk = RiskEngine.unlimited();

  /**
   * A runtime.
   *
   * @param paperVenue the paper kernel's simulated venue ({@link #paperVenue})
   * @param liveStarter connects the live venue, or null for paper only
   */
  FlowRuntime(
      PerpetuaConfig.Flow config,
      SimulatedVenueConfig paperVenue,
      Path sharedData,
      double speed,
      EventBus bus,
      FlowLive.Starter liveStarter,
      FlowLiveTicks.Starter ticksStarter) {
    this.config = config;
    this.paperVenue = paperVenue;
    this.liveStarter = liveStarter;
    this.ticksStarter = ticksStarter;
    this.publisher = new TickPublisher(bus);
    this.tickFile = sharedData == null ? null : sharedData.resolve(config.tickFile());
    this.pacer = new WallClockPacer(speed);
    config.symbols().forEach(s -> instruments.add(InstrumentId.fromVenueSymbol(s)));
  }

  /** The service, null until started and resumed. */
  FlowService service() {
    return service;
  }

  /** The live tick source ({@code flow.tick_source}), null when replaying the tick file. */
  FlowLiveTicks liveTicks() {
    return liveTicks;
  }

  /** The live venue, null in paper-only mode and until started. */
  FlowLive live() {
    return live;
  }

  /** The kernel's live flow records, null in paper-only mode and until resumed. */
  FlowLiveView liveView() {
    return liveView;
  }

  /**
   * Adds the order-flow routes (503 until {@link #start}; the live ones 404 in paper-only mode).
   */
  void addRoutes(ApiServer server) {
    server.addRoutes(new FlowStrategyRoutes(this::service));
    server.addRoutes(new FlowPaperRoutes(this::service));
    server.addRoutes(new FlowBacktestRoutes(this::service, this::backtestTicks));
    server.addRoutes(new FlowLiveRoutes(this::liveView, liveStarter != null));
    server.addRoutes(
        new FlowFeedRoutes(
            () -> liveTicks == null ? null : liveTicks.status(), ticksStarter != null));
  }

  /** Starts the replay thread on {@code database} (nothing when disabled). */
  synchronized void start(Database database) {
    start(database, RiskEngine.unlimited());
  }

  /**
   * Starts the runtime with {@code flowRisk} in front of every order of the flow account (its own
   * limits, following the platform engine's operator controls: see {@link
   * RiskEngine#followOperatorControls}).
   */
  synchronized void start(Database database, RiskEngine flowRisk) {
    if (!config.enabled() || thread != null) {
      return;
    }
    this.risk = java.util.Objects.requireNonNull(flowRisk, "flowRisk");
    thread = new Thread(() -> run(database), "flow");
    thread.setDaemon(true);
    thread.start();
  }

  private void run(Database database) {
    try {
      FlowLiveTicks src = ticksStarter == null ? null : ticksStarter.start(database);
      liveTicks = src;
      List<? extends FlowTick> ticks = src == null ? ticks() : stored(src);
      Map<InstrumentId, Double> first =
          src == null ? firstPrices(ticks) : src.firstPrices(stored(src), 10_000);
      FlowLive l = liveStarter == null ? null : liveStarter.start(first);
      live = l;
      JdbcTradingJournal journal = new JdbcTradingJournal(database);
      var s =
          new FlowService(
              FlowEngineSettings.paper(config.engineInstance())
                  .withDefaultWarmupMs(config.warmupMinutes() * 60_000L),
              instruments,
              new JdbcFlowJournal(database),
              Clock.system(),
              null);
      if (s.loadStrategies().isEmpty() && config.seedStrategy()) {
        s.create(demo(config.symbols().get(0)));
      }
      long startMs = ticks.isEmpty() ? START_MS : ticks.get(0).timeMs() - 60_000;
      List<Instrument> traded = traded(first, l);
      long resumeMs = s.start(strategy -> kernel(strategy, journal, traded, l, startMs));
      if (l != null) {
        s.withKernel(l::reconcileAtStartup); // before the first tick, as the platform's kernel

        liveView =
            new KernelFlowLive(
                () -> journal.recentOrders(ORDER_WINDOW),
                () -> journal.recentFills(FILL_WINDOW),
                s.legs(),
                s::lastPrice,
                s::account,
                config.liveCapital(),
                bridge::reachable);
      }
      service = s;
      int from = 0;
      while (from < ticks.size() && ticks.get(from).timeMs() <= resumeMs) {
        step(s, ticks.get(from++), false); // up to the checkpoint: warm-up, no pacing
      }
      LOG.info(
          "flow: {} strategies on the kernel ({}), {} ticks ({}), resuming at tick {}",
          s.strategies().size(),
          l == null ? "paper" : "live",
          ticks.size(),
          source(),
          from);
      proceed(s, ticks, from, src, l);
    } catch (RuntimeException e) {
      LOG.error("flow kernel stopped: {}", e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The instruments the kernel trades: the venue's (live) or derived from the first trades. */
  private static List<Instrument> traded(Map<InstrumentId, Double> first, FlowLive l) {
    List<Instrument> out = new ArrayList<>();
    first.forEach(
        (id, price) -> {
          Instrument i = l == null ? Instrument.derivedFrom(id, price) : l.instruments().get(id);
          if (i != null) {
            out.add(i);
          }
        });
    return out;
  }

  private TradingKernel kernel(
      KernelFlowStrategy strategy,
      TradingJournal journal,
      List<Instrument> traded,
      FlowLive l,
      long startMs) {
    Map<InstrumentId, Instrument> byId = new LinkedHashMap<>();
    traded.forEach(i -> byId.put(i.id(), i));
    // live: the account opens with the venue's wallet, so reconciliation compares like with like
    Money capital = l == null ? TickKernels.CAPITAL : Money.of(config.liveCapital());
    return TickKernels.over(
        traded,
        journal,
        new KernelListener() {},
        strategy,
        startMs,
        risk,
        capital,
        clock -> {
          if (l == null) {
            return new SimulatedVenue(byId, paperVenue, clock);
          }
          bridge = l.link(clock, risk);
          return bridge;
        });
  }

  /**
   * The paper flow kernel's simulated venue: configured as the venue ({@link
   * SimulatedVenueConfig#venueLike}) — the {@code venue:} section's fees, no slippage added, limits
   * matched at the touch, Binance's {@code PERCENT_PRICE} band of 5 % — the settings with which
   * {@code ThreeWayKernelTest} shows paper trading sending the orders live trading sends.
   */
  static SimulatedVenueConfig paperVenue(PerpetuaConfig.Venue venue) {
    return SimulatedVenueConfig.venueLike(venue.takerFeeBps(), venue.makerFeeBps(), PRICE_BAND);
  }

  /**
   * The tick seam: a tick in time order (replayed or live). A hostile one (see {@link
   * TickValidator}) reaches neither the venue, the kernel nor the bus; otherwise our own fake venue
   * prints it first, then the kernel steps it, then it is published.
   */
  void onTick(FlowTick tick) {
    FlowService s = service;
    if (s != null) {
      step(s, tick, true);
    }
  }

  private void step(FlowService s, FlowTick tick, boolean publish) {
    if (!validator.accept(tick)) {
      return;
    }
    FlowLive l = live;
    if (l != null) {
      l.onTick(tick); // the venue trades first; the kernel's orders reach it after
    }
    s.onTick(tick);
    if (publish) {
      publisher.publish(tick);
    }
  }

  /**
   * After the last tick (live): delivers the venue's late answers to the kernel and checkpoints
   * them, until stopped.
   */
  private void settle(FlowService s) throws InterruptedException {
    AsyncVenueBridge b = bridge;
    while (pacer.pause(DRAIN_EVERY_MS)) {
      s.withKernel(
          k -> {
            b.drain();
            k.checkpointChanges();
          });
    }
  }

  /** After the warm-up: the replay (or the stored ticks, then the live ones), then settling. */
  private void proceed(
      FlowService s, List<? extends FlowTick> ticks, int from, FlowLiveTicks src, FlowLive l)
      throws InterruptedException {
    if (src == null) {
      replay(s, ticks, from);
    } else {
      for (int i = from; i < ticks.size(); i++) {
        step(s, ticks.get(i), true); // stored after the checkpoint: processed, no pacing
      }
      follow(s, src, l);
    }
    if (l != null) {
      settle(s);
    }
  }

  /**
   * The stored live ticks of the last {@code warmup_minutes} (at least 80: the ATR's 5 m candles;
   * +5) that warm the strategies up after a restart.
   */
  private List<FlowTick> stored(FlowLiveTicks src) {
    long now = System.currentTimeMillis();
    long minutes = Math.max(config.warmupMinutes(), 80) + 5;
    return src.stored(instruments, now - minutes * 60_000L, now);
  }

  /**
   * Live ticks ({@code flow.tick_source: live}): every tick the feed delivers goes through the tick
   * seam until stopped (the live venue's late answers drained between them).
   */
  private void follow(FlowService s, FlowLiveTicks src, FlowLive l) throws InterruptedException {
    AsyncVenueBridge b = bridge;
    while (!pacer.stopped()) {
      FlowTick tick = src.next(DRAIN_EVERY_MS);
      if (tick != null) {
        step(s, tick, true);
      }
      if (l != null && b != null) {
        s.withKernel(
            k -> {
              b.drain();
              k.checkpointChanges();
            });
      }
    }
  }

  /** The first trade price of every symbol the strategies may trade. */
  private Map<InstrumentId, Double> firstPrices(List<? extends FlowTick> ticks) {
    Map<InstrumentId, Double> out = new LinkedHashMap<>();
    for (FlowTick t : ticks) {
      if (t instanceof AggTrade a && instruments.contains(a.instrument())) {
        out.putIfAbsent(a.instrument(), a.price());
      }
    }
    return out;
  }

  private void replay(FlowService s, List<? extends FlowTick> ticks, int from) {
    int i = from;
    for (; i < ticks.size(); i++) {
      FlowTick tick = ticks.get(i);
      if (!pacer.awaitEventTime(tick.timeMs())) {
        break;
      }
      step(s, tick, true);
    }
    LOG.info(
        "flow replay {} at tick {} of {}", i == ticks.size() ? "done" : "stopped", i, ticks.size());
  }

  private String source() {
    return tickFile != null && Files.isRegularFile(tickFile) ? tickFile.toString() : "synthetic";
  }

  private List<? extends FlowTick> ticks() {
    if (tickFile != null && Files.isRegularFile(tickFile)) {
      return sampleTicks();
    }
    return synthetic(config.symbols().get(0), config.syntheticHours(), 1);
  }

  private List<? extends FlowTick> sampleTicks() {
    List<? extends FlowTick> s = sample;
    if (s == null) {
      s = TradeFileReader.readAggTrades(tickFile);
      sample = s;
    }
    return s;
  }

  private List<? extends FlowTick> backtestTicks(
      String source, InstrumentId symbol, int hours, long seed) {
    if (source.equals("synthetic")) {
      return synthetic(symbol.venueSymbol(), hours, seed);
    }
    if (tickFile == null || !Files.isRegularFile(tickFile)) {
      return List.of();
    }
    return sampleTicks().stream().filter(t -> t.instrument().equals(symbol)).toList();
  }

  private static List<FlowTick> synthetic(String symbol, int hours, long seed) {
    var spec = SyntheticFlowSymbol.preset(symbol, PRICES.getOrDefault(symbol, 1.0));
    return new SyntheticTickGenerator(seed, START_MS, List.of(spec)).generate(hours * 3_600_000L);
  }

  /**
   * The demo strategy of the first start: permissive (entry 60, OBI and spot–perp gates off — the
   * tick file has trades only), short targets and a 30 min timeout, so the 2 h sample trades; flip
   * threshold 85, which is also its heavy tier (the original system's rule).
   */
  static FactoryStrategyDefinition demo(String symbol) {
    var d = FactoryStrategyDefinition.defaults("demo flow " + symbol, symbol);
    return new FactoryStrategyDefinition(
        d.displayName(),
        symbol,
        "both",
        10_000,
        "5m",
        "30m",
        50,
        30,
        10,
        10,
        60,
        true,
        0.0001,
        d.whaleGateOn(),
        d.whaleUsd(),
        d.whaleFlowPct(),
        false,
        d.obiVeto(),
        false,
        d.spotPerpVeto(),
        1.0,
        0.5,
        1.0,
        30,
        85);
  }

  @Override
  public void close() {
    pacer.stop();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    FlowLiveTicks src = liveTicks;
    if (src != null) {
      src.close();
    }
    FlowLive l = live;
    if (l != null) {
      l.close();
    }
  }
}
