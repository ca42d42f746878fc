package io.perpetua.server.v1.flow;

import static io.perpetua.server.v1.flow.FlowSupport.STRATEGY_ID;
import static io.perpetua.server.v1.flow.FlowSupport.SYMBOL;
import static io.perpetua.server.v1.flow.FlowSupport.TAG;
import static io.perpetua.server.v1.flow.FlowSupport.example;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.WireCode;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.server.v1.Paging;
import io.perpetua.server.v1.Symbols;
import io.perpetua.trading.flow.live.FlowLiveExitKpis;
import io.perpetua.trading.flow.live.FlowLiveKpis;
import io.perpetua.trading.flow.live.FlowLiveOrder;
import io.perpetua.trading.flow.live.FlowLiveOrderStatus;
import io.perpetua.trading.flow.live.FlowLivePosition;
import io.perpetua.trading.flow.live.FlowLiveView;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.venue.MakerFirstKpis;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The order-flow strategies' live trading, read from the trading kernel's records of its flow
 * account: the orders it sent through its venue port (paginated, newest first), what the venue's
 * fills add up to per strategy and symbol, and KPIs (maker share, maker ratio at TP and TP
 * overshoot, risk and venue rejections, venue reachability). In paper-only mode (no live venue is
 * configured) every route answers 404 / 40401 saying live mode is off, since retrying cannot help;
 * while the live kernel is still starting, 503 / 50301. Read-only; thread-safe.
 */
public final class FlowLiveRoutes implements RouteGroup {
  static final Param<Integer> ORDER_PAGE_SIZE = Paging.pageSize(50);
  static final Param<String> STATUS =
      Param.oneOf(
              "status",
              "all",
              "submitted",
              "working",
              "filled",
              "cancelled",
              "rejected",
              "risk_rejected",
              "skipped")
          .withDefault("all")
          .description("Only orders in this status.");
  static final Param<String> LIVE_STRATEGY =
      STRATEGY_ID.description(
          "Only this strategy (e.g. factory-1); an unknown id matches nothing.");

  /** The message of the 404 in paper-only mode. */
  static final String LIVE_MODE_OFF =
      "Live mode is off: the order-flow engine runs paper-only (venue.type simulated or flow.live"
          + " false), so there is no live venue; start with --venue fake-binance for one";

  private final Supplier<FlowLiveView> executor;
  private final boolean liveMode;

  /**
   * The routes.
   *
   * @param executor the kernel's live flow records; may supply null while it starts (503)
   * @param liveMode whether a live venue is configured at all; false answers 404 (40401)
   */
  public FlowLiveRoutes(Supplier<FlowLiveView> executor, boolean liveMode) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.liveMode = liveMode;
  }

  private FlowLiveView live() {
    if (!liveMode) {
      throw ApiException.notFound(LIVE_MODE_OFF);
    }
    FlowLiveView e = executor.get();
    if (e == null) {
      throw new ServiceUnavailableException("order-flow live kernel still starting", null);
    }
    return e;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/flow/live/orders")
            .tag(TAG)
            .summary("Live orders of the order-flow engine")
            .description(
                "Every order the live executor decided, newest first: deterministic client id,"
                    + " strategy, paper position, leg (entry, tp1, tp2, timeout, exit), post-only"
                    + " (maker-first entry or pre-placed exit limit) and reduce-only flags, limit"
                    + " price, status, fills against the paper price, and the reason of a risk"
                    + " rejection, skip, venue rejection or cancel. 404 (40401) in paper-only mode.")
            .param(LIVE_STRATEGY)
            .param(SYMBOL)
            .param(STATUS)
            .param(Paging.PAGE)
            .param(ORDER_PAGE_SIZE)
            .errors(ApiError.NOT_FOUND)
            .response(FlowLiveOrderPage.class, example("flow-live-orders.json"))
            .handle(this::orders),
        Route.get("/api/v1/flow/live/positions")
            .tag(TAG)
            .summary("Live positions of the order-flow engine")
            .description(
                "Per strategy and symbol, what the venue's fills add up to: signed quantity,"
                    + " average entry, realised and unrealised pnl, fees, slippage against the"
                    + " paper engine and maker share. 404 (40401) in paper-only mode.")
            .param(LIVE_STRATEGY)
            .errors(ApiError.NOT_FOUND)
            .response(FlowLivePositionList.class, example("flow-live-positions.json"))
            .handle(this::positions),
        Route.get("/api/v1/flow/live/summary")
            .tag(TAG)
            .summary("Live execution KPIs of the order-flow engine")
            .description(
                "Orders by outcome, maker share (all fills and entries), maker-first entries,"
                    + " timeouts and fallbacks, exits (TP limits, maker ratio at TP, TP overshoot,"
                    + " timeout limits, stops, flips), slippage against the paper engine, fees,"
                    + " equity, venue reachability and position comparisons. 404 (40401) in"
                    + " paper-only mode.")
            .errors(ApiError.NOT_FOUND)
            .response(FlowLiveSummary.class, example("flow-live-summary.json"))
            .handle(r -> summary()));
  }

  private FlowLiveOrderPage orders(ApiRequest r) {
    FlowLiveView e = live();
    String status = r.value(STATUS);
    List<FlowLiveOrder> all =
        e.orders(
            r.param(LIVE_STRATEGY).map(StrategyId::of).orElse(null),
            symbol(r),
            status.equals("all")
                ? null
                : WireCode.parse(FlowLiveOrderStatus.class, "status", status));
    int page = r.value(Paging.PAGE);
    int size = r.value(ORDER_PAGE_SIZE);
    int from = (int) Math.min(all.size(), (long) (page - 1) * size);
    List<FlowLiveOrderItem> items =
        all.subList(from, Math.min(all.size(), from + size)).stream()
            .map(FlowLiveRoutes::order)
            .toList();
    return new FlowLiveOrderPage(items, Paging.Pagination.of(page, size, all.size()));
  }

  private static InstrumentId symbol(ApiRequest r) {
    return r.param(SYMBOL).map(s -> Symbols.parse("symbol", s)).orElse(null);
  }

  private static FlowLiveOrderItem order(FlowLiveOrder o) {
    return new FlowLiveOrderItem(
        o.clientOrderId(),
        o.strategyId().value(),
        o.positionId(),
        o.instrument().venueSymbol(),
        o.leg().code(),
        o.attempt(),
        o.side().name().toLowerCase(java.util.Locale.ROOT),
        o.postOnly() ? "limit" : "market",
        o.postOnly(),
        o.reduceOnly(),
        o.status().code(),
        o.quantity(),
        o.filledQuantity(),
        o.averageFillPrice(),
        o.paperPrice(),
        o.slippageBps(),
        o.fees(),
        o.makerQuantity(),
        o.reason(),
        o.fallbackClientOrderId(),
        o.limitPrice(),
        Instant.ofEpochMilli(o.decisionTimeMs()),
        Instant.ofEpochMilli(o.updatedMs()));
  }

  private FlowLivePositionList positions(ApiRequest r) {
    Optional<String> strategy = r.param(LIVE_STRATEGY);
    return new FlowLivePositionList(
        live().positions().stream()
            .filter(
                p ->
                    strategy.isEmpty()
                        || p.strategies().stream()
                            .anyMatch(id -> id.value().equals(strategy.get())))
            .map(FlowLiveRoutes::position)
            .toList());
  }

  private static FlowLivePositionItem position(FlowLivePosition p) {
    return new FlowLivePositionItem(
        p.strategies().size() == 1 ? p.strategies().get(0).value() : null,
        p.instrument().venueSymbol(),
        p.quantity(),
        p.averageEntry(),
        p.markPrice(),
        p.unrealizedPnl(),
        p.realizedPnl(),
        p.fees(),
        p.slippageBps(),
        p.makerShare(),
        p.orders(),
        p.fills());
  }

  private FlowLiveSummary summary() {
    FlowLiveKpis k = live().kpis();
    MakerFirstKpis mf = k.makerFirst();
    return new FlowLiveSummary(
        k.ordersSent(),
        k.filled(),
        k.working(),
        k.cancelled(),
        k.venueRejected(),
        k.riskRejected(),
        k.skipped(),
        k.makerShare(),
        k.entryMakerShare(),
        k.slippageBps(),
        k.fees(),
        k.realizedPnl(),
        k.equity(),
        mf != null,
        mf == null
            ? null
            : new FlowMakerFirst(
                mf.entries(),
                mf.makerOnly(),
                mf.timeouts(),
                mf.fallbacks(),
                mf.keptPartial(),
                mf.makerRatio(),
                mf.fallbackRate(),
                mf.timeoutRate(),
                mf.frictionBps()),
        exits(k.exits()),
        k.venueReachable(),
        k.venueError(),
        k.probes(),
        k.mismatchedProbes(),
        k.lastMismatch(),
        k.duplicatesIgnored(),
        k.unmirrored(),
        k.exitsGivenUp());
  }

  private static FlowLiveExits exits(FlowLiveExitKpis x) {
    return new FlowLiveExits(
        x.makerExits(),
        x.tpLimits(),
        x.tpLimitsNotPlaced(),
        x.tpTranches(),
        x.tpMakerTranches(),
        x.tpFallbacks(),
        x.tpMakerShare(),
        x.tpOvershootRate(),
        x.tpFallbackSlippageBps(),
        x.timeoutLimits(),
        x.timeoutFallbacks(),
        x.stopCloses(),
        x.flipCloses(),
        x.exitMakerShare());
  }

  /** A page of live orders. */
  record FlowLiveOrderPage(List<FlowLiveOrderItem> items, Paging.Pagination pagination) {}

  /** One live order. */
  record FlowLiveOrderItem(
      @Doc("Deterministic client order id (strategy, position id, leg)") String clientOrderId,
      @Doc("Strategy id") String strategyId,
      @Doc("The paper position it mirrors") String positionId,
      @Doc("Venue symbol") String symbol,
      @Doc(
              value =
                  "Leg: entry, tp1/tp2 (the TP halves: pre-placed limit or market), timeout (the"
                      + " timeout exit's limit), exit (market close)",
              allowed = {"entry", "tp1", "tp2", "timeout", "exit"})
          String leg,
      @Doc("1 for the leg's first order, 2 and 3 for retries") int attempt,
      @Doc(
              value = "Side",
              allowed = {"buy", "sell"})
          String side,
      @Doc(
              value = "Order type at the venue (limit: post-only)",
              allowed = {"market", "limit"})
          String type,
      @Doc(
              "Sent as a post-only limit: a maker-first entry (then at most one market fallback)"
                  + " or a pre-placed exit limit")
          boolean postOnly,
      @Doc("Sent reduce-only") boolean reduceOnly,
      @Doc(
              value = "Status",
              allowed = {
                "submitted",
                "working",
                "filled",
                "cancelled",
                "rejected",
                "risk_rejected",
                "skipped"
              })
          String status,
      @Decimals(Decimals.PRICE) @Doc("Quantity asked") double quantity,
      @Decimals(Decimals.PRICE) @Doc("Quantity filled at the venue") double filledQuantity,
      @Nullable @Decimals(Decimals.PRICE) @Doc("Average fill price") double averageFillPrice,
      @Nullable @Decimals(Decimals.PRICE) @Doc("The paper engine's price for the same step")
          double paperPrice,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Fill against the paper price, bps (+ = worse)")
          double slippageBps,
      @Decimals(Decimals.PRICE) @Doc("Fees paid (negative: rebates)") double fees,
      @Decimals(Decimals.PRICE) @Doc("Quantity filled as maker") double makerQuantity,
      @Nullable @Doc("Why it was risk-rejected, skipped, rejected or cancelled") String reason,
      @Nullable @Doc("Client id of the maker-first entry's market fallback")
          String fallbackClientOrderId,
      @Nullable
          @Decimals(Decimals.PRICE)
          @Doc("Limit price of an exit limit (null: market, or a maker-first entry)")
          double limitPrice,
      @Doc("Decision time (event clock)") Instant decisionTime,
      @Doc("Latest venue event (decision time before)") Instant updatedAt) {}

  /** Live positions. */
  record FlowLivePositionList(List<FlowLivePositionItem> items) {}

  /** The flow account's position in one symbol and the KPI sums of the flow orders on it. */
  record FlowLivePositionItem(
      @Nullable
          @Doc(
              "The strategy that traded the symbol (null when several did: the account nets them"
                  + " per symbol, as the venue does)")
          String strategyId,
      @Doc("Venue symbol") String symbol,
      @Decimals(Decimals.PRICE) @Doc("The flow account's signed quantity") double quantity,
      @Nullable @Decimals(Decimals.PRICE) @Doc("Average entry price (null when flat)")
          double averageEntry,
      @Nullable @Decimals(Decimals.PRICE) @Doc("Latest price") double markPrice,
      @Decimals(Decimals.MONEY) @Doc("Unrealised pnl at the latest price") double unrealizedPnl,
      @Decimals(Decimals.MONEY) @Doc("Realised pnl before fees (the account's)") double realizedPnl,
      @Decimals(Decimals.MONEY) @Doc("Fees of the symbol's fills") double fees,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Fills against the paper prices, bps (+ = worse)")
          double slippageBps,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Maker share of the filled notional")
          double makerShare,
      @Doc("Orders sent") int orders,
      @Doc("Fills received") int fills) {}

  /** The executor's KPIs. */
  record FlowLiveSummary(
      @Doc("Orders sent to the venue") long ordersSent,
      @Doc("Orders completely filled") long filled,
      @Doc("Orders sent and not ended") long working,
      @Doc("Orders ended without filling completely") long cancelled,
      @Doc("Orders refused by the venue") long venueRejected,
      @Doc("Orders refused by the risk guard (never sent)") long riskRejected,
      @Doc("Orders not sent: below the venue's step or minimum notional") long skipped,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Maker share of all filled notional")
          double makerShare,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Maker share of the entries' filled notional")
          double entryMakerShare,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("All fills against the paper prices, bps")
          double slippageBps,
      @Decimals(Decimals.MONEY) @Doc("Fees paid") double fees,
      @Decimals(Decimals.MONEY) @Doc("Realised pnl before fees") double realizedPnl,
      @Decimals(Decimals.MONEY) @Doc("Capital + realised − fees + unrealised") double equity,
      @Doc("Whether entries go maker-first (venue.maker_first)") boolean makerFirstEnabled,
      @Nullable FlowMakerFirst makerFirst,
      FlowLiveExits exits,
      @Doc("Whether the latest probe reached the venue") boolean venueReachable,
      @Nullable @Doc("The latest probe's error") String venueError,
      @Doc("Probes answered") long probes,
      @Doc("Probes whose venue positions differed from the fills") long mismatchedProbes,
      @Nullable @Doc("What differed at the latest such probe") String lastMismatch,
      @Doc("Repeated decisions ignored (not sent again)") long duplicatesIgnored,
      @Doc("Decisions about positions this process never entered (nothing sent)") long unmirrored,
      @Doc("Market exit legs given up after their last attempt") long exitsGivenUp) {}

  /** Exit KPIs (spec §4.1: maker ratio at TP, TP overshoot, flips). */
  record FlowLiveExits(
      @Doc("Exits are maker-first (pre-placed TP limits, timeout limit); on with maker-first")
          boolean makerExits,
      @Doc("TP limits sent") long tpLimits,
      @Doc("TP halves without a resting limit (below the minimum, price at the level, refused)")
          long tpLimitsNotPlaced,
      @Doc("TP halves the paper engine hit and the venue filled completely") long tpTranches,
      @Doc("Of which filled by their limit alone") long tpMakerTranches,
      @Doc("Of which (partly) closed at market after tp_timeout_ms") long tpFallbacks,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Maker share of the quantity filled by TP orders")
          double tpMakerShare,
      @Nullable
          @Decimals(Decimals.WEIGHT)
          @Doc("TP overshoot: share of TP tranches that fell back to market")
          double tpOvershootRate,
      @Nullable
          @Decimals(Decimals.WEIGHT)
          @Doc("TP market orders against the paper's TP price, bps (+ = worse)")
          double tpFallbackSlippageBps,
      @Doc("Timeout exits sent as a limit") long timeoutLimits,
      @Doc("Timeout exits whose rest went to market after timeout_grace_ms") long timeoutFallbacks,
      @Doc("Positions closed at market by a stop (sl, sl_be)") long stopCloses,
      @Doc("Positions closed at market by an opposite signal (signal_flip)") long flipCloses,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Maker share of every exit fill's quantity")
          double exitMakerShare) {}

  /** Maker-first entry KPIs (spec §4.1). */
  record FlowMakerFirst(
      @Doc("Entries sent as post-only limits") long entries,
      @Doc("Entries filled by their limit alone") long makerOnly,
      @Doc("Limits cancelled at entry_timeout_ms") long timeouts,
      @Doc("Remainders sent at market") long fallbacks,
      @Doc("Entries that kept only their filled part") long keptPartial,
      @Decimals(Decimals.WEIGHT) @Doc("Maker share of the entries' notional") double makerRatio,
      @Decimals(Decimals.WEIGHT) @Doc("Share of entries that fell back to market")
          double fallbackRate,
      @Decimals(Decimals.WEIGHT) @Doc("Share of entries that timed out") double timeoutRate,
      @Decimals(Decimals.WEIGHT) @Doc("Fees + slippage vs the entries' reference, bps")
          double frictionBps) {}
}
