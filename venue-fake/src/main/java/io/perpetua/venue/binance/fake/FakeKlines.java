package io.perpetua.venue.binance.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The fake venue's klines: trade prints aggregated per symbol and interval into the bar in progress
 * and the last {@value #RETAINED} closed bars, in Binance's REST row and {@code kline} stream
 * shapes. A bar closes when the first print of a later bar of the same symbol arrives; a bar
 * without prints does not exist. Not thread-safe: {@link FakeExchange} calls it under its lock.
 */
final class FakeKlines {
  /** Closed bars kept per symbol and interval. */
  static final int RETAINED = 5_000;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** A stream event to publish. */
  record Event(String stream, ObjectNode payload) {}

  private static final class Bar {
    final long open;
    BigDecimal o;
    BigDecimal h;
    BigDecimal l;
    BigDecimal c;
    BigDecimal v = BigDecimal.ZERO;
    BigDecimal q = BigDecimal.ZERO;
    BigDecimal takerV = BigDecimal.ZERO;
    BigDecimal takerQ = BigDecimal.ZERO;
    long trades;
    long firstTradeId = -1;
    long lastTradeId = -1;

    Bar(long open) {
      this.open = open;
    }
  }

  private static final class Series {
    final NavigableMap<Long, Bar> closed = new TreeMap<>();
    Bar forming;
  }

  private final Set<FakeInterval> intervals = new LinkedHashSet<>();
  private final Map<String, Map<FakeInterval, Series>> series = new HashMap<>();

  FakeKlines(List<FakeInterval> intervals) {
    this.intervals.addAll(intervals);
  }

  List<FakeInterval> intervals() {
    return List.copyOf(intervals);
  }

  void setIntervals(List<FakeInterval> wanted) {
    intervals.clear();
    intervals.addAll(wanted);
    for (Map<FakeInterval, Series> bySymbol : series.values()) {
      bySymbol.keySet().retainAll(intervals);
    }
  }

  boolean aggregates(FakeInterval interval) {
    return intervals.contains(interval);
  }

  /**
   * Adds a print at market time {@code timeMs} (already clamped so that it never moves backwards)
   * and returns the events: per interval, the closed bar it ends (if any), then the bar in
   * progress.
   */
  List<Event> onTrade(
      String symbol,
      BigDecimal price,
      BigDecimal qty,
      boolean buyerMaker,
      long firstTradeId,
      long lastTradeId,
      long timeMs) {
    List<Event> out = new ArrayList<>();
    String lower = symbol.toLowerCase(Locale.ROOT);
    for (FakeInterval i : intervals) {
      Series s = series(symbol, i);
      long open = i.openTime(timeMs);
      if (s.forming != null && s.forming.open < open) {
        Bar done = s.forming;
        s.forming = null;
        putClosed(s, done);
        out.add(new Event(lower + "@kline_" + i.code(), event(symbol, i, done, true, timeMs)));
      }
      if (s.forming == null) {
        s.forming = new Bar(open);
        s.forming.o = price;
        s.forming.h = price;
        s.forming.l = price;
        s.forming.firstTradeId = firstTradeId;
      }
      Bar b = s.forming;
      b.h = b.h.max(price);
      b.l = b.l.min(price);
      b.c = price;
      BigDecimal notional = price.multiply(qty);
      b.v = b.v.add(qty);
      b.q = b.q.add(notional);
      if (!buyerMaker) {
        b.takerV = b.takerV.add(qty);
        b.takerQ = b.takerQ.add(notional);
      }
      b.lastTradeId = lastTradeId;
      b.trades = lastTradeId - b.firstTradeId + 1;
      out.add(new Event(lower + "@kline_" + i.code(), event(symbol, i, b, false, timeMs)));
    }
    return out;
  }

  /**
   * The REST rows ({@code GET /fapi/v1/klines}): closed bars and the bar in progress, oldest first;
   * with both bounds the first {@code limit} whose open time is in range, with only an end time the
   * last {@code limit} up to it, with none the last {@code limit}.
   */
  ArrayNode rows(String symbol, FakeInterval i, Long startMs, Long endMs, int limit) {
    Series s = series(symbol, i);
    List<Bar> all = new ArrayList<>(s.closed.values());
    if (s.forming != null) {
      all.add(s.forming);
    }
    List<Bar> inRange = new ArrayList<>();
    for (Bar b : all) {
      if ((startMs == null || b.open >= startMs) && (endMs == null || b.open <= endMs)) {
        inRange.add(b);
      }
    }
    List<Bar> chosen =
        startMs != null
            ? inRange.subList(0, Math.min(limit, inRange.size()))
            : inRange.subList(Math.max(0, inRange.size() - limit), inRange.size());
    ArrayNode out = JSON.arrayNode();
    for (Bar b : chosen) {
      out.add(row(i, b));
    }
    return out;
  }

  /**
   * Writes {@code count} closed bars of a seeded random walk for {@code listing}, the last one
   * ending just before the bar that opens at {@code currentOpen} and closing at {@code lastPrice}.
   * Bars that already exist are kept.
   */
  void seed(
      FakeListing listing,
      FakeInterval i,
      int count,
      long currentOpen,
      BigDecimal lastPrice,
      SplittableRandom random) {
    intervals.add(i);
    Series s = series(listing.symbol(), i);
    BigDecimal tick = listing.tickSize();
    double sigma = 0.005 * Math.sqrt(i.millis() / 3_600_000.0);
    BigDecimal close = roundTick(lastPrice, tick, RoundingMode.HALF_EVEN);
    long open = currentOpen;
    for (int k = 1; k <= count; k++) {
      open = i.previousOpen(open);
      BigDecimal prevClose =
          roundTick(
              BigDecimal.valueOf(close.doubleValue() / (1 + sigma * gaussian(random))),
              tick,
              RoundingMode.HALF_EVEN);
      Bar b = new Bar(open);
      b.o = prevClose;
      b.c = close;
      double wick = sigma / 2;
      b.h =
          roundTick(
              BigDecimal.valueOf(
                  b.o.max(b.c).doubleValue() * (1 + wick * Math.abs(gaussian(random)))),
              tick,
              RoundingMode.CEILING);
      b.l =
          roundTick(
              BigDecimal.valueOf(
                  b.o.min(b.c).doubleValue() * (1 - wick * Math.abs(gaussian(random)))),
              tick,
              RoundingMode.FLOOR);
      b.v = listing.stepSize().multiply(BigDecimal.valueOf(100 + random.nextInt(10_000)));
      BigDecimal typical =
          b.o.add(b.h).add(b.l).add(b.c).divide(BigDecimal.valueOf(4), 8, RoundingMode.HALF_EVEN);
      b.q = b.v.multiply(typical).setScale(8, RoundingMode.HALF_EVEN);
      b.takerV = b.v.multiply(BigDecimal.valueOf(random.nextInt(101))).movePointLeft(2);
      b.takerQ = b.takerV.multiply(typical).setScale(8, RoundingMode.HALF_EVEN);
      b.trades = 3L * (1 + random.nextInt(1_000));
      s.closed.putIfAbsent(open, b);
      close = prevClose;
    }
    while (s.closed.size() > RETAINED) {
      s.closed.pollFirstEntry();
    }
  }

  private void putClosed(Series s, Bar b) {
    s.closed.put(b.open, b);
    while (s.closed.size() > RETAINED) {
      s.closed.pollFirstEntry();
    }
  }

  private Series series(String symbol, FakeInterval i) {
    return series
        .computeIfAbsent(symbol, k -> new HashMap<>())
        .computeIfAbsent(i, k -> new Series());
  }

  private static ObjectNode event(
      String symbol, FakeInterval i, Bar b, boolean closed, long eventTimeMs) {
    ObjectNode e = JSON.objectNode().put("e", "kline").put("E", eventTimeMs).put("s", symbol);
    ObjectNode k =
        e.putObject("k")
            .put("t", b.open)
            .put("T", i.closeTime(b.open))
            .put("s", symbol)
            .put("i", i.code());
    k.put("f", b.firstTradeId)
        .put("L", b.lastTradeId)
        .put("o", FakeExchange.plain(b.o))
        .put("c", FakeExchange.plain(b.c));
    k.put("h", FakeExchange.plain(b.h))
        .put("l", FakeExchange.plain(b.l))
        .put("v", FakeExchange.plain(b.v))
        .put("n", b.trades);
    k.put("x", closed)
        .put("q", FakeExchange.plain(b.q))
        .put("V", FakeExchange.plain(b.takerV))
        .put("Q", FakeExchange.plain(b.takerQ))
        .put("B", "0");
    return e;
  }

  private static ArrayNode row(FakeInterval i, Bar b) {
    ArrayNode r = JSON.arrayNode();
    r.add(b.open)
        .add(FakeExchange.plain(b.o))
        .add(FakeExchange.plain(b.h))
        .add(FakeExchange.plain(b.l))
        .add(FakeExchange.plain(b.c));
    r.add(FakeExchange.plain(b.v))
        .add(i.closeTime(b.open))
        .add(FakeExchange.plain(b.q))
        .add(b.trades)
        .add(FakeExchange.plain(b.takerV))
        .add(FakeExchange.plain(b.takerQ))
        .add("0");
    return r;
  }

  private static BigDecimal roundTick(BigDecimal price, BigDecimal tick, RoundingMode mode) {
    return price.divide(tick, 0, mode).multiply(tick).max(tick);
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
