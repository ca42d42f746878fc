package io.perpetua.venue.binance;

import io.perpetua.core.InstrumentId;
import io.perpetua.market.tick.BatchedTickWriter;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.FlowTickMeta;
import io.perpetua.market.tick.FlowTickStore;
import io.perpetua.market.tick.TickValidator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live order-flow feed (spec {@code orderflow-and-arbitrage.md} §1): every market input of the
 * flow engine from Binance USDT-M, mapped to {@link FlowTick}s ({@link LiveFlowMapping}):
 *
 * <ul>
 *   <li>{@code <sym>@aggTrade} through {@link LiveFlowTicks}: deduped by agg id, caught up over
 *       REST from the last stored id at start and after every reconnect, the id-continuity check
 *       every {@link LiveFlowSettings#continuityEveryMs} back-filling holes and the unseen tail;
 *   <li>{@code <sym>@markPrice@1s} (mark, index, funding), {@code <sym>@forceOrder} (liquidations),
 *       {@code <sym>@depth10@100ms} (book imbalance) on a second connection;
 *   <li>the spot venue's {@code <sym>@bookTicker} with the last mark as the spot–perp divergence
 *       (when {@link LiveFlowSettings#spotWsUrl} is set), at most one sample per second;
 *   <li>REST polls every {@link LiveFlowSettings#pollEveryMs}: {@code openInterestHist}, {@code
 *       globalLongShortAccountRatio} and {@code topLongShortPositionRatio} (a sample is delivered
 *       once, when its time is new).
 * </ul>
 *
 * <p>Every delivered tick is also queued for the {@link FlowTickStore} ({@link BatchedTickWriter}:
 * batched, with the per-symbol meta — tick size, first/last agg id and event time — in the same
 * transaction); the stored last agg id is where the next start catches up from. A message the venue
 * sends that cannot be an input (malformed JSON, a missing or impossible field, a time going
 * backwards) is refused with a logged reason, counted in {@link #rejections()}, and never reaches
 * the sink. A stream silent longer than {@link LiveFlowSettings#silentAfterMs} (aggTrade,
 * markPrice, depth10, spot bookTicker per symbol) raises the alert once, and clears it when events
 * return.
 *
 * <p>The sink gets one tick at a time (under the feed's lock), from the streams' and the checks'
 * threads: it must be quick (e.g. hand the tick to a queue). Thread-safe.
 */
public final class LiveFlowFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveFlowFeed.class);
  private static final long WARN_EVERY_MS = 10_000;
  private static final int PERP_STREAMS = 3;

  private final BinanceRestClient rest;
  final List<String> symbols = new ArrayList<>();
  private final LiveFlowSettings settings;
  private final FlowTickStore store;
  private final Consumer<FlowTick> sink;
  private final BiConsumer<String, Boolean> alerts;
  final LongSupplier clock;
  private final LiveFlowTicks trades;
  private final List<MarketDataStream> perp = new ArrayList<>();
  private final List<MarketDataStream> spot = new ArrayList<>();
  private final TickValidator validator;
  final Map<String, Long> lastSeen = new ConcurrentHashMap<>(); // read by LiveFlowFeedStatus
  final Set<String> silent = ConcurrentHashMap.newKeySet();
  final Map<String, Long> messages = new ConcurrentHashMap<>();
  private final Map<String, Double> marks = new ConcurrentHashMap<>();
  private final Map<String, Long> lastSpotPerpMs = new ConcurrentHashMap<>();
  private final Map<String, Long> lastPolledMs = new ConcurrentHashMap<>();
  private final Map<String, Long> rejected = new TreeMap<>();
  private final Map<String, Long> lastWarnMs = new HashMap<>();
  private ScheduledExecutorService scheduler;
  private BatchedTickWriter writer;
  private long emitted;

  /**
   * A feed of {@code symbols} (venue symbols).
   *
   * @param store where the raw ticks and the meta go, or null to store nothing
   * @param sink gets every tick (trades in agg-id order per symbol: a back-filled hole before the
   *     trades above it, held up to {@link LiveFlowSettings#reorderWindowMs})
   * @param alerts gets ({@code "BTCUSDT@aggTrade"}, true) when that stream falls silent, false when
   *     it is back
   * @param clock wall time, epoch ms
   */
  public LiveFlowFeed(
      BinanceRestClient rest,
      List<String> symbols,
      LiveFlowSettings settings,
      FlowTickStore store,
      Consumer<FlowTick> sink,
      BiConsumer<String, Boolean> alerts,
      LongSupplier clock) {
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException("at least one symbol is required");
    }
    this.rest = rest;
    symbols.forEach(s -> this.symbols.add(s.toUpperCase(Locale.ROOT)));
    this.settings = settings;
    this.store = store;
    this.sink = sink;
    this.alerts = alerts;
    this.clock = clock;
    this.validator = new TickValidator("live flow feed", clock);
    this.trades =
        new LiveFlowTicks(
            rest,
            this.symbols,
            this::emitTrade,
            this::storeLate,
            (symbol, off) -> alert(symbol + "@aggTrade", off),
            clock,
            settings.silentAfterMs(),
            settings.reorderWindowMs());
    int perConnection = LiveBarFeed.STREAMS_PER_CONNECTION / PERP_STREAMS;
    for (int from = 0; from < this.symbols.size(); from += perConnection) {
      List<String> names = new ArrayList<>();
      for (String s :
          this.symbols.subList(from, Math.min(this.symbols.size(), from + perConnection))) {
        String lower = s.toLowerCase(Locale.ROOT);
        names.addAll(
            List.of(lower + "@markPrice@1s", lower + "@forceOrder", lower + "@depth10@100ms"));
      }
      perp.add(new MarketDataStream(rest, names, this::onPerp));
    }
    if (!settings.spotWsUrl().isEmpty()) {
      BinanceRestClient spotClient =
          new BinanceRestClient(
              BinanceConfig.of(rest.config().restBaseUrl().toString(), settings.spotWsUrl()),
              null,
              io.perpetua.core.time.Clock.system());
      for (int from = 0; from < this.symbols.size(); from += LiveBarFeed.STREAMS_PER_CONNECTION) {
        List<String> names = new ArrayList<>();
        for (String s :
            this.symbols.subList(
                from, Math.min(this.symbols.size(), from + LiveBarFeed.STREAMS_PER_CONNECTION))) {
          names.add(s.toLowerCase(Locale.ROOT) + "@bookTicker");
        }
        spot.add(new MarketDataStream(spotClient, names, this::onSpot));
      }
    }
  }

  /**
   * Connects: reads the stored meta, catches trades up from each symbol's last stored agg id (when
   * it is not older than {@link LiveFlowSettings#catchUpMaxMs}), opens the streams and starts the
   * silence check, the continuity check and the REST polls (the first poll at once).
   */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    if (store != null) {
      writer = new BatchedTickWriter(store, settings.batchRows(), settings.batchMs(), tickSizes());
      resume(writer.meta());
    }
    long now = clock.getAsLong();
    for (String s : symbols) {
      lastSeen.put(s + "@markPrice", now);
      lastSeen.put(s + "@depth10", now);
      if (!spot.isEmpty()) {
        lastSeen.put(s + "@bookTicker", now);
      }
    }
    trades.start();
    perp.forEach(MarketDataStream::start);
    spot.forEach(MarketDataStream::start);
    scheduler = Executors.newSingleThreadScheduledExecutor(MarketDataStream.daemon("live-flow"));
    long silenceEvery = Math.max(20, Math.min(1_000, settings.silentAfterMs() / 4));
    schedule(this::checkSilence, silenceEvery, silenceEvery);
    long reorderEvery = Math.max(20, Math.min(1_000, settings.reorderWindowMs() / 4));
    schedule(trades::checkReorder, reorderEvery, reorderEvery);
    schedule(this::checkContinuity, settings.continuityEveryMs(), settings.continuityEveryMs());
    schedule(this::poll, 0, settings.pollEveryMs());
  }

  private void schedule(Runnable task, long delayMs, long everyMs) {
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) { // a failed run must not cancel the next ones
            LOG.warn("live flow feed: a periodic check failed: {}", e.toString());
          }
        },
        delayMs,
        everyMs,
        TimeUnit.MILLISECONDS);
  }

  private void resume(Map<InstrumentId, FlowTickMeta> meta) {
    long now = clock.getAsLong();
    for (String s : symbols) {
      FlowTickMeta m = meta.get(InstrumentId.fromVenueSymbol(s));
      if (m == null || !m.hasTrades()) {
        continue;
      }
      if (now - m.lastTimeMs() <= settings.catchUpMaxMs()) {
        trades.resumeFrom(s, m.lastAggId());
        LOG.info("live flow feed: {} catches up from stored agg id {}", s, m.lastAggId());
      } else {
        LOG.info(
            "live flow feed: {} last stored {} ms ago (over catch_up_max_ms): no catch-up",
            s,
            now - m.lastTimeMs());
      }
    }
  }

  private Map<InstrumentId, BigDecimal> tickSizes() {
    Map<InstrumentId, BigDecimal> out = new LinkedHashMap<>();
    try {
      ExchangeInfo info = rest.exchangeInfo();
      for (String s : symbols) {
        info.filters(s).ifPresent(f -> out.put(InstrumentId.fromVenueSymbol(s), f.tickSize()));
      }
    } catch (RuntimeException e) {
      LOG.warn("live flow feed: tick sizes unknown ({}); the meta goes without", e.getMessage());
    }
    return out;
  }

  private void emitTrade(FlowTick tick) {
    emit(tick, false); // LiveFlowTicks has deduped it and put it in agg-id order
  }

  /** A back-filled trade below ids the sink already has (reorder window over): stored only. */
  private synchronized void storeLate(FlowTick tick) {
    if (writer != null) {
      writer.add(tick);
    }
  }

  private synchronized void emit(FlowTick tick, boolean validate) {
    if (validate && !validator.accept(tick)) {
      count("time_backwards");
      return;
    }
    if (writer != null) {
      writer.add(tick);
    }
    emitted++;
    sink.accept(tick);
  }

  private void onPerp(MarketEvent event) {
    String symbol = event.symbol();
    try {
      switch (event) {
        case MarketEvent.MarkPrice m -> {
          seen(symbol + "@markPrice");
          var tick = LiveFlowMapping.markPrice(m);
          marks.put(symbol, tick.markPrice());
          emit(tick, true);
        }
        case MarketEvent.ForceOrder f -> emit(LiveFlowMapping.forceOrder(f), true);
        case MarketEvent.DepthUpdate d -> {
          seen(symbol + "@depth10");
          emit(LiveFlowMapping.depth(d), true);
        }
        default -> {
          // other kinds are not order-flow inputs
        }
      }
    } catch (IllegalArgumentException e) {
      refuse("invalid_" + kind(event), symbol + ": " + e.getMessage());
    }
  }

  private void onSpot(MarketEvent event) {
    if (!(event instanceof MarketEvent.BookTicker b)) {
      return;
    }
    String symbol = b.symbol();
    seen(symbol + "@bookTicker");
    Double mark = marks.get(symbol);
    if (mark == null) {
      return; // no perp mark yet: no divergence to compute
    }
    long t = b.timeMs() > 0 ? b.timeMs() : clock.getAsLong(); // spot bookTicker has no time
    Long last = lastSpotPerpMs.get(symbol);
    if (last != null && t - last < settings.spotPerpEveryMs()) {
      return;
    }
    try {
      emit(LiveFlowMapping.spotPerp(b, mark, t), true);
      lastSpotPerpMs.put(symbol, t);
    } catch (IllegalArgumentException e) {
      refuse("invalid_book_ticker", symbol + ": " + e.getMessage());
    }
  }

  private static String kind(MarketEvent e) {
    return switch (e) {
      case MarketEvent.MarkPrice m -> "mark_price";
      case MarketEvent.ForceOrder f -> "force_order";
      case MarketEvent.DepthUpdate d -> "depth";
      default -> "event";
    };
  }

  /**
   * The REST polls (spec §1, 5 min): the latest open-interest and long/short-ratio rows of every
   * symbol, each delivered once. A failed request is logged and retried at the next poll.
   */
  public void poll() {
    for (String s : symbols) {
      try {
        var oi = BinanceMessages.openInterestHistory(stat("/futures/data/openInterestHist", s));
        if (!oi.isEmpty()) {
          var row = oi.get(oi.size() - 1);
          deliverPolled(s + "@oi", row.timeMs(), () -> LiveFlowMapping.openInterest(row));
        }
        var global =
            BinanceMessages.longShortRatios(stat("/futures/data/globalLongShortAccountRatio", s));
        var top =
            BinanceMessages.longShortRatios(stat("/futures/data/topLongShortPositionRatio", s));
        if (!global.isEmpty() && !top.isEmpty()) {
          var g = global.get(global.size() - 1);
          var t = top.get(top.size() - 1);
          deliverPolled(
              s + "@ratios", Math.max(g.timeMs(), t.timeMs()), () -> LiveFlowMapping.ratios(g, t));
        }
      } catch (BinanceApiException e) {
        LOG.warn("live flow feed: poll of {} failed: {}", s, e.getMessage());
      } catch (IllegalArgumentException e) {
        refuse("invalid_poll", s + ": " + e.getMessage());
      }
    }
  }

  /**
   * The venue's mark price of {@code symbol} over REST ({@code /fapi/v1/premiumIndex}): a price for
   * a symbol that has not traded since the feed started.
   *
   * @throws BinanceApiException when the venue does not answer
   */
  public double markPrice(String symbol) {
    var index =
        BinanceMessages.premiumIndex(
            rest.get(
                "/fapi/v1/premiumIndex",
                Map.of("symbol", symbol.toUpperCase(Locale.ROOT)),
                false,
                1));
    return index.markPrice().doubleValue();
  }

  private com.fasterxml.jackson.databind.JsonNode stat(String path, String symbol) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", symbol);
    p.put("period", settings.pollPeriod());
    p.put("limit", "1");
    return rest.get(path, p, false, 1);
  }

  private void deliverPolled(
      String key, long timeMs, java.util.function.Supplier<? extends FlowTick> tick) {
    Long last = lastPolledMs.get(key);
    if (last != null && timeMs <= last) {
      return; // the same sample as the last poll
    }
    emit(tick.get(), true);
    lastPolledMs.put(key, timeMs);
  }

  /** The id-continuity check now (it also runs every {@code continuity_every_ms}). */
  public long checkContinuity() {
    return trades.checkContinuity();
  }

  /** The silence check now (it also runs on the feed's scheduler). */
  public void checkSilence() {
    trades.checkSilence();
    long now = clock.getAsLong();
    lastSeen.forEach(
        (key, seen) -> {
          if (now - seen > settings.silentAfterMs() && silent.add(key)) {
            LOG.warn("live flow feed: {} silent for {} ms", key, now - seen);
            alerts.accept(key, true);
          }
        });
  }

  private void seen(String key) {
    lastSeen.put(key, clock.getAsLong());
    messages.merge(key, 1L, Long::sum);
    if (silent.remove(key)) {
      alerts.accept(key, false);
    }
  }

  private void alert(String key, boolean on) {
    alerts.accept(key, on);
  }

  private synchronized void refuse(String reason, String detail) {
    count(reason);
    long now = clock.getAsLong();
    Long last = lastWarnMs.get(reason);
    if (last == null || now - last >= WARN_EVERY_MS) {
      LOG.warn("live flow feed: message refused ({}): {}", reason, detail);
      lastWarnMs.put(reason, now);
    }
  }

  private synchronized void count(String reason) {
    rejected.merge(reason, 1L, Long::sum);
  }

  /**
   * Refused messages by reason: {@code malformed_message} (unparseable, on any stream), the trade
   * validator's reasons ({@code non_positive_quantity}, ...), {@code invalid_<kind>} (a value that
   * cannot be an input) and {@code time_backwards}. Zero counts are left out.
   */
  public synchronized Map<String, Long> rejections() {
    Map<String, Long> out = new TreeMap<>(rejected);
    List<MarketDataStream> all = new ArrayList<>(trades.streams());
    all.addAll(perp);
    all.addAll(spot);
    long malformed = 0;
    for (MarketDataStream m : all) {
      malformed += m.malformedMessages();
      m.rejectedTrades().forEach((k, v) -> out.merge(k, v, Long::sum));
    }
    out.merge("malformed_message", malformed, Long::sum);
    out.values().removeIf(v -> v == 0);
    return out;
  }

  /** Ticks delivered to the sink so far. */
  public synchronized long emitted() {
    return emitted;
  }

  /** The trade side (ids, duplicates, holes, back-fills). */
  public LiveFlowTicks trades() {
    return trades;
  }

  /** The writer of the raw ticks, null without a store or before {@link #start}. */
  public synchronized BatchedTickWriter writer() {
    return writer;
  }

  /** Every connection of the feed (tests force reconnects and count them). */
  List<MarketDataStream> connections() {
    List<MarketDataStream> all = new ArrayList<>(trades.streams());
    all.addAll(perp);
    all.addAll(spot);
    return all;
  }

  /** Stops the checks and the streams, then stores what is queued. */
  @Override
  public void close() {
    ScheduledExecutorService s;
    synchronized (this) {
      s = scheduler;
    }
    if (s != null) {
      s.shutdownNow();
    }
    trades.close();
    perp.forEach(MarketDataStream::close);
    spot.forEach(MarketDataStream::close);
    BatchedTickWriter w;
    synchronized (this) {
      w = writer;
    }
    if (w != null) {
      w.close();
    }
  }
}
