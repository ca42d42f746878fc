package io.perpetua.venue.binance.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The fake venue's matching engine and account: one USDT-M one-way-mode account, a book per symbol
 * driven by traded prices ({@link #trade}, {@link #tradeAt}), market orders filled at the last
 * price (taker), limit orders that cross filled at once (taker; post-only GTX ones expire instead)
 * and resting ones filled at their limit when a later trade reaches them (maker), a reduce-only
 * order never beyond the position (clipped to it, expired when nothing is left), fees, positions,
 * realised PnL and funding. Every change produces the user-data events and market-stream events
 * Binance would send, with the same field names and shapes. Prints are also aggregated into klines
 * ({@link #klines}, {@code kline_<interval>} events, {@link #seedHistory}).
 *
 * <p>Thread-safe (one lock).
 */
public final class FakeExchange {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int HISTORY = 100_000;
  private static final int DEFAULT_LEVERAGE = 20;

  /** Order types Binance moved to the algo-order API ({@code -4120} on the order endpoint). */
  private static final java.util.Set<String> CONDITIONAL =
      java.util.Set.of(
          "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET");

  /** Receives the events the venue publishes. */
  public interface Sink {
    /** A user-data event (ORDER_TRADE_UPDATE, ACCOUNT_UPDATE, ...). */
    void userEvent(ObjectNode event);

    /** A market event on {@code stream} (e.g. {@code btcusdt@aggTrade}). */
    void marketEvent(String stream, ObjectNode event);

    /** False when nobody listens to {@code stream} (costly events are then not built). */
    default boolean listens(String stream) {
      return true;
    }
  }

  private static final class Book {
    final FakeListing listing;
    BigDecimal last;
    long nextAggId = 1;
    long depthUpdateId = 1;
    final Deque<ObjectNode> history = new ArrayDeque<>();

    Book(FakeListing listing) {
      this.listing = listing;
      this.last = listing.initialPrice();
    }
  }

  private static final class Position {
    BigDecimal qty = BigDecimal.ZERO;
    BigDecimal entry = BigDecimal.ZERO;
    BigDecimal realized = BigDecimal.ZERO;
  }

  private final Map<String, Book> books = new LinkedHashMap<>();
  private final Map<String, FakeOrder> byClientId = new HashMap<>();
  private final Map<Long, FakeOrder> byOrderId = new LinkedHashMap<>();
  private final Map<String, Position> positions = new HashMap<>();
  private final Map<String, Integer> leverage = new HashMap<>();
  private final List<ObjectNode> userTrades = new ArrayList<>();
  private final List<ObjectNode> income = new ArrayList<>();
  private long settledAtMs = -1;
  private BigDecimal settledRate = BigDecimal.ZERO;
  private final FakeFaults faults;
  private final LongSupplier clock;
  private final FakeKlines klines = new FakeKlines(List.of(FakeInterval.M1, FakeInterval.H1));
  private long marketTimeMs = Long.MIN_VALUE;
  private BigDecimal wallet;
  private int requestWeightLimit = 2_400;
  private long nextOrderId = 100_000;
  private long nextTradeId = 500_000;
  private long nextTranId = 900_000;
  private Sink sink =
      new Sink() {
        @Override
        public void userEvent(ObjectNode event) {}

        @Override
        public void marketEvent(String stream, ObjectNode event) {}
      };

  /** An exchange listing {@code listings}, with {@code walletBalance} USDT. */
  public FakeExchange(
      List<FakeListing> listings, BigDecimal walletBalance, FakeFaults faults, LongSupplier clock) {
    for (FakeListing l : listings) {
      books.put(l.symbol(), new Book(l));
    }
    this.wallet = walletBalance;
    this.faults = faults;
    this.clock = clock;
  }

  /**
   * Sets the {@code REQUEST_WEIGHT} per minute that {@code exchangeInfo} announces (Binance's 2,400
   * by default). Benchmarks raise it so that thousands of orders a minute are not throttled.
   */
  public synchronized void setRequestWeightLimit(int limit) {
    this.requestWeightLimit = limit;
  }

  /** Sets where events go. */
  public synchronized void setSink(Sink sink) {
    this.sink = sink;
  }

  /** The listings. */
  public synchronized List<FakeListing> listings() {
    return books.values().stream().map(b -> b.listing).toList();
  }

  /** The last traded price of {@code symbol}. */
  public synchronized BigDecimal lastPrice(String symbol) {
    return book(symbol).last;
  }

  /** The id the next aggregate trade of {@code symbol} will get. */
  public synchronized long nextAggregateId(String symbol) {
    return book(symbol).nextAggId;
  }

  /** How many orders the venue holds (any state). */
  public synchronized int orderCount() {
    return byOrderId.size();
  }

  /**
   * A trade print at {@code price}, stamped with the venue clock's now: {@link #tradeAt} at {@code
   * clock now}.
   */
  public synchronized void trade(
      String symbol, BigDecimal price, BigDecimal qty, boolean buyerMaker) {
    tradeAt(symbol, price, qty, buyerMaker, clock.getAsLong());
  }

  /**
   * A trade print at {@code price} stamped with the explicit market time {@code timeMs}: publishes
   * aggTrade, markPrice and bookTicker events (all stamped {@code timeMs}), updates the klines of
   * every aggregated interval (publishing {@code <symbol>@kline_<interval>}: the bar the print
   * closes, if any, then the bar in progress) and fills resting limit orders the price reaches.
   * REST signatures keep using the venue clock, so tests can move market time hour by hour.
   *
   * <p>Kline time never moves backwards: a print stamped before the latest market time seen is
   * booked into the bar of that latest time (its aggTrade keeps {@code timeMs}).
   */
  public synchronized void tradeAt(
      String symbol, BigDecimal price, BigDecimal qty, boolean buyerMaker, long timeMs) {
    Book b = book(symbol);
    long now = timeMs;
    marketTimeMs = Math.max(marketTimeMs, timeMs);
    BigDecimal before = b.last;
    b.last =
        price.setScale(
            Math.max(price.scale(), b.listing.tickSize().scale()), RoundingMode.HALF_EVEN);
    long id = b.nextAggId++;
    ObjectNode rest = JSON.objectNode();
    rest.put("a", id)
        .put("p", plain(b.last))
        .put("q", plain(qty))
        .put("f", id * 3)
        .put("l", id * 3 + 2)
        .put("T", now)
        .put("m", buyerMaker);
    b.history.addLast(rest);
    if (b.history.size() > HISTORY) {
      b.history.removeFirst();
    }
    String lower = symbol.toLowerCase(java.util.Locale.ROOT);
    ObjectNode agg =
        JSON.objectNode().put("e", "aggTrade").put("E", now).put("a", id).put("s", symbol);
    agg.put("p", plain(b.last))
        .put("q", plain(qty))
        .put("f", id * 3)
        .put("l", id * 3 + 2)
        .put("T", now)
        .put("m", buyerMaker)
        .put("st", 1);
    sink.marketEvent(lower + "@aggTrade", agg);
    ObjectNode mark = JSON.objectNode().put("e", "markPriceUpdate").put("E", now).put("s", symbol);
    mark.put("p", plain(b.last))
        .put("i", plain(b.last))
        .put("P", plain(b.last))
        .put("r", "0.00010000")
        .put("T", nextFunding(now))
        .put("st", 1);
    sink.marketEvent(lower + "@markPrice", mark);
    ObjectNode ticker =
        JSON.objectNode()
            .put("e", "bookTicker")
            .put("u", id)
            .put("E", now)
            .put("T", now)
            .put("s", symbol);
    ticker
        .put("b", plain(b.last.subtract(b.listing.tickSize())))
        .put("B", "1.000")
        .put("a", plain(b.last.add(b.listing.tickSize())))
        .put("A", "1.000")
        .put("st", 1)
        .put("ps", symbol);
    sink.marketEvent(lower + "@bookTicker", ticker);
    publishDepthTradeTicker(b, before, id, qty, buyerMaker, now);
    for (FakeKlines.Event e :
        klines.onTrade(symbol, b.last, qty, buyerMaker, id * 3, id * 3 + 2, marketTimeMs)) {
      sink.marketEvent(e.stream(), e.payload());
    }
    for (FakeOrder o : new ArrayList<>(byOrderId.values())) {
      if (o.symbol.equals(symbol) && o.isOpen() && "LIMIT".equals(o.type)) {
        boolean reached =
            o.isBuy() ? b.last.compareTo(o.price) <= 0 : b.last.compareTo(o.price) >= 0;
        if (reached) {
          fill(o, o.price, true, now);
        }
      }
    }
  }

  /** The latest market time of any print (epoch ms; {@code Long.MIN_VALUE} before the first). */
  public synchronized long marketTimeMs() {
    return marketTimeMs;
  }

  /**
   * Sets the kline intervals the venue aggregates (Binance codes; {@code 1m} and {@code 1h} by
   * default). Dropped intervals lose their bars; added ones start empty.
   *
   * @throws IllegalArgumentException for a code {@link FakeInterval} does not know
   */
  public synchronized void setKlineIntervals(List<String> codes) {
    klines.setIntervals(codes.stream().map(FakeInterval::parse).toList());
  }

  /** The aggregated kline intervals. */
  public synchronized List<String> klineIntervals() {
    return klines.intervals().stream().map(FakeInterval::code).toList();
  }

  /**
   * Klines of {@code symbol} ({@code GET /fapi/v1/klines}) in Binance's row format, the bar in
   * progress last (as Binance does).
   *
   * @throws FakeReject {@code -1121} for an unknown symbol, {@code -1120} for an interval the venue
   *     does not aggregate, {@code -1130} for a limit outside 1..1500, {@code -1023} when the start
   *     is after the end
   */
  public synchronized ArrayNode klines(
      String symbol, String interval, Long startMs, Long endMs, int limit) {
    book(symbol);
    FakeInterval i =
        FakeInterval.of(interval == null ? "" : interval)
            .filter(klines::aggregates)
            .orElseThrow(() -> new FakeReject(400, -1120, "Invalid interval."));
    if (limit < 1 || limit > 1500) {
      throw new FakeReject(400, -1130, "Data sent for parameter 'limit' is not valid.");
    }
    if (startMs != null && endMs != null && startMs > endMs) {
      throw new FakeReject(400, -1023, "Start time is greater than end time.");
    }
    return klines.rows(symbol, i, startMs, endMs, limit);
  }

  /**
   * Writes a seeded random-walk history of {@code bars} closed {@code interval} bars for every
   * listing, ending just before the current bar (the one holding the latest market time, or the
   * venue clock's now if later) and closing at each symbol's last price, so that a fresh venue has
   * history to backfill from. Existing bars are kept; the interval is aggregated from now on.
   *
   * @param seed random-walk seed (deterministic per seed, symbol and current bar)
   * @return the open time of the current bar (the first bar after the history)
   * @throws IllegalArgumentException for an unknown interval or more than 5,000 bars
   */
  public synchronized long seedHistory(String interval, int bars, long seed) {
    FakeInterval i = FakeInterval.parse(interval);
    if (bars < 0 || bars > FakeKlines.RETAINED) {
      throw new IllegalArgumentException("bars must be 0.." + FakeKlines.RETAINED + ": " + bars);
    }
    long current = i.openTime(Math.max(marketTimeMs, clock.getAsLong()));
    for (Book b : books.values()) {
      klines.seed(
          b.listing,
          i,
          bars,
          current,
          b.last,
          new SplittableRandom(seed * 1_000_003L + b.listing.symbol().hashCode()));
    }
    return current;
  }

  /** Aggregate trades of {@code symbol} from {@code fromId} ({@code GET /fapi/v1/aggTrades}). */
  public synchronized ArrayNode aggTrades(String symbol, long fromId, int limit) {
    return aggTrades(symbol, fromId, null, null, limit);
  }

  /**
   * Aggregate trades ({@code GET /fapi/v1/aggTrades}) by Binance's rule: from {@code fromId}, or in
   * {@code [startTime, endTime]} (at most one hour), else the most recent; oldest first.
   */
  public synchronized ArrayNode aggTrades(
      String symbol, Long fromId, Long startMs, Long endMs, int limit) {
    FakeQueries.checkWindow(startMs, endMs, 3_600_000L, "1 hours");
    return FakeQueries.page(book(symbol).history, "a", "T", fromId, startMs, endMs, limit);
  }

  /** Places an order ({@code POST /fapi/v1/order}); returns the order object. */
  public synchronized ObjectNode newOrder(Map<String, String> p) {
    String symbol = required(p, "symbol");
    Book b = books.get(symbol);
    if (b == null) {
      throw new FakeReject(400, -1121, "Invalid symbol.");
    }
    FakeFaults.Rejection r = faults.takeRejection();
    if (r != null) {
      throw new FakeReject(400, r.code(), r.message());
    }
    String cid = p.getOrDefault("newClientOrderId", "x-" + nextOrderId);
    FakeOrder same = byClientId.get(symbol + "|" + cid);
    if (same != null && same.isOpen()) {
      // Binance: a client order id must be unique among the OPEN orders only
      throw new FakeReject(400, -4116, "ClientOrderId is duplicated.");
    }
    String side = required(p, "side");
    String type = required(p, "type");
    if (CONDITIONAL.contains(type)) {
      throw new FakeReject(
          400,
          -4120,
          "Order type not supported for this endpoint. Please use the Algo Order API endpoints"
              + " instead.");
    }
    BigDecimal qty = decimal(p, "quantity");
    FakeListing l = b.listing;
    if (qty.signum() <= 0) {
      throw new FakeReject(400, -4003, "Quantity less than or equal to zero.");
    }
    if (qty.remainder(l.stepSize()).signum() != 0) {
      throw new FakeReject(400, -1111, "Precision is over the maximum defined for this asset.");
    }
    BigDecimal price = null;
    String tif = null;
    if ("LIMIT".equals(type)) {
      price = decimal(p, "price");
      tif = p.getOrDefault("timeInForce", "GTC");
      if (price.signum() <= 0 || price.remainder(l.tickSize()).signum() != 0) {
        throw new FakeReject(400, -4014, "Price not increased by tick size.");
      }
    } else if (!"MARKET".equals(type)) {
      throw new FakeReject(400, -1116, "Invalid orderType.");
    }
    boolean reduceOnly = "true".equalsIgnoreCase(p.get("reduceOnly"));
    BigDecimal notional = qty.multiply(price == null ? b.last : price);
    if (!reduceOnly && notional.compareTo(l.minNotional()) < 0) {
      throw new FakeReject(
          400,
          -4164,
          "Order's notional must be no smaller than "
              + plain(l.minNotional())
              + " (unless you choose reduce only).");
    }
    if (reduceOnly) {
      BigDecimal pos = position(symbol).qty;
      boolean reduces = "BUY".equals(side) ? pos.signum() < 0 : pos.signum() > 0;
      if (!reduces || qty.compareTo(pos.abs()) > 0) {
        throw new FakeReject(400, -2022, "ReduceOnly Order is rejected.");
      }
    }
    if ("GTX".equals(tif)
        && (("BUY".equals(side) && price.compareTo(b.last) >= 0)
            || ("SELL".equals(side) && price.compareTo(b.last) <= 0))) {
      throw new FakeReject(
          400,
          -5022,
          "Due to the order could not be executed as maker, the Post Only order will be rejected."
              + " The order will not be recorded in the order history");
    }
    long now = clock.getAsLong();
    FakeOrder o =
        new FakeOrder(nextOrderId++, symbol, cid, side, type, tif, price, qty, reduceOnly, now);
    byClientId.put(symbol + "|" + cid, o);
    byOrderId.put(o.orderId, o);
    orderEvent(o, "NEW", now, null);
    if ("MARKET".equals(type)) {
      while (o.isOpen()) {
        fill(o, b.last, false, now);
      }
    } else {
      boolean crosses = o.isBuy() ? price.compareTo(b.last) >= 0 : price.compareTo(b.last) <= 0;
      if (crosses) {
        while (o.isOpen()) {
          fill(o, b.last, false, now);
        }
      } else if ("IOC".equals(tif) || "FOK".equals(tif)) {
        expire(o, now);
      }
    }
    return orderJson(o);
  }

  /** Looks an order up by {@code origClientOrderId} or {@code orderId}. */
  public synchronized ObjectNode queryOrder(Map<String, String> p) {
    return orderJson(find(p, -2013, "Order does not exist."));
  }

  /** Cancels an open order. */
  public synchronized ObjectNode cancelOrder(Map<String, String> p) {
    FakeOrder o = find(p, -2011, "Unknown order sent.");
    if (!o.isOpen()) {
      throw new FakeReject(400, -2011, "Unknown order sent.");
    }
    long now = clock.getAsLong();
    o.status = "CANCELED";
    o.updateTime = now;
    orderEvent(o, "CANCELED", now, null);
    return orderJson(o);
  }

  /** Every order the venue holds, in any state, oldest first (tests and the CLI's summary). */
  public synchronized ArrayNode allOrders() {
    ArrayNode out = JSON.arrayNode();
    byOrderId.values().forEach(o -> out.add(orderJson(o)));
    return out;
  }

  /**
   * Orders of {@code symbol} in any state ({@code GET /fapi/v1/allOrders}): from {@code orderId},
   * in {@code [startTime, endTime]} (at most 7 days), else the most recent; oldest first.
   */
  public synchronized ArrayNode allOrders(
      String symbol, Long orderId, Long startMs, Long endMs, int limit) {
    book(symbol);
    FakeQueries.checkWindow(startMs, endMs, 7 * 24 * 3_600_000L, "7 days");
    List<ObjectNode> rows = new ArrayList<>();
    for (FakeOrder o : byOrderId.values()) {
      if (o.symbol.equals(symbol)) {
        rows.add(orderJson(o));
      }
    }
    return FakeQueries.page(rows, "orderId", "time", orderId, startMs, endMs, limit);
  }

  /** Cancels every open order of {@code symbol} ({@code DELETE /fapi/v1/allOpenOrders}). */
  public synchronized ObjectNode cancelAll(String symbol) {
    book(symbol);
    long now = clock.getAsLong();
    for (FakeOrder o : byOrderId.values()) {
      if (o.isOpen() && o.symbol.equals(symbol)) {
        o.status = "CANCELED";
        o.updateTime = now;
        orderEvent(o, "CANCELED", now, null);
      }
    }
    return JSON.objectNode()
        .put("code", 200)
        .put("msg", "The operation of cancel all open order is done.");
  }

  /** Open orders of {@code symbol} (all symbols when null). */
  public synchronized ArrayNode openOrders(String symbol) {
    ArrayNode out = JSON.arrayNode();
    for (FakeOrder o : byOrderId.values()) {
      if (o.isOpen() && (symbol == null || symbol.equals(o.symbol))) {
        out.add(orderJson(o));
      }
    }
    return out;
  }

  /**
   * Our trades of {@code symbol} ({@code GET /fapi/v1/userTrades}): of one order, from {@code
   * fromId}, in {@code [startTime, endTime]} (at most 7 days), else the most recent; oldest first.
   */
  public synchronized ArrayNode userTrades(
      String symbol, Long orderId, Long fromId, Long startMs, Long endMs, int limit) {
    book(symbol);
    FakeQueries.checkWindow(startMs, endMs, 7 * 24 * 3_600_000L, "7 days");
    List<ObjectNode> mine = new ArrayList<>();
    for (ObjectNode t : userTrades) {
      if (t.get("symbol").asText().equals(symbol)
          && (orderId == null || t.get("orderId").asLong() == orderId)) {
        mine.add(t);
      }
    }
    return FakeQueries.page(mine, "id", "time", fromId, startMs, endMs, limit);
  }

  /** Our trades of {@code symbol} (one order when {@code orderId} is not null), all of them. */
  public synchronized ArrayNode userTrades(String symbol, Long orderId) {
    ArrayNode out = JSON.arrayNode();
    for (ObjectNode t : userTrades) {
      if (t.get("symbol").asText().equals(symbol)
          && (orderId == null || t.get("orderId").asLong() == orderId)) {
        out.add(t.deepCopy());
      }
    }
    return out;
  }

  /** Income history, optionally of one type. */
  public synchronized ArrayNode income(String incomeType) {
    ArrayNode out = JSON.arrayNode();
    for (ObjectNode i : income) {
      if (incomeType == null || incomeType.equals(i.get("incomeType").asText())) {
        out.add(i.deepCopy());
      }
    }
    return out;
  }

  /** Settles funding at {@code rate} on every open position (payment = −qty × price × rate). */
  public synchronized void settleFunding(BigDecimal rate) {
    long now = clock.getAsLong();
    settledAtMs = now;
    settledRate = rate;
    for (Map.Entry<String, Position> e : positions.entrySet()) {
      Position pos = e.getValue();
      if (pos.qty.signum() == 0) {
        continue;
      }
      BigDecimal payment =
          pos.qty
              .multiply(book(e.getKey()).last)
              .multiply(rate)
              .negate()
              .setScale(8, RoundingMode.HALF_EVEN);
      wallet = wallet.add(payment);
      ObjectNode i =
          JSON.objectNode()
              .put("symbol", e.getKey())
              .put("incomeType", "FUNDING_FEE")
              .put("income", plain(payment));
      i.put("asset", "USDT")
          .put("info", "FUNDING_FEE")
          .put("time", now)
          .put("tranId", nextTranId++)
          .put("tradeId", "");
      income.add(i);
      accountEvent("FUNDING_FEE", e.getKey(), payment, now);
    }
  }

  /** The latest {@link #settleFunding} as (time, rate), with or without positions; null before. */
  public synchronized Map.Entry<Long, BigDecimal> lastSettlement() {
    return settledAtMs < 0 ? null : Map.entry(settledAtMs, settledRate);
  }

  /** The account ({@code GET /fapi/v2/account}), margins from positions and open orders. */
  public synchronized ObjectNode account() {
    return FakeAccountViews.accountV2(margin(), clock.getAsLong());
  }

  /** The account ({@code GET /fapi/v3/account}). */
  public synchronized ObjectNode accountV3() {
    return FakeAccountViews.accountV3(margin(), clock.getAsLong());
  }

  /** Balances ({@code GET /fapi/v2/balance}). */
  public synchronized ArrayNode balances() {
    return FakeAccountViews.balances(margin(), clock.getAsLong());
  }

  /** Positions ({@code GET /fapi/v2/positionRisk}). */
  public synchronized ArrayNode positionRisk() {
    return FakeAccountViews.positionRiskV2(margin(), clock.getAsLong());
  }

  /** Positions with a size or open orders ({@code GET /fapi/v3/positionRisk}). */
  public synchronized ArrayNode positionRiskV3(String symbol) {
    return FakeAccountViews.positionRiskV3(margin(), symbol, clock.getAsLong());
  }

  /**
   * Sets {@code symbol}'s leverage ({@code POST /fapi/v1/leverage}).
   *
   * @throws FakeReject {@code -4028} outside 1..125
   */
  public synchronized ObjectNode setLeverage(String symbol, int value) {
    book(symbol);
    if (value < 1 || value > FakeMargin.BRACKETS.get(0).maxLeverage()) {
      throw new FakeReject(400, -4028, "Leverage " + value + " is not valid");
    }
    leverage.put(symbol, value);
    return JSON.objectNode()
        .put("leverage", value)
        .put("maxNotionalValue", FakeAccountViews.maxNotional(value))
        .put("symbol", symbol);
  }

  /** {@code symbol}'s leverage (20 until set). */
  public synchronized int leverage(String symbol) {
    return leverage.getOrDefault(symbol, DEFAULT_LEVERAGE);
  }

  private FakeMargin margin() {
    List<FakeMargin.Line> lines = new ArrayList<>();
    for (Book b : books.values()) {
      String symbol = b.listing.symbol();
      BigDecimal bids = BigDecimal.ZERO;
      BigDecimal asks = BigDecimal.ZERO;
      for (FakeOrder o : byOrderId.values()) {
        if (o.isOpen() && o.symbol.equals(symbol) && o.price != null) {
          BigDecimal n = o.remaining().multiply(o.price);
          bids = o.isBuy() ? bids.add(n) : bids;
          asks = o.isBuy() ? asks : asks.add(n);
        }
      }
      Position pos = position(symbol);
      lines.add(
          new FakeMargin.Line(b.listing, pos.qty, pos.entry, b.last, leverage(symbol), bids, asks));
    }
    return new FakeMargin(lines, wallet);
  }

  /** {@code GET /fapi/v1/ticker/24hr} for {@code symbol}. */
  public synchronized ObjectNode ticker24h(String symbol) {
    Book b = book(symbol);
    return FakeMarketViews.ticker24h(b.listing, b.last, b.history, clock.getAsLong());
  }

  /** {@code GET /fapi/v1/ticker/bookTicker} for {@code symbol}. */
  public synchronized ObjectNode bookTicker(String symbol) {
    Book b = book(symbol);
    return FakeMarketViews.bookTicker(b.listing, b.last, clock.getAsLong());
  }

  /** {@code GET /fapi/v1/depth} for {@code symbol}. */
  public synchronized ObjectNode depth(String symbol, int limit) {
    Book b = book(symbol);
    return FakeMarketViews.depth(b.listing, b.last, b.depthUpdateId, limit, clock.getAsLong());
  }

  /** {@code GET /fapi/v1/premiumIndex} for {@code symbol}. */
  public synchronized ObjectNode premiumIndex(String symbol) {
    Book b = book(symbol);
    return FakeMarketViews.premiumIndex(b.listing, b.last, clock.getAsLong());
  }

  /** {@code GET /fapi/v1/fundingRate} for {@code symbol}. */
  public synchronized ArrayNode fundingRates(String symbol, Long startMs, Long endMs, int limit) {
    book(symbol);
    return FakeHistory.fundingRates(symbol, startMs, endMs, limit, clock.getAsLong());
  }

  /** {@code GET /fapi/v1/openInterest} for {@code symbol}. */
  public synchronized ObjectNode openInterest(String symbol) {
    Book b = book(symbol);
    long now = clock.getAsLong();
    return JSON.objectNode()
        .put("openInterest", plain(FakeHistory.openInterest(b.listing, now)))
        .put("symbol", symbol)
        .put("time", now);
  }

  /** {@code GET /futures/data/openInterestHist} for {@code symbol}. */
  public synchronized ArrayNode openInterestHistory(
      String symbol, long periodMs, Long startMs, Long endMs, int limit) {
    Book b = book(symbol);
    return FakeHistory.openInterestHistory(
        b.listing, b.last, periodMs, startMs, endMs, limit, clock.getAsLong());
  }

  /**
   * {@code GET /futures/data/globalLongShortAccountRatio} ({@code top} false) or {@code
   * topLongShortPositionRatio} (true) for {@code symbol}.
   */
  public synchronized ArrayNode longShortRatios(
      String symbol, boolean top, long periodMs, Long startMs, Long endMs, int limit) {
    Book b = book(symbol);
    return FakeHistory.longShortRatios(
        b.listing, top, periodMs, startMs, endMs, limit, clock.getAsLong());
  }

  /** {@code GET /fapi/v1/commissionRate} for {@code symbol}. */
  public synchronized ObjectNode commissionRate(String symbol) {
    FakeListing l = book(symbol).listing;
    return JSON.objectNode()
        .put("symbol", symbol)
        .put("makerCommissionRate", plain(l.makerFee()))
        .put("takerCommissionRate", plain(l.takerFee()));
  }

  /** The listing of {@code symbol}; {@code -1121} when unknown. */
  public synchronized FakeListing listing(String symbol) {
    return book(symbol).listing;
  }

  private void publishDepthTradeTicker(
      Book b, BigDecimal before, long id, BigDecimal qty, boolean buyerMaker, long now) {
    String lower = b.listing.symbol().toLowerCase(java.util.Locale.ROOT);
    b.depthUpdateId++;
    sink.marketEvent(
        lower + "@trade",
        FakeMarketViews.tradeEvent(b.listing.symbol(), id, b.last, qty, buyerMaker, now));
    if (sink.listens(lower + "@depth")) {
      sink.marketEvent(
          lower + "@depth",
          FakeMarketViews.depthEvent(
              b.listing, before, b.last, b.depthUpdateId, FakeMarketViews.LEVELS, now));
    }
    for (int levels : new int[] {5, 10, 20}) {
      if (sink.listens(lower + "@depth" + levels)) {
        sink.marketEvent(
            lower + "@depth" + levels,
            FakeMarketViews.depthEvent(b.listing, before, b.last, b.depthUpdateId, levels, now));
      }
    }
    boolean ticker = sink.listens(lower + "@ticker");
    boolean mini = sink.listens(lower + "@miniTicker");
    if (ticker || mini) {
      ObjectNode t = FakeMarketViews.ticker24h(b.listing, b.last, b.history, now);
      if (ticker) {
        sink.marketEvent(lower + "@ticker", FakeMarketViews.tickerEvent(t, now));
      }
      if (mini) {
        sink.marketEvent(lower + "@miniTicker", FakeMarketViews.miniTickerEvent(t, now));
      }
    }
  }

  /** The exchange rules ({@code GET /fapi/v1/exchangeInfo}). */
  public synchronized ObjectNode exchangeInfo() {
    return FakeJson.exchangeInfo(listings(), requestWeightLimit, clock.getAsLong());
  }

  private void fill(FakeOrder o, BigDecimal price, boolean maker, long now) {
    Book b = book(o.symbol);
    BigDecimal qty = o.reduceOnly ? o.remaining().min(reducible(o)) : o.remaining();
    if (qty.signum() <= 0) {
      expire(o, now); // reduce-only with nothing left to reduce: it never opens or flips
      return;
    }
    if (faults.takePartialFill()) {
      BigDecimal half =
          qty.divide(
              BigDecimal.valueOf(2),
              Math.max(qty.scale(), b.listing.stepSize().scale()),
              RoundingMode.DOWN);
      half = half.subtract(half.remainder(b.listing.stepSize()));
      if (half.signum() > 0) {
        qty = half;
      }
    }
    o.executedQty = o.executedQty.add(qty);
    o.cumQuote = o.cumQuote.add(qty.multiply(price));
    o.status = o.remaining().signum() == 0 ? "FILLED" : "PARTIALLY_FILLED";
    o.updateTime = now;
    BigDecimal fee =
        qty.multiply(price)
            .multiply(maker ? b.listing.makerFee() : b.listing.takerFee())
            .setScale(8, RoundingMode.HALF_EVEN);
    BigDecimal realized = applyToPosition(o.symbol, o.isBuy() ? qty : qty.negate(), price);
    wallet = wallet.add(realized).subtract(fee);
    long tradeId = nextTradeId++;
    ObjectNode t =
        JSON.objectNode()
            .put("symbol", o.symbol)
            .put("id", tradeId)
            .put("orderId", o.orderId)
            .put("side", o.side);
    t.put("price", plain(price))
        .put("qty", plain(qty))
        .put("realizedPnl", plain8(realized))
        .put("marginAsset", "USDT");
    t.put("quoteQty", plain(qty.multiply(price)))
        .put("commission", plain8(fee))
        .put("commissionAsset", "USDT")
        .put("time", now);
    t.put("positionSide", "BOTH").put("buyer", o.isBuy()).put("maker", maker);
    userTrades.add(t);
    ObjectNode fillInfo =
        JSON.objectNode()
            .put("l", plain(qty))
            .put("L", plain(price))
            .put("n", plain8(fee))
            .put("t", tradeId);
    fillInfo.put("m", maker).put("rp", plain8(realized));
    orderEvent(o, "TRADE", now, fillInfo);
    accountEvent("ORDER", o.symbol, BigDecimal.ZERO, now);
  }

  /**
   * What reduce-only {@code o} may still close: the position against its side (zero when flat or on
   * its side). Binance checks it at placement ({@code -2022}) and again when the order executes.
   */
  private BigDecimal reducible(FakeOrder o) {
    BigDecimal pos = position(o.symbol).qty;
    boolean against = o.isBuy() ? pos.signum() < 0 : pos.signum() > 0;
    return against ? pos.abs() : BigDecimal.ZERO;
  }

  private void expire(FakeOrder o, long now) {
    o.status = "EXPIRED";
    o.updateTime = now;
    orderEvent(o, "EXPIRED", now, null);
  }

  private BigDecimal applyToPosition(String symbol, BigDecimal signedQty, BigDecimal price) {
    Position pos = position(symbol);
    BigDecimal realized = BigDecimal.ZERO;
    if (pos.qty.signum() == 0 || pos.qty.signum() == signedQty.signum()) {
      BigDecimal total = pos.qty.add(signedQty);
      pos.entry =
          pos.qty
              .multiply(pos.entry)
              .add(signedQty.multiply(price))
              .divide(total, 8, RoundingMode.HALF_EVEN)
              .stripTrailingZeros();
      pos.qty = total;
    } else {
      BigDecimal closing = signedQty.abs().min(pos.qty.abs());
      realized =
          closing
              .multiply(price.subtract(pos.entry))
              .multiply(BigDecimal.valueOf(pos.qty.signum()));
      pos.qty = pos.qty.add(signedQty);
      if (pos.qty.signum() == 0) {
        pos.entry = BigDecimal.ZERO;
      } else if (pos.qty.signum() == signedQty.signum()) {
        pos.entry = price;
      }
    }
    pos.realized = pos.realized.add(realized);
    return realized;
  }

  private void orderEvent(FakeOrder o, String execution, long now, ObjectNode fillInfo) {
    sink.userEvent(FakeJson.orderTradeUpdate(o, execution, now, fillInfo));
  }

  private void accountEvent(String reason, String symbol, BigDecimal balanceChange, long now) {
    Position pos = position(symbol);
    BigDecimal upnl = pos.qty.multiply(book(symbol).last.subtract(pos.entry));
    sink.userEvent(
        FakeJson.accountUpdate(
            reason,
            now,
            plain8(wallet),
            plain8(balanceChange),
            symbol,
            plain(pos.qty),
            plain(pos.entry),
            plain8(pos.realized),
            plain8(upnl)));
  }

  private FakeOrder find(Map<String, String> p, int code, String message) {
    String symbol = required(p, "symbol");
    FakeOrder o = null;
    if (p.containsKey("origClientOrderId")) {
      o = byClientId.get(symbol + "|" + p.get("origClientOrderId"));
    } else if (p.containsKey("orderId")) {
      o = byOrderId.get(Long.parseLong(p.get("orderId")));
    }
    if (o == null || !o.symbol.equals(symbol)) {
      throw new FakeReject(400, code, message);
    }
    return o;
  }

  private BigDecimal unrealized() {
    BigDecimal sum = BigDecimal.ZERO;
    for (Map.Entry<String, Position> e : positions.entrySet()) {
      sum = sum.add(e.getValue().qty.multiply(book(e.getKey()).last.subtract(e.getValue().entry)));
    }
    return sum;
  }

  private Position position(String symbol) {
    return positions.computeIfAbsent(symbol, k -> new Position());
  }

  private Book book(String symbol) {
    Book b = books.get(symbol);
    if (b == null) {
      throw new FakeReject(400, -1121, "Invalid symbol.");
    }
    return b;
  }

  private static long nextFunding(long now) {
    long period = 8 * 3_600_000L;
    return (now / period + 1) * period;
  }

  private static String required(Map<String, String> p, String name) {
    return required(name, p.get(name));
  }

  /** {@code v}, the value of the mandatory parameter {@code name}; -1102 when absent or blank. */
  static String required(String name, String v) {
    if (v == null || v.isBlank()) {
      throw new FakeReject(
          400,
          -1102,
          "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
    }
    return v;
  }

  private static BigDecimal decimal(Map<String, String> p, String name) {
    try {
      return new BigDecimal(required(p, name));
    } catch (NumberFormatException e) {
      throw new FakeReject(400, -1100, "Illegal characters found in parameter '" + name + "'.");
    }
  }

  static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  static String plain8(BigDecimal v) {
    return v.setScale(8, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static ObjectNode orderJson(FakeOrder o) {
    return FakeJson.order(o);
  }
}
