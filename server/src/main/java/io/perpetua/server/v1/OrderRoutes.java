package io.perpetua.server.v1;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.TradingHistory;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Spec 000 §3.3, the order audit: {@code GET /api/v1/orders/history}, {@code
 * /orders/rebalance-history}, {@code /orders/trades} and {@code /account/open-orders}, read from
 * the journal (times are kernel times: replay time in paper trading). Thread-safe.
 */
public final class OrderRoutes implements RouteGroup {
  private static final String TAG = "Orders";

  static final Param<String> SYMBOL =
      Symbols.param("Only this symbol, e.g. BTC/USDT:USDT or BTCUSDT.");
  static final Param<String> SIDE =
      Param.oneOf("side", "buy", "sell").description("Only this side.");
  static final Param<Integer> ORDER_PAGE_SIZE = Paging.pageSize(50);
  static final Param<Integer> TRADE_PAGE_SIZE = Paging.pageSize(100);
  static final Param<Integer> REBALANCE_PAGE_SIZE = Paging.pageSize(50);

  private final Supplier<TradingHistory> journal;

  /** Routes over the journal's history; it may supply null while starting (503 then). */
  public OrderRoutes(Supplier<TradingHistory> journal) {
    this.journal = Objects.requireNonNull(journal, "journal");
  }

  private TradingHistory history() {
    return Ready.get(journal, "journal");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/orders/history")
            .tag(TAG)
            .summary("Order history")
            .description(
                "Every order the platform decided (also those the risk engine rejected: status"
                    + " rejected, reject_reason names the rule), newest first, paginated.")
            .param(Paging.PAGE)
            .param(ORDER_PAGE_SIZE)
            .param(SYMBOL)
            .param(SIDE)
            .param(Paging.START_DATE)
            .param(Paging.END_DATE)
            .response(OrderList.class, Examples.load("orders-history.json"))
            .handle(this::orders),
        Route.get("/api/v1/orders/rebalance-history")
            .tag(TAG)
            .summary("Rebalance history")
            .description("Every completed rebalance, newest first, paginated.")
            .param(Paging.PAGE)
            .param(REBALANCE_PAGE_SIZE)
            .param(Paging.START_DATE)
            .param(Paging.END_DATE)
            .response(RebalanceList.class, Examples.load("rebalance-history.json"))
            .handle(this::rebalances),
        Route.get("/api/v1/orders/trades")
            .tag(TAG)
            .summary("Trades (fills)")
            .description("Every fill, newest first, paginated.")
            .param(Paging.PAGE)
            .param(TRADE_PAGE_SIZE)
            .param(SYMBOL)
            .param(SIDE)
            .param(Paging.START_DATE)
            .param(Paging.END_DATE)
            .response(TradeList.class, Examples.load("orders-trades.json"))
            .handle(this::trades),
        Route.get("/api/v1/account/open-orders")
            .tag(TAG)
            .summary("Open orders")
            .description("Orders not yet filled, cancelled or rejected, newest first.")
            .response(OpenOrders.class, Examples.load("open-orders.json"))
            .handle(r -> openOrders()));
  }

  private TradingHistory.Query query(ApiRequest request, Param<Integer> pageSize) {
    boolean filters = pageSize != REBALANCE_PAGE_SIZE; // rebalances have no symbol or side
    InstrumentId symbol =
        !filters ? null : request.param(SYMBOL).map(s -> Symbols.parse("symbol", s)).orElse(null);
    OrderSide side = filters ? request.param(SIDE).map(OrderSide::parse).orElse(null) : null;
    return new TradingHistory.Query(
        symbol,
        side,
        Paging.fromMs(request),
        Paging.toMs(request),
        request.value(Paging.PAGE),
        request.value(pageSize));
  }

  private OrderList orders(ApiRequest request) {
    TradingHistory.Query q = query(request, ORDER_PAGE_SIZE);
    TradingHistory.Page<OrderRecord> page = history().orders(q);
    return new OrderList(
        page.items().stream().map(OrderRoutes::order).toList(),
        Paging.Pagination.of(q.page(), q.pageSize(), page.totalItems()));
  }

  static OrderItem order(OrderRecord r) {
    var o = r.order();
    double filled = r.filledQuantity().toDouble();
    double avg = filled > 0 ? r.averageFillPrice().toDouble() : Double.NaN;
    return new OrderItem(
        o.clientOrderId().value(),
        o.instrument().apiSymbol(),
        o.side().code(),
        o.type().code(),
        o.quantity().toDouble(),
        filled,
        o.limitPrice() == null ? Double.NaN : o.limitPrice().toDouble(),
        avg,
        filled * r.averageFillPrice().toDouble(),
        r.fee().toDouble(),
        r.status().code(),
        o.reduceOnly(),
        o.strategy().value(),
        o.rebalanceId() == null ? null : o.rebalanceId().value(),
        r.rejectReason(),
        r.dryRun(),
        Instant.ofEpochMilli(o.createdAtMs()),
        r.status() == OrderStatus.FILLED ? Instant.ofEpochMilli(r.updatedAtMs()) : null);
  }

  private RebalanceList rebalances(ApiRequest request) {
    TradingHistory.Query q = query(request, REBALANCE_PAGE_SIZE);
    TradingHistory.Page<RebalanceCompleted> page = history().rebalances(q);
    List<RebalanceItem> items =
        page.items().stream()
            .map(
                r ->
                    new RebalanceItem(
                        r.rebalanceId().value(),
                        r.strategy().value(),
                        Instant.ofEpochMilli(r.startedAtMs()),
                        r.trigger(),
                        r.ordersTotal(),
                        r.ordersFilled(),
                        r.ordersFailed(),
                        r.turnover(),
                        r.feeTotal().toDouble(),
                        r.longSymbols(),
                        r.shortSymbols(),
                        r.executionTimeMs(),
                        r.dryRun()))
            .toList();
    return new RebalanceList(
        items, Paging.Pagination.of(q.page(), q.pageSize(), page.totalItems()));
  }

  private TradeList trades(ApiRequest request) {
    TradingHistory.Query q = query(request, TRADE_PAGE_SIZE);
    TradingHistory.Page<Fill> page = history().fills(q);
    List<TradeItem> items =
        page.items().stream()
            .map(
                f ->
                    new TradeItem(
                        f.tradeId().value(),
                        f.clientOrderId().value(),
                        f.instrument().apiSymbol(),
                        f.side().code(),
                        f.quantity().toDouble(),
                        f.price().toDouble(),
                        f.notional().toDouble(),
                        f.fee().toDouble(),
                        f.fee().toDouble(),
                        "USDT",
                        f.liquidity().code(),
                        Instant.ofEpochMilli(f.timeMs())))
            .toList();
    return new TradeList(items, Paging.Pagination.of(q.page(), q.pageSize(), page.totalItems()));
  }

  private OpenOrders openOrders() {
    List<OrderRecord> open = history().openOrders();
    return new OpenOrders(open.stream().map(OrderRoutes::order).toList(), open.size());
  }

  /** Orders page. */
  record OrderList(List<OrderItem> items, Paging.Pagination pagination) {}

  /** One order. */
  record OrderItem(
      @Doc("Client order id (deterministic per decision)") String orderId,
      @Doc("Symbol") String symbol,
      @Doc(
              value = "Side",
              allowed = {"buy", "sell"})
          String side,
      @Doc(
              value = "Type",
              allowed = {"market", "limit"})
          String type,
      @Decimals(Decimals.PRICE) @Doc("Ordered quantity") double amount,
      @Decimals(Decimals.PRICE) @Doc("Filled quantity") double filledAmount,
      @Nullable @Decimals(Decimals.PRICE) @Doc("Limit price (null for market)") double price,
      @Nullable @Decimals(Decimals.PRICE) @Doc("Average fill price") double avgFillPrice,
      @Decimals(Decimals.MONEY) @Doc("Filled notional, USDT") double cost,
      @Decimals(Decimals.MONEY) @Doc("Fees paid, USDT (2 dp; exact per fill: trades' fee_exact)")
          double fee,
      @Doc(
              value = "Status",
              allowed = {"pending", "open", "partially_filled", "filled", "cancelled", "rejected"})
          String status,
      @Doc("Reduce-only") boolean reduceOnly,
      @Doc("Strategy") String strategyName,
      @Nullable @Doc("Rebalance it belongs to") String rebalanceId,
      @Nullable @Doc("Why rejected: '<rule>: <reason>'") String rejectReason,
      @Doc("True when no real venue was involved") boolean dryRun,
      @Doc("Decision time") Instant createdAt,
      @Nullable @Doc("When completely filled") Instant filledAt) {}

  /** Rebalances page. */
  record RebalanceList(List<RebalanceItem> rebalances, Paging.Pagination pagination) {}

  /** One rebalance. */
  record RebalanceItem(
      @Doc("Rebalance id") String rebalanceId,
      @Doc("Strategy") String strategyName,
      @Doc("When it started") Instant timestamp,
      @Doc("What triggered it (cron, liquidation, daily_loss, holding_time)") String trigger,
      @Doc("Orders planned") int ordersTotal,
      @Doc("Orders filled") int ordersFilled,
      @Doc("Orders rejected or cancelled") int ordersFailed,
      @Decimals(Decimals.WEIGHT) @Doc("Traded notional / equity") double turnover,
      @Decimals(Decimals.MONEY) @Doc("Fees, USDT (2 dp; exact per fill: trades' fee_exact)")
          double feeTotal,
      @Doc("Long positions after") int longSymbols,
      @Doc("Short positions after") int shortSymbols,
      @Doc(
              "Wall-clock ms from its start to its last fill (measured by the process, not the"
                  + " replay clock)")
          long executionTimeMs,
      @Doc("True when its orders went to a simulated venue") boolean dryRun) {}

  /** Trades page. */
  record TradeList(List<TradeItem> items, Paging.Pagination pagination) {}

  /** One fill. */
  record TradeItem(
      @Doc("Trade id") String tradeId,
      @Doc("Client order id") String orderId,
      @Doc("Symbol") String symbol,
      @Doc(
              value = "Side",
              allowed = {"buy", "sell"})
          String side,
      @Decimals(Decimals.PRICE) @Doc("Quantity") double amount,
      @Decimals(Decimals.PRICE) @Doc("Price") double price,
      @Decimals(Decimals.MONEY) @Doc("Notional, USDT") double cost,
      @Decimals(Decimals.MONEY) @Doc("Fee, USDT (money: 2 dp)") double fee,
      @Decimals(Decimals.PRICE)
          @Doc("The same fee unrounded (8 dp), so that fees add up exactly; an addition")
          double feeExact,
      @Doc("Fee currency") String feeCurrency,
      @Doc(
              value = "Maker or taker",
              allowed = {"maker", "taker"})
          String liquidity,
      @Doc("Fill time") Instant timestamp) {}

  /** Response of {@code GET /api/v1/account/open-orders}. */
  record OpenOrders(List<OrderItem> orders, @Doc("Number of open orders") int totalOpenOrders) {}
}
