package io.perpetua.venue.binance;

import io.perpetua.core.InstrumentId;
import io.perpetua.market.tick.FlowTick;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
 *   <li><b>id continuity</b>: {@link #checkContinuity} (call it every minute) back-fills over REST
 *       the holes left when a gap fill failed (ids skipped inside the delivered sequence) and the
 *       tail the stream has not delivered yet (the stream fell silent after missing trades);
 *   <li><b>reorder window</b> ({@link AggIdReorder}): while a hole is open, the trades above it are
 *       held; {@link #checkReorder} (call it every second) retries the hole over REST and passes
 *       the back-fill and the held trades on in agg-id order, or, after {@code reorderWindowMs},
 *       the held ones alone (the hole's trades then go to the late sink when they come);
 *   <li><b>silent stream</b>: {@link #checkSilence} (call it every second on the owner's scheduler)
 *       reports a symbol with no trade for longer than {@code silentAfterMs} once to the alert
 *       sink, and once more when its trades come back.
 * </ul>
 *
 * <p>Ticks are delivered on the stream's event thread, or on the caller's of {@link
 * #checkContinuity}, one at a time. Thread-safe.
 */
public final class LiveFlowTicks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveFlowTicks.class);

  private static final int PAGE = 1000;

  /** The reorder window of the shorter constructor (ms). */
  public static final long DEFAULT_REORDER_WINDOW_MS = 5_000;

  private final List<MarketDataStream> streams = new ArrayList<>();
  private final BinanceRestClient rest;
  private final Map<String, TreeMap<Long, Long>> holes = new HashMap<>();
  private long backFilled;
  private final BiConsumer<String, Boolean> alerts;
  private final LongSupplier clock;
  private final long silentAfterMs;
  private final Map<String, Long> lastId = new ConcurrentHashMap<>();
  private final Map<String, Long> lastSeenMs = new ConcurrentHashMap<>();
  private final Map<String, Boolean> silent = new ConcurrentHashMap<>();
  private final Map<String, Long> seeds = new HashMap<>();
  private final AggIdReorder reorder;
  private final Map<String, long[]> received = new HashMap<>();
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
    this(rest, symbols, sink, t -> {}, alerts, clock, silentAfterMs, DEFAULT_REORDER_WINDOW_MS);
  }

  /**
   * A feed of {@code symbols}' aggTrades with a reorder window.
   *
   * @param sink gets each tick, in agg-id order per symbol
   * @param late gets the back-filled trades of a hole the reorder window gave up on (below ids the
   *     sink already has: to store, not to step)
   * @param alerts gets (symbol, true) when a symbol falls silent, (symbol, false) when it is back
   * @param clock wall time of the silence check and the reorder window, epoch ms
   * @param silentAfterMs the silence that raises the alert
   * @param reorderWindowMs how long trades above an open hole are held at most
   */
  public LiveFlowTicks(
      BinanceRestClient rest,
      List<String> symbols,
      Consumer<FlowTick> sink,
      Consumer<FlowTick> late,
      BiConsumer<String, Boolean> alerts,
      LongSupplier clock,
      long silentAfterMs,
      long reorderWindowMs) {
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException("at least one symbol is required");
    }
    this.rest = rest;
    this.alerts = alerts;
    this.clock = clock;
    this.silentAfterMs = silentAfterMs;
    this.reorder = new AggIdReorder(sink, late, reorderWindowMs);
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

  /**
   * One venue trade as if its stream had delivered it (dedupe, hole record, mapping, sink): for a
   * recorded stream and the throughput benchmark.
   */
  public void onTrade(AggTrade trade) {
    deliver(trade);
  }

  private synchronized void deliver(AggTrade t) {
    String symbol = t.symbol();
    Long last = lastId.get(symbol);
    if (last != null && t.aggregateId() <= last) {
      duplicates++;
      return;
    }
    FlowTick tick;
    try {
      tick = map(t);
    } catch (IllegalArgumentException e) {
      LOG.warn("live tick {} {} dropped: {}", symbol, t.aggregateId(), e.getMessage());
      return;
    }
    if (last != null && t.aggregateId() > last + 1) {
      holes.computeIfAbsent(symbol, k -> new TreeMap<>()).put(last + 1, t.aggregateId() - 1);
      LOG.warn(
          "live ticks: {} ids {}..{} missing (the gap fill failed); back-filled by the continuity"
              + " check",
          symbol,
          last + 1,
          t.aggregateId() - 1);
    }
    lastId.put(symbol, t.aggregateId());
    seen(symbol);
    delivered++;
    received.computeIfAbsent(symbol, k -> new long[1])[0]++;
    reorder.onStreamed(symbol, t.aggregateId(), tick, holes.get(symbol), clock.getAsLong());
  }

  private void seen(String symbol) {
    lastSeenMs.put(symbol, clock.getAsLong());
    if (silent.remove(symbol) != null) {
      alerts.accept(symbol, false);
    }
  }

  /**
   * The id-continuity check (spec §1, every minute): fills each recorded hole from REST ({@code
   * aggTrades?fromId=}; the trades are delivered late, after higher ids, each once), then asks REST
   * for the trades after the last delivered id and delivers those the stream has not. A REST
   * failure leaves the hole for the next check.
   *
   * @return the trades delivered by this check
   */
  public synchronized long checkContinuity() {
    long before = delivered;
    for (String symbol : List.copyOf(holes.keySet())) {
      fillHoles(symbol);
    }
    for (String symbol : List.copyOf(lastId.keySet())) {
      try {
        List<AggTrade> page;
        do {
          page = rest.aggTrades(symbol, lastId.get(symbol) + 1, PAGE);
          page.forEach(this::deliver);
        } while (page.size() == PAGE);
      } catch (BinanceApiException e) {
        LOG.warn("continuity check of {}: {}", symbol, e.getMessage());
      }
    }
    backFilled += delivered - before;
    return delivered - before;
  }

  /**
   * The reorder window's check (call it every second): for each symbol with trades held above an
   * open hole, retries the hole over REST and passes on what is no longer blocked; trades held
   * longer than the window are passed on in id order without the hole.
   *
   * @return the trades passed on without their hole, by symbol (empty when none expired)
   */
  public synchronized Map<String, Integer> checkReorder() {
    long before = delivered;
    for (String symbol : List.copyOf(holes.keySet())) {
      if (reorder.holds(symbol)) {
        fillHoles(symbol);
      }
    }
    backFilled += delivered - before;
    Map<String, Integer> expired = reorder.expire(clock.getAsLong());
    expired.forEach(
        (symbol, n) ->
            LOG.warn(
                "live ticks: {} trades of {} passed on without the hole {} (reorder window over);"
                    + " its trades are stored late",
                n,
                symbol,
                holes.get(symbol)));
    return expired;
  }

  /** Fills the open holes of {@code symbol} from REST, then passes on what they held back. */
  private void fillHoles(String symbol) {
    TreeMap<Long, Long> open = holes.get(symbol);
    for (Map.Entry<Long, Long> h : List.copyOf(open.entrySet())) {
      long next = fillHole(symbol, h.getKey(), h.getValue());
      open.remove(h.getKey());
      if (next <= h.getValue()) {
        open.put(next, h.getValue()); // the rest of it next time
      }
    }
    if (open.isEmpty()) {
      holes.remove(symbol);
    }
    reorder.release(symbol, holes.get(symbol));
  }

  /** Offers the trades with ids in {@code [from, to]}; returns the first id not filled. */
  private long fillHole(String symbol, long from, long to) {
    long next = from;
    try {
      while (next <= to) {
        List<AggTrade> page = rest.aggTrades(symbol, next, PAGE);
        long start = next;
        for (AggTrade t : page) {
          if (t.aggregateId() >= next && t.aggregateId() <= to) {
            FlowTick tick = map(t);
            next = t.aggregateId() + 1;
            delivered++;
            received.computeIfAbsent(symbol, k -> new long[1])[0]++;
            reorder.offer(symbol, t.aggregateId(), tick, clock.getAsLong());
          }
        }
        if (page.isEmpty() || next == start) {
          LOG.warn("continuity check: {} ids {}..{} are not at the venue", symbol, next, to);
          return to + 1; // the venue has none of them: nothing to wait for
        }
      }
    } catch (BinanceApiException | IllegalArgumentException e) {
      LOG.warn(
          "continuity check: back-fill of {} from {} failed: {}", symbol, next, e.getMessage());
    }
    return next;
  }

  /** The holes still open, as {@code symbol -> {from: to}} (empty when the sequence is whole). */
  public synchronized Map<String, Map<Long, Long>> holes() {
    Map<String, Map<Long, Long>> out = new HashMap<>();
    holes.forEach((s, h) -> out.put(s, Map.copyOf(h)));
    return out;
  }

  /** Trades delivered by the continuity check so far. */
  public synchronized long backFilled() {
    return backFilled;
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

  /** Trades of {@code symbol} received (streamed, caught up or back-filled), each once. */
  public synchronized long received(String symbol) {
    long[] n = received.get(symbol.toUpperCase(Locale.ROOT));
    return n == null ? 0 : n[0];
  }

  /** When {@code symbol} last traded (or the feed started), epoch ms; null for another symbol. */
  public Long lastSeenMs(String symbol) {
    return lastSeenMs.get(symbol.toUpperCase(Locale.ROOT));
  }

  /** Whether the silence alert of {@code symbol}'s trades is raised. */
  public boolean silent(String symbol) {
    return silent.containsKey(symbol.toUpperCase(Locale.ROOT));
  }

  /** Trades held now by the reorder window (above an open hole). */
  public synchronized int held() {
    return reorder.held();
  }

  /** Back-filled trades that came after the reorder window had passed on higher ids. */
  public synchronized long late() {
    return reorder.late();
  }

  /** Ticks delivered so far (passed on, held, or late). */
  public synchronized long delivered() {
    return delivered;
  }

  /** Trades dropped as already delivered (by the stream, a catch-up or a continuity check). */
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
