package io.perpetua.venue.binance.fake;

import static io.perpetua.venue.binance.fake.FakeExchange.plain;
import static io.perpetua.venue.binance.fake.FakeExchange.plain8;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * Market-data payloads of the fake in Binance's shapes: 24 h ticker (REST and {@code @ticker}),
 * book ticker, order book ({@code depth} and {@code @depth} updates), {@code @trade}, premium
 * index. The book is synthetic: {@link #LEVELS} levels a tick apart on each side of the last price,
 * each level {@code k} holding {@code k × 1000} lots, so a snapshot and the diff events agree by
 * construction. Stateless.
 */
final class FakeMarketViews {
  /** Levels per side of the synthetic book. */
  static final int LEVELS = 50;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final long DAY_MS = 24 * 3_600_000L;

  private FakeMarketViews() {}

  /**
   * The 24 h statistics of {@code history} (aggregate trades, oldest first) ending at {@code now}.
   */
  static ObjectNode ticker24h(
      FakeListing l, BigDecimal last, Collection<ObjectNode> history, long now) {
    BigDecimal open = null;
    BigDecimal high = last;
    BigDecimal low = last;
    BigDecimal volume = BigDecimal.ZERO;
    BigDecimal quote = BigDecimal.ZERO;
    BigDecimal lastQty = BigDecimal.ZERO;
    long first = -1;
    long lastId = -1;
    long count = 0;
    for (ObjectNode t : history) {
      if (t.get("T").asLong() < now - DAY_MS) {
        continue;
      }
      BigDecimal p = new BigDecimal(t.get("p").asText());
      BigDecimal q = new BigDecimal(t.get("q").asText());
      open = open == null ? p : open;
      high = high.max(p);
      low = low.min(p);
      volume = volume.add(q);
      quote = quote.add(p.multiply(q));
      lastQty = q;
      first = first < 0 ? t.get("f").asLong() : first;
      lastId = t.get("l").asLong();
      count += lastId - t.get("f").asLong() + 1;
    }
    open = open == null ? last : open;
    BigDecimal change = last.subtract(open);
    ObjectNode o = JSON.objectNode().put("symbol", l.symbol()).put("priceChange", plain8(change));
    o.put(
        "priceChangePercent",
        change
            .multiply(BigDecimal.valueOf(100))
            .divide(open, 3, RoundingMode.HALF_EVEN)
            .toPlainString());
    o.put(
        "weightedAvgPrice",
        volume.signum() == 0
            ? plain8(last)
            : plain8(quote.divide(volume, 8, RoundingMode.HALF_EVEN)));
    o.put("lastPrice", plain8(last)).put("lastQty", plain(lastQty)).put("openPrice", plain8(open));
    o.put("highPrice", plain8(high)).put("lowPrice", plain8(low)).put("volume", plain(volume));
    o.put("quoteVolume", plain8(quote)).put("openTime", now - DAY_MS).put("closeTime", now);
    o.put("firstId", first).put("lastId", lastId).put("count", count);
    return o;
  }

  /** The {@code @ticker} event for a REST ticker {@code t}. */
  static ObjectNode tickerEvent(ObjectNode t, long now) {
    ObjectNode e = JSON.objectNode().put("e", "24hrTicker").put("E", now);
    e.put("s", t.get("symbol").asText()).put("p", t.get("priceChange").asText());
    e.put("P", t.get("priceChangePercent").asText()).put("w", t.get("weightedAvgPrice").asText());
    e.put("c", t.get("lastPrice").asText()).put("Q", t.get("lastQty").asText());
    e.put("o", t.get("openPrice").asText()).put("h", t.get("highPrice").asText());
    e.put("l", t.get("lowPrice").asText()).put("v", t.get("volume").asText());
    e.put("q", t.get("quoteVolume").asText()).put("O", t.get("openTime").asLong());
    e.put("C", t.get("closeTime").asLong()).put("F", t.get("firstId").asLong());
    e.put("L", t.get("lastId").asLong()).put("n", t.get("count").asLong()).put("st", 1);
    return e;
  }

  /** The {@code @miniTicker} event for a REST ticker {@code t}. */
  static ObjectNode miniTickerEvent(ObjectNode t, long now) {
    ObjectNode e = JSON.objectNode().put("e", "24hrMiniTicker").put("E", now);
    e.put("s", t.get("symbol").asText()).put("c", t.get("lastPrice").asText());
    e.put("o", t.get("openPrice").asText()).put("h", t.get("highPrice").asText());
    e.put("l", t.get("lowPrice").asText()).put("v", t.get("volume").asText());
    return e.put("q", t.get("quoteVolume").asText());
  }

  /** {@code GET /fapi/v1/ticker/bookTicker} for one symbol. */
  static ObjectNode bookTicker(FakeListing l, BigDecimal last, long now) {
    ObjectNode o = JSON.objectNode().put("symbol", l.symbol());
    o.put("bidPrice", plain8(bid(l, last, 1))).put("bidQty", plain(levelQty(l, 1)));
    o.put("askPrice", plain8(ask(l, last, 1))).put("askQty", plain(levelQty(l, 1)));
    return o.put("time", now);
  }

  /** {@code GET /fapi/v1/depth}: the top {@code limit} levels at update {@code updateId}. */
  static ObjectNode depth(FakeListing l, BigDecimal last, long updateId, int limit, long now) {
    ObjectNode o = JSON.objectNode().put("lastUpdateId", updateId).put("E", now).put("T", now);
    levels(o.putArray("bids"), l, last, limit, true);
    levels(o.putArray("asks"), l, last, limit, false);
    return o;
  }

  /**
   * A {@code depthUpdate} event from the book at {@code before} to the book at {@code after}:
   * levels that left the book with quantity 0, the others with their quantity ({@code levels}
   * levels for a partial-depth stream, {@link #LEVELS} for the diff stream).
   */
  static ObjectNode depthEvent(
      FakeListing l, BigDecimal before, BigDecimal after, long u, int levels, long now) {
    ObjectNode e = JSON.objectNode().put("e", "depthUpdate").put("E", now).put("T", now);
    e.put("s", l.symbol()).put("ps", l.symbol()).put("st", 1);
    e.put("U", u).put("u", u).put("pu", u - 1);
    diff(e.putArray("b"), l, before, after, levels, true);
    diff(e.putArray("a"), l, before, after, levels, false);
    return e;
  }

  /** A {@code @trade} event. */
  static ObjectNode tradeEvent(
      String symbol, long id, BigDecimal price, BigDecimal qty, boolean buyerMaker, long now) {
    ObjectNode e = JSON.objectNode().put("e", "trade").put("E", now).put("s", symbol);
    return e.put("t", id)
        .put("p", plain(price))
        .put("q", plain(qty))
        .put("T", now)
        .put("m", buyerMaker);
  }

  /** {@code GET /fapi/v1/premiumIndex} for one symbol (mark = index = last price). */
  static ObjectNode premiumIndex(FakeListing l, BigDecimal last, long now) {
    ObjectNode o = JSON.objectNode().put("symbol", l.symbol()).put("markPrice", plain8(last));
    o.put("indexPrice", plain8(last)).put("estimatedSettlePrice", plain8(last));
    o.put(
        "lastFundingRate",
        plain8(FakeHistory.fundingRate(l.symbol(), FakeHistory.nextFunding(now))));
    o.put("nextFundingTime", FakeHistory.nextFunding(now)).put("interestRate", "0.00010000");
    return o.put("time", now);
  }

  private static void levels(
      ArrayNode out, FakeListing l, BigDecimal last, int limit, boolean bids) {
    for (int k = 1; k <= Math.min(limit, LEVELS); k++) {
      out.addArray()
          .add(plain(bids ? bid(l, last, k) : ask(l, last, k)))
          .add(plain(levelQty(l, k)));
    }
  }

  private static void diff(
      ArrayNode out, FakeListing l, BigDecimal before, BigDecimal after, int levels, boolean bids) {
    for (int k = 1; k <= levels; k++) {
      BigDecimal old = bids ? bid(l, before, k) : ask(l, before, k);
      BigDecimal distance = (bids ? after.subtract(old) : old.subtract(after)).divide(l.tickSize());
      if (distance.signum() <= 0 || distance.compareTo(BigDecimal.valueOf(levels)) > 0) {
        out.addArray().add(plain(old)).add("0");
      }
    }
    for (int k = 1; k <= levels; k++) {
      out.addArray()
          .add(plain(bids ? bid(l, after, k) : ask(l, after, k)))
          .add(plain(levelQty(l, k)));
    }
  }

  private static BigDecimal bid(FakeListing l, BigDecimal last, int k) {
    return last.subtract(l.tickSize().multiply(BigDecimal.valueOf(k)));
  }

  private static BigDecimal ask(FakeListing l, BigDecimal last, int k) {
    return last.add(l.tickSize().multiply(BigDecimal.valueOf(k)));
  }

  private static BigDecimal levelQty(FakeListing l, int k) {
    return l.stepSize().multiply(BigDecimal.valueOf(1000L * k));
  }
}
