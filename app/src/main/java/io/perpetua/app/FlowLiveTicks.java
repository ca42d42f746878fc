package io.perpetua.app;

import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.time.Clock;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.FlowTickStore;
import io.perpetua.server.v1.flow.FlowFeedRoutes;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcFlowTickStore;
import io.perpetua.trading.port.EventBus;
import io.perpetua.venue.binance.BinanceConfig;
import io.perpetua.venue.binance.BinanceRestClient;
import io.perpetua.venue.binance.ExchangeInfo;
import io.perpetua.venue.binance.LiveFlowFeed;
import io.perpetua.venue.binance.LiveFlowFeedStatus;
import io.perpetua.venue.binance.LiveFlowSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order-flow engine's live tick source ({@code flow.tick_source: live}, or {@code auto} on
 * {@code venue.type: binance}): a {@link LiveFlowFeed} on the platform's venue — the fake Binance
 * of {@code --venue fake-binance} (its streams and REST at its URLs) or Binance itself — for the
 * {@code flow.symbols} the venue lists, its raw ticks stored in the journal database ({@link
 * JdbcFlowTickStore}, migration V115; not for the in-process fake, whose agg ids start again at 1
 * on every start), delivered to the engine's thread through a queue. A stream that falls silent or
 * comes back is published on the bus, topic {@value #ALERT_TOPIC} ({@code {"stream":
 * "BTCUSDT@aggTrade", "silent": true, "time_ms": ...}}), besides the feed's WARN. Thread-safe.
 */
final class FlowLiveTicks implements AutoCloseable {
  /** The bus topic of the silent-stream alerts. */
  static final String ALERT_TOPIC = "flow.feed";

  private static final Logger LOG = LoggerFactory.getLogger(FlowLiveTicks.class);

  /** Opens the source on the journal database once the platform's venue is connected. */
  @FunctionalInterface
  interface Starter {
    /** Connects the feed (throws {@link IllegalStateException} naming what is missing). */
    FlowLiveTicks start(Database database);
  }

  private final LiveFlowFeed feed;
  private final FlowTickStore store;
  private final BlockingQueue<FlowTick> queue = new LinkedBlockingQueue<>();
  private final Map<InstrumentId, Double> lastPrice = new ConcurrentHashMap<>();
  private final AtomicLong alerts = new AtomicLong();
  private final List<InstrumentId> instruments = new ArrayList<>();

  private FlowLiveTicks(
      BinanceRestClient rest,
      List<String> symbols,
      LiveFlowSettings settings,
      FlowTickStore store,
      EventBus bus) {
    this.store = store;
    symbols.forEach(s -> instruments.add(InstrumentId.fromVenueSymbol(s)));
    this.feed =
        new LiveFlowFeed(
            rest,
            symbols,
            settings,
            store,
            this::onTick,
            (stream, silent) -> alert(bus, stream, silent),
            System::currentTimeMillis);
  }

  /**
   * The starter for {@code config}: the venue's REST client from {@code venue} at start (null or
   * another kind of venue: an {@link IllegalStateException}).
   */
  static Starter starter(PerpetuaConfig config, Supplier<LiveVenue> venue, EventBus bus) {
    return database -> {
      LiveVenue v = venue.get();
      BinanceRestClient rest;
      String spot;
      FlowTickStore store;
      if (v instanceof FakeBinanceLive f) {
        rest =
            new BinanceRestClient(
                BinanceConfig.of(f.fake.restBaseUrl(), f.fake.wsBaseUrl()), null, Clock.system());
        spot = auto(config.flow().spotWsUrl(), f.fake.wsBaseUrl());
        store = null; // a new in-process fake each start: its ids are not the stored ones
      } else if (v instanceof BinanceLive b) {
        rest = b.rest;
        boolean production =
            config.binance().restUrl().isBlank() && "production".equals(b.environment);
        spot = auto(config.flow().spotWsUrl(), production ? LiveFlowSettings.BINANCE_SPOT_WS : "");
        store = new JdbcFlowTickStore(database);
      } else {
        throw new IllegalStateException(
            "flow.tick_source live: the venue has no market streams ("
                + config.venue().type()
                + ")");
      }
      PerpetuaConfig.Flow f = config.flow();
      LiveFlowSettings settings =
          new LiveFlowSettings(
              f.silentAfterSeconds() * 1_000L,
              f.continuityCheckSeconds() * 1_000L,
              f.pollSeconds() * 1_000L,
              "5m",
              f.tickBatchRows(),
              1_000,
              3_600_000,
              1_000,
              spot,
              LiveFlowSettings.defaults().reorderWindowMs());
      var ticks = new FlowLiveTicks(rest, listed(rest, f.symbols()), settings, store, bus);
      ticks.feed.start();
      return ticks;
    };
  }

  private static String auto(String configured, String fallback) {
    String s = configured == null ? "" : configured.strip();
    return s.equals("auto") ? fallback : s;
  }

  /** The flow symbols the venue lists (the others are left out with a warning). */
  private static List<String> listed(BinanceRestClient rest, List<String> symbols) {
    ExchangeInfo info = rest.exchangeInfo();
    List<String> out = new ArrayList<>();
    for (String s : symbols) {
      if (info.filters(s).isPresent()) {
        out.add(s);
      } else {
        LOG.warn("flow live ticks: {} is not listed at the venue; no ticks for it", s);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("flow live ticks: the venue lists none of " + symbols);
    }
    return out;
  }

  private void onTick(FlowTick tick) {
    if (tick instanceof AggTrade a) {
      lastPrice.put(a.instrument(), a.price());
    }
    queue.add(tick);
  }

  private void alert(EventBus bus, String stream, boolean silent) {
    alerts.incrementAndGet();
    try {
      bus.publish(
          ALERT_TOPIC,
          "{\"stream\":\""
              + stream
              + "\",\"silent\":"
              + silent
              + ",\"time_ms\":"
              + System.currentTimeMillis()
              + "}");
    } catch (RuntimeException e) {
      LOG.warn("flow live ticks: alert not published on the bus: {}", e.getMessage());
    }
  }

  /**
   * The stored ticks of {@code ids} since {@code sinceMs} (the warm-up history), in time order;
   * empty without a store.
   */
  List<FlowTick> stored(Collection<InstrumentId> ids, long sinceMs, long untilMs) {
    List<FlowTick> out = new ArrayList<>();
    if (store != null) {
      for (InstrumentId id : ids) {
        out.addAll(store.ticks(id, sinceMs, untilMs, 5_000_000));
      }
      out.sort(Comparator.comparingLong(FlowTick::timeMs));
    }
    return out;
  }

  /**
   * The latest price of every instrument the feed serves (the flow kernel trades these): from
   * {@code history}, else a live trade, else the venue's mark price over REST; when the venue does
   * not answer either, the first live trade (waiting up to {@code waitMs} for all of them; those
   * still without one are left out, with a warning: the kernel only evaluates them).
   */
  Map<InstrumentId, Double> firstPrices(List<FlowTick> history, long waitMs)
      throws InterruptedException {
    Map<InstrumentId, Double> out = new LinkedHashMap<>();
    for (FlowTick t : history) {
      if (t instanceof AggTrade a) {
        out.put(a.instrument(), a.price());
      }
    }
    for (InstrumentId id : instruments) {
      Double live = lastPrice.get(id);
      if (live != null) {
        out.putIfAbsent(id, live);
      } else if (!out.containsKey(id)) {
        try {
          double mark = feed.markPrice(id.venueSymbol());
          if (mark > 0) {
            out.put(id, mark);
          }
        } catch (RuntimeException e) {
          LOG.warn("flow live ticks: no mark price of {} ({})", id.venueSymbol(), e.getMessage());
        }
      }
    }
    long end = System.currentTimeMillis() + waitMs;
    while (!out.keySet().containsAll(instruments) && System.currentTimeMillis() < end) {
      instruments.forEach(
          id -> {
            Double p = lastPrice.get(id);
            if (p != null) {
              out.putIfAbsent(id, p);
            }
          });
      Thread.sleep(20); // polling the feed's prices with a deadline
    }
    instruments.stream()
        .filter(id -> !out.containsKey(id))
        .forEach(
            id -> LOG.warn("flow live ticks: no price of {}: the kernel does not trade it", id));
    return out;
  }

  /** The next tick, or null after {@code timeoutMs}. */
  FlowTick next(long timeoutMs) throws InterruptedException {
    return queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** The feed's counters as the flow API shows them ({@code GET /api/v1/flow/feed}). */
  FlowFeedRoutes.FlowFeedStatus status() {
    LiveFlowFeedStatus s = LiveFlowFeedStatus.of(feed);
    return new FlowFeedRoutes.FlowFeedStatus(
        s.reconnects(),
        s.tradesDelivered(),
        s.duplicates(),
        s.gapsFilled(),
        s.lateTrades(),
        s.heldTrades(),
        s.openHoles(),
        s.refused(),
        s.streams().stream()
            .map(
                x ->
                    new FlowFeedRoutes.FlowFeedStream(
                        x.stream(), x.messages(), x.lastMessageAgeMs(), x.silent()))
            .toList());
  }

  /** The feed (counters, checks). */
  LiveFlowFeed feed() {
    return feed;
  }

  /** Silent-stream alerts raised or cleared so far. */
  long alerts() {
    return alerts.get();
  }

  @Override
  public void close() {
    feed.close();
  }
}
