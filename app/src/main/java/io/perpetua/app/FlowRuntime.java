package io.perpetua.app;

import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.time.Clock;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.SyntheticFlowSymbol;
import io.perpetua.market.tick.SyntheticTickGenerator;
import io.perpetua.market.tick.TickValidator;
import io.perpetua.market.tick.TradeFileReader;
import io.perpetua.server.ApiServer;
import io.perpetua.server.v1.flow.FlowBacktestRoutes;
import io.perpetua.server.v1.flow.FlowLiveRoutes;
import io.perpetua.server.v1.flow.FlowPaperRoutes;
import io.perpetua.server.v1.flow.FlowStrategyRoutes;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcFlowJournal;
import io.perpetua.store.jdbc.JdbcFlowStateStore;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.FlowSnapshot;
import io.perpetua.trading.flow.PositionSnapshot;
import io.perpetua.trading.flow.live.FlowLiveExecutor;
import io.perpetua.trading.flow.live.FlowLiveOrder;
import io.perpetua.trading.flow.live.FlowLiveOrderStatus;
import io.perpetua.trading.port.EventBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order-flow paper engine inside the platform: on its own thread, once the database is open, it
 * loads the stored factory strategies (seeding a demo one on the first start), reads the real tick
 * file from the shared data (seeded synthetic flow when it is absent), warms the engine up to the
 * stored snapshot and restores it, then replays the remaining ticks through {@link FlowService} on
 * the platform's pacing, storing every evaluation, trade and label and checkpointing the restart
 * state every event minute (and when stopped). The API routes get the service through a supplier:
 * null (503) until the restore is done. With a live starter ({@code venue.type: fake-binance} and
 * {@code flow.live}), the engine's decisions also go to the {@link FlowLive} executor, and every
 * replayed tick is printed on its fake venue first. Thread-safe.
 */
final class FlowRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlowRuntime.class);
  private static final long START_MS = 1_700_000_000_000L;
  private static final long CHECKPOINT_MS = 60_000L;
  private static final Map<String, Double> PRICES =
      Map.of("BTCUSDT", 60_000.0, "ETHUSDT", 3_000.0, "SOLUSDT", 150.0, "XRPUSDT", 0.6);

  private final PerpetuaConfig.Flow config;
  private final Path tickFile;
  private final WallClockPacer pacer;
  private final Set<InstrumentId> instruments = new LinkedHashSet<>();
  private volatile FlowService service;
  private volatile List<? extends FlowTick> sample;
  private Thread thread;
  private final TickPublisher publisher;
  private final FlowLive.Starter liveStarter;
  private volatile FlowLive live;
  private final FlowLiveTicks.Starter ticksStarter;
  private volatile FlowLiveTicks liveTicks;
  private volatile boolean stopping;

  /**
   * A runtime.
   *
   * @param liveStarter starts the live executor, or null for paper only
   * @param ticksStarter opens the venue's live ticks ({@code flow.tick_source}), or null to replay
   *     the tick file
   */
  FlowRuntime(
      PerpetuaConfig.Flow config,
      Path sharedData,
      double speed,
      EventBus bus,
      FlowLive.Starter liveStarter,
      FlowLiveTicks.Starter ticksStarter) {
    this.config = config;
    this.liveStarter = liveStarter;
    this.ticksStarter = ticksStarter;
    this.publisher = new TickPublisher(bus);
    this.tickFile = sharedData == null ? null : sharedData.resolve(config.tickFile());
    this.pacer = new WallClockPacer(speed);
    config.symbols().forEach(s -> instruments.add(InstrumentId.fromVenueSymbol(s)));
  }

  /** The service, null until started and restored. */
  FlowService service() {
    return service;
  }

  /** The live tick source, null when replaying the tick file and until started. */
  FlowLiveTicks liveTicks() {
    return liveTicks;
  }

  /** The live side, null in paper-only mode and until started. */
  FlowLive live() {
    return live;
  }

  private FlowLiveExecutor liveExecutor() {
    FlowLive l = live;
    return l == null ? null : l.executor;
  }

  /**
   * Adds the order-flow routes (503 until {@link #start}; the live ones 404 in paper-only mode).
   */
  void addRoutes(ApiServer server) {
    server.addRoutes(new FlowStrategyRoutes(this::service));
    server.addRoutes(new FlowPaperRoutes(this::service));
    server.addRoutes(new FlowBacktestRoutes(this::service, this::backtestTicks));
    server.addRoutes(new FlowLiveRoutes(this::liveExecutor, liveStarter != null));
  }

  /** Starts the replay thread on {@code database} (nothing when disabled). */
  synchronized void start(Database database) {
    if (!config.enabled() || thread != null) {
      return;
    }
    thread = new Thread(() -> run(database), "flow");
    thread.setDaemon(true);
    thread.start();
  }

  private void run(Database database) {
    if (ticksStarter != null) {
      runLive(database);
      return;
    }
    try {
      List<? extends FlowTick> ticks = ticks();
      FlowLive l = liveStarter == null ? null : liveStarter.start(firstPrices(ticks));
      live = l;
      var s = newService(database, l);
      Optional<FlowSnapshot> snap = s.storedSnapshot();
      int from = 0;
      if (snap.isPresent()) {
        long t = snap.get().timeMs();
        while (from < ticks.size() && ticks.get(from).timeMs() <= t) {
          FlowTick tick = ticks.get(from++);
          s.warmUp(tick);
          if (l != null && tick instanceof AggTrade a) {
            l.executor.onPrice(a.instrument(), a.price(), a.timeMs()); // marks for its risk checks
          }
        }
        restore(s, snap.get(), l == null ? null : l.executor);
        if (l != null) {
          awaitAnswered(l.executor);
        }
      }
      service = s;
      LOG.info(
          "flow: {} strategies, {} ticks ({}), resuming at tick {}",
          s.strategies().size(),
          ticks.size(),
          source(),
          from);
      replay(s, ticks, from);
    } catch (RuntimeException e) {
      LOG.error("flow engine stopped: {}", e.getMessage(), e);
    }
  }

  private FlowService newService(Database database, FlowLive l) {
    var s =
        new FlowService(
            FlowEngineSettings.paper(config.engineInstance())
                .withDefaultWarmupMs(config.warmupMinutes() * 60_000L),
            instruments,
            new JdbcFlowJournal(database),
            new JdbcFlowStateStore(database),
            Clock.system(),
            l == null ? null : l.executor);
    if (s.loadStrategies().isEmpty() && config.seedStrategy()) {
      s.create(demo(config.symbols().get(0)));
    }
    return s;
  }

  /**
   * On the venue's live ticks: the stored ticks of the last {@code warmup_minutes} (at least 80;
   * +5) warm the engine up (to the stored snapshot, which is then restored; the ones after it are
   * processed), the live executor starts at the latest prices, then every tick the feed delivers is
   * processed as a replayed one is — the live executor's fake prints it first, the engine gets it,
   * the bus publishes it — with a checkpoint every event minute, until stopped.
   */
  private void runLive(Database database) {
    try {
      FlowLiveTicks src = ticksStarter.start(database);
      liveTicks = src;
      long now = System.currentTimeMillis();
      // at least the ATR's 14 five-minute candles and the one in progress, whatever warmup_minutes
      long warmMinutes = Math.max(config.warmupMinutes(), 80) + 5;
      List<FlowTick> stored = src.stored(instruments, now - warmMinutes * 60_000L, now);
      FlowLive l = liveStarter == null ? null : liveStarter.start(src.firstPrices(stored, 10_000));
      live = l;
      FlowService s = newService(database, l);
      Optional<FlowSnapshot> snap = s.storedSnapshot();
      long warmTo = snap.isPresent() ? snap.get().timeMs() : Long.MAX_VALUE;
      int from = 0;
      while (from < stored.size() && stored.get(from).timeMs() <= warmTo) {
        s.warmUp(stored.get(from++));
      }
      if (snap.isPresent()) {
        restore(s, snap.get(), l == null ? null : l.executor);
      }
      service = s;
      LOG.info(
          "flow: {} strategies on live ticks, {} stored ticks of warm-up",
          s.strategies().size(),
          stored.size());
      follow(s, src, stored.subList(from, stored.size()), l);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("flow engine on live ticks stopped: {}", e.getMessage(), e);
    }
  }

  private void follow(FlowService s, FlowLiveTicks src, List<FlowTick> pending, FlowLive l)
      throws InterruptedException {
    TickValidator validator = new TickValidator("flow live");
    long nextCheckpoint = Long.MIN_VALUE;
    int i = 0;
    while (!stopping) {
      FlowTick tick = i < pending.size() ? pending.get(i++) : src.next(200);
      if (tick == null) {
        continue;
      }
      if (!(tick instanceof AggTrade) && !validator.accept(tick)) {
        continue; // the feed orders trades itself (a back-filled hole comes late by design)
      }
      if (l != null) {
        l.onTick(tick);
      }
      s.onTick(tick);
      publisher.publish(tick);
      if (nextCheckpoint == Long.MIN_VALUE) {
        nextCheckpoint = tick.timeMs() + CHECKPOINT_MS;
      } else if (tick.timeMs() >= nextCheckpoint) {
        s.checkpoint();
        nextCheckpoint = tick.timeMs() + CHECKPOINT_MS;
      }
    }
    s.checkpoint();
  }

  /**
   * Restores {@code snapshot} into {@code service} and hands every restored open position to the
   * live {@code executor} (null: paper only), as if the engine had just opened it (and, after its
   * first target, updated it): the executor's state is in memory only, so without this a position
   * opened before a restart would never have its exits mirrored. The executor derives the same
   * client order ids as before the restart, and the venue adapter adopts the orders the venue
   * already holds (it looks each id up before sending it again) instead of placing them twice.
   */
  static void restore(FlowService service, FlowSnapshot snapshot, FlowLiveExecutor executor) {
    service.restore(snapshot);
    if (executor == null) {
      return;
    }
    for (PositionSnapshot p : service.openPositions()) {
      executor.onPositionOpened(p);
      if (p.remaining() < p.quantity()) {
        executor.onPositionUpdated(p);
      }
    }
  }

  /**
   * After the hand-over: waits (at most 30 s, or until stopped) until every order it sent again has
   * had the venue's answer — no order awaiting its first answer, no market order still working — so
   * that a decision replayed next sees the adopted orders' fills (the adapter reads them back)
   * instead of closing a position whose fills are still on their way.
   */
  private void awaitAnswered(FlowLiveExecutor executor) {
    long end = System.currentTimeMillis() + 30_000;
    try {
      while (System.currentTimeMillis() < end) {
        if (executor.awaitIdle(0) && answered(executor)) {
          return;
        }
        if (!pacer.pause(5)) {
          return;
        }
      }
      LOG.warn("flow live: the venue did not answer for every restored order within 30 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean answered(FlowLiveExecutor executor) {
    for (FlowLiveOrder o : executor.orders(null, null, null)) {
      if (o.status() == FlowLiveOrderStatus.SUBMITTED
          || (o.status() == FlowLiveOrderStatus.WORKING && !o.postOnly())) {
        return false;
      }
    }
    return true;
  }

  /** The first trade price of every symbol the engine may trade. */
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
    long nextCheckpoint = Long.MIN_VALUE;
    FlowLive l = live;
    TickValidator validator = new TickValidator("flow replay");
    int i = from;
    for (; i < ticks.size(); i++) {
      FlowTick tick = ticks.get(i);
      if (!pacer.awaitEventTime(tick.timeMs())) {
        break;
      }
      if (!validator.accept(tick)) {
        continue; // hostile: reaches neither the venue, the engine nor the bus
      }
      if (l != null) {
        l.onTick(tick); // the venue trades first; the engine's decision reaches it after
      }
      s.onTick(tick);
      publisher.publish(tick);
      boolean boundary = i + 1 == ticks.size() || ticks.get(i + 1).timeMs() > tick.timeMs();
      if (nextCheckpoint == Long.MIN_VALUE) {
        nextCheckpoint = tick.timeMs() + CHECKPOINT_MS;
      } else if (boundary && tick.timeMs() >= nextCheckpoint) {
        s.checkpoint();
        nextCheckpoint = tick.timeMs() + CHECKPOINT_MS;
      }
    }
    // on a stop, checkpoint only between two event times (the restore re-reads the ticks up to it)
    if (i > from && (i == ticks.size() || ticks.get(i).timeMs() > ticks.get(i - 1).timeMs())) {
      s.checkpoint();
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
    stopping = true;
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
