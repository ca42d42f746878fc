package io.perpetua.venue.binance;

import io.perpetua.core.InstrumentId;
import io.perpetua.market.tick.FlowTick;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live ticks for the order-flow engine (spec {@code orderflow-and-arbitrage.md} §1): the venue's
 * {@code <symbol>@aggTrade} streams ({@link MarketDataStream}, 200 per connection) mapped to the
 * engine's {@link io.perpetua.market.tick.AggTrade} ticks, in agg-id order per symbol:
 *
 * <ul>
 *   <li><b>dedupe by agg id</b>: a trade whose id is not above the last one delivered for its
 *       symbol is dropped (counted in {@link #duplicates()});
 *   <li><b>catch-up</b>: {@link #resumeFrom} seeds the last stored id of a symbol; the first
 *       connect and every reconnect fill from the id after it over REST ({@code aggTrades?fromId=})
 *       before the stream's first event, and an id jump inside the stream is filled the same way —
 *       no gap, no duplicate;
 *   <li><b>silent stream</b>: {@link #checkSilence} (call it every second on the owner's scheduler)
 *       reports a symbol with no trade for longer than {@code silentAfterMs} once to the alert
 *       sink, and once more when its trades come back.
 * </ul>
 *
 * <p>Ticks are delivered on the stream's event thread. Thread-safe.
 */
public final class LiveFlowTicks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveFlowTicks.class);

  private final List<MarketDataStream> streams = new ArrayList<>();
  private final Consumer<FlowTick> sink;
  private final BiConsumer<String, Boolean> alerts;
  private final LongSupplier clock;
  private final long silentAfterMs;
  private final Map<String, Long> lastId = new ConcurrentHashMap<>();
  private final Map<String, Long> lastSeenMs = new ConcurrentHashMap<>();
  private final Map<String, Boolean> silent = new ConcurrentHashMap<>();
  private final Map<String, Long> seeds = new HashMap<>();
  private long delivered;
  private long duplicates;

  /**
   * A feed of {@code symbols}' aggTrades.
   *
   * @param sink gets each tick, in agg-id order per symbol
   * @param alerts gets (symbol, true) when a symbol falls silent, (symbol, false) when it is back
   * @param clock wall time of the silence check, epoch ms
   * @param silentAfterMs the silence that raises the alert
   */
  public LiveFlowTicks(
      BinanceRestClient rest,
      List<String> symbols,
      Consumer<FlowTick> sink,
      BiConsumer<String, Boolean> alerts,
      LongSupplier clock,
      long silentAfterMs) {
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException("at least one symbol is required");
    }
    this.sink = sink;
    this.alerts = alerts;
    this.clock = clock;
    this.silentAfterMs = silentAfterMs;
    long now = clock.getAsLong();
    for (int from = 0; from < symbols.size(); from += LiveBarFeed.STREAMS_PER_CONNECTION) {
      List<String> names = new ArrayList<>();
      for (String s :
          symbols.subList(
              from, Math.min(symbols.size(), from + LiveBarFeed.STREAMS_PER_CONNECTION))) {
        names.add(s.toLowerCase(Locale.ROOT) + "@aggTrade");
        lastSeenMs.put(s.toUpperCase(Locale.ROOT), now);
      }
      streams.add(new MarketDataStream(rest, names, this::onEvent));
    }
  }

  /** Catch-up after a restart: the next tick of {@code symbol} is the one after {@code aggId}. */
  public synchronized void resumeFrom(String symbol, long aggId) {
    String s = symbol.toUpperCase(Locale.ROOT);
    seeds.put(s, aggId);
    lastId.put(s, aggId);
  }

  /** Connects (after {@link #resumeFrom}). */
  public synchronized void start() {
    for (MarketDataStream m : streams) {
      seeds.forEach(m::resumeFrom);
      m.start();
    }
  }

  private void onEvent(MarketEvent event) {
    if (event instanceof MarketEvent.Trade t) {
      deliver(t.trade());
    }
  }

  private void deliver(AggTrade t) {
    String symbol = t.symbol();
    Long last = lastId.get(symbol);
    if (last != null && t.aggregateId() <= last) {
      synchronized (this) {
        duplicates++;
      }
      return;
    }
    FlowTick tick;
    try {
      tick = map(t);
    } catch (IllegalArgumentException e) {
      LOG.warn("live tick {} {} dropped: {}", symbol, t.aggregateId(), e.getMessage());
      return;
    }
    lastId.put(symbol, t.aggregateId());
    lastSeenMs.put(symbol, clock.getAsLong());
    if (silent.remove(symbol) != null) {
      alerts.accept(symbol, false);
    }
    synchronized (this) {
      delivered++;
    }
    sink.accept(tick);
  }

  /** The venue's aggTrade as the engine's tick. */
  public static io.perpetua.market.tick.AggTrade map(AggTrade t) {
    return new io.perpetua.market.tick.AggTrade(
        InstrumentId.fromVenueSymbol(t.symbol()),
        t.aggregateId(),
        t.timeMs(),
        t.price().doubleValue(),
        t.quantity().doubleValue(),
        t.buyerMaker());
  }

  /** Raises the alert for each symbol silent longer than the limit (once until it trades again). */
  public void checkSilence() {
    long now = clock.getAsLong();
    lastSeenMs.forEach(
        (symbol, seen) -> {
          if (now - seen > silentAfterMs && silent.putIfAbsent(symbol, true) == null) {
            LOG.warn("live ticks: {} silent for {} ms", symbol, now - seen);
            alerts.accept(symbol, true);
          }
        });
  }

  /** The last agg id delivered (or seeded) per symbol: what to store for the next catch-up. */
  public Map<String, Long> lastIds() {
    return Map.copyOf(lastId);
  }

  /** Ticks delivered so far. */
  public synchronized long delivered() {
    return delivered;
  }

  /** Trades dropped as already delivered. */
  public synchronized long duplicates() {
    return duplicates;
  }

  /** The streams (tests force reconnects through them). */
  List<MarketDataStream> streams() {
    return List.copyOf(streams);
  }

  @Override
  public void close() {
    streams.forEach(MarketDataStream::close);
  }
}
