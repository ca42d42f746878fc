package io.perpetua.venue.binance;

import io.perpetua.market.tick.TickValidator;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Market data over one combined-stream connection ({@code /stream?streams=...}) that reconnects
 * after drops and before 24 h, and delivers aggregate trades without gaps or duplicates: the last
 * aggregate id per symbol is remembered, a jump in ids (or a reconnect) is filled from {@code GET
 * /fapi/v1/aggTrades?fromId=}, and ids already delivered are dropped.
 *
 * <p>Events reach the consumer on one thread, in order. Thread-safe to start and close.
 */
public final class MarketDataStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MarketDataStream.class);
  private static final int GAP_FILL_PAGE = 1000;

  private final BinanceRestClient rest;
  private final Consumer<MarketEvent> consumer;
  private final Consumer<Boolean> ownerOnConnected;
  private final ReconnectingWebSocket socket;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService dispatcher;
  private final Map<String, Long> lastAggId = new HashMap<>();
  private final TickValidator validator = new TickValidator("binance aggTrade stream");
  private final java.util.concurrent.atomic.AtomicLong malformed =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * A stream of {@code streams} (names like {@code btcusdt@aggTrade}, {@code btcusdt@markPrice@1s},
   * {@code btcusdt@kline_1m}, {@code btcusdt@forceOrder}, {@code btcusdt@bookTicker}, {@code
   * btcusdt@depth@100ms}; see {@link #streamsFor}).
   */
  public MarketDataStream(
      BinanceRestClient rest, List<String> streams, Consumer<MarketEvent> consumer) {
    this(rest, streams, consumer, reconnect -> {});
  }

  /**
   * A stream of {@code streams} that also calls {@code onConnected} after every connect ({@code
   * true} for a reconnect), on the event thread, after the aggTrade gap fill and before the first
   * event of that connection, so that the owner can repair what it missed.
   */
  public MarketDataStream(
      BinanceRestClient rest,
      List<String> streams,
      Consumer<MarketEvent> consumer,
      Consumer<Boolean> onConnected) {
    if (streams.isEmpty()) {
      throw new IllegalArgumentException("at least one stream is required");
    }
    this.rest = rest;
    this.consumer = consumer;
    this.ownerOnConnected = onConnected;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("binance-market-timer"));
    this.dispatcher = Executors.newSingleThreadExecutor(daemon("binance-market"));
    URI uri =
        URI.create(rest.config().wsBaseUrl() + "/stream?streams=" + String.join("/", streams));
    this.socket =
        new ReconnectingWebSocket(
            "market stream",
            HttpClient.newHttpClient(),
            () -> uri,
            this::onMessage,
            this::onConnected,
            rest.config().maxConnectionAge(),
            scheduler,
            dispatcher);
  }

  /** The usual streams of one symbol: aggTrade, markPrice@1s, kline_1m, forceOrder, bookTicker. */
  public static List<String> streamsFor(String symbol) {
    String s = symbol.toLowerCase(Locale.ROOT);
    return List.of(
        s + "@aggTrade",
        s + "@markPrice@1s",
        s + "@kline_1m",
        s + "@forceOrder",
        s + "@bookTicker");
  }

  /**
   * Before {@link #start}: the last aggTrade id of {@code symbol} already processed (stored by the
   * owner before a restart); the first connect fills from the id after it, as a reconnect does.
   */
  public void resumeFrom(String symbol, long aggId) {
    dispatcher.execute(() -> lastAggId.put(symbol, aggId));
  }

  /** Connects. */
  public void start() {
    socket.start();
  }

  /** Connections opened so far (1 + reconnects). */
  public int connects() {
    return socket.connects();
  }

  /** Forces a reconnect (tests, operator). */
  public void reconnect() {
    socket.reconnectNow();
  }

  private void onConnected(boolean reconnect) {
    if (reconnect) {
      rest.meter().reconnected("market");
    }
    // a reconnect, or a first connect after resumeFrom: fill from the last id seen
    for (Map.Entry<String, Long> e : Map.copyOf(lastAggId).entrySet()) {
      fillFrom(e.getKey(), e.getValue() + 1, Long.MAX_VALUE);
    }
    try {
      ownerOnConnected.accept(reconnect);
    } catch (RuntimeException e) {
      LOG.warn("market stream: the connect hook failed: {}", e.toString());
    }
  }

  private void onMessage(String message) {
    MarketEvent event;
    try {
      var parsed = MarketEvent.parse(message);
      if (parsed.isEmpty()) {
        return;
      }
      event = parsed.get();
    } catch (IllegalArgumentException e) {
      malformed.incrementAndGet();
      LOG.warn("dropping malformed market message: {}", e.getMessage());
      return;
    }
    if (event instanceof MarketEvent.Trade t) {
      AggTrade trade = t.trade();
      Long last = lastAggId.get(trade.symbol());
      if (last != null && trade.aggregateId() <= last) {
        validator.reject(
            trade.aggregateId() == last
                ? TickValidator.Reason.DUPLICATE_ID
                : TickValidator.Reason.OUT_OF_ORDER_ID,
            trade.symbol() + " aggTrade " + trade.aggregateId() + " after " + last);
        return;
      }
      if (last != null && trade.aggregateId() > last + 1) {
        fillFrom(trade.symbol(), last + 1, trade.aggregateId() - 1);
      }
      deliverTrade(trade);
      return;
    }
    consumer.accept(event);
  }

  private void fillFrom(String symbol, long fromId, long toId) {
    long next = fromId;
    while (next <= toId) {
      List<AggTrade> page;
      try {
        page = rest.aggTrades(symbol, next, GAP_FILL_PAGE);
      } catch (BinanceApiException e) {
        LOG.warn("gap fill of {} from {} failed: {}", symbol, next, e.getMessage());
        return;
      }
      for (AggTrade t : page) {
        if (t.aggregateId() >= next && t.aggregateId() <= toId) {
          deliverTrade(t);
          next = t.aggregateId() + 1;
        }
      }
      if (page.size() < GAP_FILL_PAGE) {
        return;
      }
    }
  }

  /** Delivers a trade in id order unless the {@link TickValidator} rejects its values. */
  private void deliverTrade(AggTrade trade) {
    lastAggId.put(trade.symbol(), trade.aggregateId()); // seen: never gap-filled again
    boolean accepted =
        validator.acceptTrade(
            trade.symbol(),
            trade.aggregateId(),
            trade.timeMs(),
            trade.price().doubleValue(),
            trade.quantity().doubleValue());
    if (accepted) {
      consumer.accept(new MarketEvent.Trade(trade));
    }
  }

  /** The aggregate trades rejected so far, by reason code (dropped, never delivered). */
  public Map<String, Long> rejectedTrades() {
    return validator.rejections();
  }

  /** Messages dropped because they could not be parsed (malformed JSON, missing fields). */
  public long malformedMessages() {
    return malformed.get();
  }

  @Override
  public void close() {
    socket.close();
    scheduler.shutdownNow();
    dispatcher.shutdownNow();
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
