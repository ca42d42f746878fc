package io.perpetua.server.v1.flow;

import static io.perpetua.server.v1.flow.FlowSupport.STRATEGY_ID;
import static io.perpetua.server.v1.flow.FlowSupport.SYMBOL;
import static io.perpetua.server.v1.flow.FlowSupport.TAG;
import static io.perpetua.server.v1.flow.FlowSupport.example;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.server.v1.Paging;
import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.signals.flow.FlowInputs;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FactoryStrategyRow;
import io.perpetua.trading.flow.FeatureEvent;
import io.perpetua.trading.flow.FlowJournal;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.FlowStatistics;
import io.perpetua.trading.flow.FlowTradeStatus;
import io.perpetua.trading.flow.PositionSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The order-flow engine's output: latest signal per strategy and symbol (score, tier, gates,
 * factors, inputs), signal history, indicator series for charts, and the paper account — summary,
 * open positions with live unrealised R, trades (filters, paginated), equity curve and statistics.
 * Read-only; thread-safe.
 */
public final class FlowPaperRoutes implements RouteGroup {
  static final Param<Integer> SIGNAL_PAGE_SIZE = Paging.pageSize(50);
  static final Param<Integer> TRADE_PAGE_SIZE = Paging.pageSize(50);
  static final Param<String> RESULT =
      Param.oneOf("result", "all", "win", "loss")
          .withDefault("all")
          .description("win: pnl_r > 0; loss: pnl_r <= 0.");
  static final Param<String> STATUS =
      Param.oneOf("status", "all", "tp", "sl", "sl_be", "timeout", "signal_flip")
          .withDefault("all")
          .description("Only trades closed this way.");
  static final Param<String> REQUIRED_STRATEGY = STRATEGY_ID.required();
  static final Param<Integer> POINTS =
      Param.integer("limit", 1, 5_000).withDefault(480).description("Newest points, 1..5000.");

  private final Supplier<FlowService> service;

  /**
   * The routes.
   *
   * @param service the platform's order-flow service; may supply null while starting (503 then)
   */
  public FlowPaperRoutes(Supplier<FlowService> service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  private FlowService flow() {
    return FlowSupport.ready(service);
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/flow/signals/latest")
            .tag(TAG)
            .summary("Latest order-flow signal per strategy and symbol")
            .description(
                "The latest evaluation of every strategy on every symbol: score, direction, tier,"
                    + " gate result, block reason (none when it may open), factor points and the"
                    + " raw inputs (missing inputs omitted).")
            .param(STRATEGY_ID)
            .param(SYMBOL)
            .response(FlowSignalList.class, example("flow-signals-latest.json"))
            .handle(this::latest),
        Route.get("/api/v1/flow/signals/history")
            .tag(TAG)
            .summary("Order-flow signal history")
            .description("Every stored evaluation, newest first, paginated.")
            .param(STRATEGY_ID)
            .param(SYMBOL)
            .param(Paging.START_DATE)
            .param(Paging.END_DATE)
            .param(Paging.PAGE)
            .param(SIGNAL_PAGE_SIZE)
            .response(FlowSignalPage.class, example("flow-signals-history.json"))
            .handle(this::history),
        Route.get("/api/v1/flow/indicators")
            .tag(TAG)
            .summary("Indicator series for charts")
            .description(
                "Price, CVD, VWAP, ATR, OBI, OI change, funding and score of a strategy's"
                    + " evaluations, oldest first (the newest `limit` points).")
            .param(REQUIRED_STRATEGY)
            .param(SYMBOL)
            .param(POINTS)
            .response(FlowIndicatorSeries.class, example("flow-indicators.json"))
            .handle(this::indicators),
        Route.get("/api/v1/flow/paper/summary")
            .tag(TAG)
            .summary("Paper summary")
            .description("Engine progress and, per strategy, balance, open positions and results.")
            .response(FlowSummary.class, example("flow-paper-summary.json"))
            .handle(r -> summary()),
        Route.get("/api/v1/flow/paper/positions")
            .tag(TAG)
            .summary("Open paper positions")
            .description(
                "Open positions with the last price and the unrealised R (open part at the last"
                    + " price plus the realised TP1 half, net of fees).")
            .param(STRATEGY_ID)
            .response(FlowPositionList.class, example("flow-paper-positions.json"))
            .handle(this::positions),
        Route.get("/api/v1/flow/paper/trades")
            .tag(TAG)
            .summary("Closed paper trades")
            .description("Newest exit first, filtered and paginated.")
            .param(STRATEGY_ID)
            .param(SYMBOL)
            .param(RESULT)
            .param(STATUS)
            .param(Paging.PAGE)
            .param(TRADE_PAGE_SIZE)
            .response(FlowTradePage.class, example("flow-paper-trades.json"))
            .handle(this::trades),
        Route.get("/api/v1/flow/paper/equity")
            .tag(TAG)
            .summary("Paper equity curve")
            .description(
                "A strategy's balance after every closed trade, from its initial balance (added"
                    + " balance included), with the cumulative R.")
            .param(REQUIRED_STRATEGY)
            .response(FlowEquity.class, example("flow-paper-equity.json"))
            .handle(this::equity),
        Route.get("/api/v1/flow/paper/statistics")
            .tag(TAG)
            .summary("Paper statistics")
            .description(
                "Win rate, payoff, profit factor, net R, Sharpe per trade, drawdown in R, and"
                    + " breakdowns by exit type, direction, score band and entry hour (UTC).")
            .param(STRATEGY_ID)
            .param(SYMBOL)
            .response(FlowStatisticsData.class, example("flow-paper-statistics.json"))
            .handle(this::statistics));
  }

  private FlowSignalList latest(ApiRequest r) {
    FlowService s = flow();
    StrategyId strategy = FlowSupport.strategyFilter(s, r);
    InstrumentId symbol = FlowSupport.symbolFilter(s, r);
    return new FlowSignalList(
        s.latestEvaluations().stream()
            .filter(e -> strategy == null || e.strategyId().equals(strategy))
            .filter(e -> symbol == null || e.instrument().equals(symbol))
            .map(FlowPaperRoutes::signal)
            .toList());
  }

  private FlowSignalPage history(ApiRequest r) {
    FlowService s = flow();
    long from = Paging.fromMs(r);
    long to = Paging.toMs(r);
    int page = r.value(Paging.PAGE);
    int size = r.value(SIGNAL_PAGE_SIZE);
    var result =
        s.journal()
            .evaluations(
                new FlowJournal.EvaluationQuery(
                    FlowSupport.strategyFilter(s, r),
                    FlowSupport.symbolFilter(s, r),
                    from,
                    to,
                    page,
                    size));
    return new FlowSignalPage(
        result.items().stream().map(FlowPaperRoutes::signal).toList(),
        Paging.Pagination.of(page, size, result.totalItems()));
  }

  private FlowIndicatorSeries indicators(ApiRequest r) {
    FlowService s = flow();
    FactoryStrategyRow row = strategy(s, r.value(REQUIRED_STRATEGY));
    InstrumentId symbol = FlowSupport.symbolFilter(s, r);
    InstrumentId sym = symbol == null ? row.definition().instrument() : symbol;
    int limit = r.value(POINTS);
    var page =
        s.journal()
            .evaluations(
                new FlowJournal.EvaluationQuery(row.id(), sym, 0, Long.MAX_VALUE, 1, limit));
    List<FlowIndicatorPoint> points = new ArrayList<>();
    for (FlowEvaluation e : page.items().reversed()) {
      FlowInputs in = e.inputs();
      points.add(
          new FlowIndicatorPoint(
              Instant.ofEpochMilli(e.timeMs()),
              in.price(),
              in.cvdFast(),
              in.cvdSlow(),
              in.vwapFast(),
              in.vwapSlow(),
              in.atr(),
              in.bookImbalance(),
              in.oiChange(),
              in.fundingRate(),
              e.score()));
    }
    return new FlowIndicatorSeries(row.id().value(), sym.venueSymbol(), points);
  }

  private static FactoryStrategyRow strategy(FlowService s, String id) {
    return s.strategy(StrategyId.of(id))
        .orElseThrow(() -> ApiException.invalid("strategy_id", "an existing strategy id", id));
  }

  private FlowSummary summary() {
    FlowService s = flow();
    var positions = s.positions();
    List<FlowSummaryItem> items = new ArrayList<>();
    for (FactoryStrategyRow row : s.strategies()) {
      FlowStatistics st = FlowStatistics.of(s.journal().closedTrades(row.id(), null));
      long open =
          positions.stream().filter(p -> p.position().strategyId().equals(row.id())).count();
      items.add(
          new FlowSummaryItem(
              row.id().value(),
              row.definition().displayName(),
              row.status().code(),
              row.definition().symbol(),
              row.initialBalance().toDouble(),
              s.balance(row.id()).toDouble(),
              (int) open,
              st.trades(),
              st.winRate(),
              st.netR(),
              st.netMoney()));
    }
    FlowJournal.Counts c = s.journal().counts();
    long last = s.lastTickMs();
    return new FlowSummary(
        s.engineInstance(),
        last == Long.MIN_VALUE ? null : Instant.ofEpochMilli(last),
        s.ticksProcessed(),
        c.evaluations(),
        c.trades(),
        c.labels(),
        items);
  }

  private FlowPositionList positions(ApiRequest r) {
    FlowService s = flow();
    StrategyId strategy = FlowSupport.strategyFilter(s, r);
    List<FlowPositionItem> items = new ArrayList<>();
    for (FlowService.LivePosition lp : s.positions()) {
      PositionSnapshot p = lp.position();
      if (strategy != null && !strategy.equals(p.strategyId())) {
        continue;
      }
      items.add(
          new FlowPositionItem(
              p.id(),
              p.strategyId().value(),
              p.instrument().venueSymbol(),
              p.direction().code(),
              p.tier().code(),
              p.status().code(),
              p.score(),
              Instant.ofEpochMilli(p.entryTimeMs()),
              p.entryPrice(),
              lp.lastPrice(),
              p.quantity(),
              p.remaining(),
              p.stop(),
              p.tp1(),
              p.tp2(),
              p.quantity() * p.riskDistance(),
              lp.unrealizedR(),
              Instant.ofEpochMilli(p.deadlineMs())));
    }
    return new FlowPositionList(items);
  }

  private FlowTradePage trades(ApiRequest r) {
    FlowService s = flow();
    String result = r.value(RESULT);
    String status = r.value(STATUS);
    int page = r.value(Paging.PAGE);
    int size = r.value(TRADE_PAGE_SIZE);
    var q =
        new FlowJournal.TradeQuery(
            FlowSupport.strategyFilter(s, r),
            FlowSupport.symbolFilter(s, r),
            "all".equals(result) ? null : "win".equals(result),
            "all".equals(status) ? null : FlowTradeStatus.parse(status),
            page,
            size);
    var found = s.journal().trades(q);
    return new FlowTradePage(
        found.items().stream().map(FlowPaperRoutes::trade).toList(),
        Paging.Pagination.of(page, size, found.totalItems()));
  }

  static FlowTradeItem trade(ClosedFlowTrade t) {
    return new FlowTradeItem(
        t.id(),
        t.strategyId().value(),
        t.instrument().venueSymbol(),
        t.direction().code(),
        t.tier().code(),
        t.status().code(),
        t.win() ? "win" : "loss",
        t.score(),
        Instant.ofEpochMilli(t.entryTimeMs()),
        Instant.ofEpochMilli(t.exitTimeMs()),
        t.entryPrice(),
        t.exitPrice(),
        t.quantity(),
        t.pnlR(),
        t.pnl().toDouble(),
        t.fees().toDouble(),
        t.flip());
  }

  private FlowEquity equity(ApiRequest r) {
    FlowService s = flow();
    FactoryStrategyRow row = strategy(s, r.value(REQUIRED_STRATEGY));
    double equity = row.initialBalance().toDouble();
    double cumR = 0;
    List<FlowEquityPoint> points = new ArrayList<>();
    for (ClosedFlowTrade t : s.journal().closedTrades(row.id(), null)) {
      equity += t.pnl().toDouble();
      cumR += t.pnlR();
      points.add(new FlowEquityPoint(Instant.ofEpochMilli(t.exitTimeMs()), equity, cumR));
    }
    return new FlowEquity(row.id().value(), row.initialBalance().toDouble(), points);
  }

  private FlowStatisticsData statistics(ApiRequest r) {
    FlowService s = flow();
    StrategyId strategy = FlowSupport.strategyFilter(s, r);
    InstrumentId symbol = FlowSupport.symbolFilter(s, r);
    FlowStatistics st = FlowStatistics.of(s.journal().closedTrades(strategy, symbol));
    return new FlowStatisticsData(
        strategy == null ? null : strategy.value(),
        symbol == null ? null : symbol.venueSymbol(),
        st.trades(),
        st.winRate(),
        st.averageWinR(),
        st.averageLossR(),
        st.payoffRatio(),
        st.profitFactor(),
        st.netR(),
        st.netMoney(),
        st.feesR(),
        st.sharpe(),
        st.maxDrawdownR(),
        buckets(st.byExit()),
        buckets(st.byDirection()),
        buckets(st.byScoreBand()),
        buckets(st.byHour()));
  }

  private static <K> List<FlowBucket> buckets(Map<K, FlowStatistics.Bucket> map) {
    return map.entrySet().stream()
        .map(
            e ->
                new FlowBucket(
                    String.valueOf(e.getKey()),
                    e.getValue().trades(),
                    e.getValue().wins(),
                    e.getValue().trades() == 0
                        ? Double.NaN
                        : (double) e.getValue().wins() / e.getValue().trades(),
                    e.getValue().netR()))
        .sorted(Comparator.comparing(FlowBucket::key))
        .toList();
  }

  static FlowSignalItem signal(FlowEvaluation e) {
    return new FlowSignalItem(
        FeatureEvent.idOf(e),
        e.strategyId().value(),
        e.strategyVersion(),
        e.family().code(),
        e.instrument().venueSymbol(),
        Instant.ofEpochMilli(e.timeMs()),
        e.score(),
        e.direction().code(),
        e.tier().code(),
        e.gatePassed(),
        e.blockReason(),
        e.opens(),
        FlowSupport.finite(e.factors()),
        FlowSupport.finiteComponents(e.inputs()));
  }

  /** Latest signals. */
  record FlowSignalList(List<FlowSignalItem> items) {}

  /** A page of signals. */
  record FlowSignalPage(List<FlowSignalItem> items, Paging.Pagination pagination) {}

  /** One evaluation. */
  record FlowSignalItem(
      @Doc("Evaluation id (strategy:symbol:epoch ms)") String evaluationId,
      @Doc("Strategy id") String strategyId,
      @Doc("Strategy version evaluated") String strategyVersion,
      @Doc("Scoring family") String family,
      @Doc("Venue symbol") String symbol,
      @Doc("Evaluation time (event clock)") Instant time,
      @Decimals(Decimals.WEIGHT) @Doc("Score 0–100") double score,
      @Doc(
              value = "Direction",
              allowed = {"long", "short", "none"})
          String direction,
      @Doc(
              value = "Tier (none unless it may open)",
              allowed = {"none", "standard", "heavy"})
          String tier,
      @Doc("Whether the gates passed") boolean gatePassed,
      @Doc("Why it cannot open (none when it can), e.g. missing_feature:obi, cooldown")
          String blockReason,
      @Doc("Whether it opened (or would open) a position") boolean opens,
      @Doc("Factor points by layer and sub-factor") Map<String, Double> factors,
      @Doc("Raw inputs in snake_case; missing (NaN) inputs are omitted")
          Map<String, Double> inputs) {}

  /** Indicator series. */
  record FlowIndicatorSeries(
      @Doc("Strategy id") String strategyId,
      @Doc("Venue symbol") String symbol,
      List<FlowIndicatorPoint> points) {}

  /** One point of the series. */
  record FlowIndicatorPoint(
      @Doc("Evaluation time") Instant time,
      @Decimals(Decimals.PRICE) @Doc("Last trade price") double price,
      @Nullable @Decimals(Decimals.PRICE) @Doc("Fast-window CVD (base qty)") double cvdFast,
      @Nullable @Decimals(Decimals.PRICE) @Doc("Slow-window CVD") double cvdSlow,
      @Nullable @Decimals(Decimals.PRICE) @Doc("Fast-window VWAP") double vwapFast,
      @Nullable @Decimals(Decimals.PRICE) @Doc("Slow-window VWAP") double vwapSlow,
      @Nullable @Decimals(Decimals.PRICE) @Doc("ATR (5 m, 14)") double atr,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Order-book imbalance") double bookImbalance,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Open-interest change over 1 h") double oiChange,
      @Nullable @Decimals(Decimals.PRICE) @Doc("Funding rate") double fundingRate,
      @Decimals(Decimals.WEIGHT) @Doc("Score") double score) {}

  /** Paper summary. */
  record FlowSummary(
      @Doc("Engine instance") String engineInstance,
      @Nullable @Doc("Event time of the last tick processed") Instant lastTickTime,
      @Doc("Ticks processed since start") long ticksProcessed,
      @Doc("Evaluations stored") long evaluations,
      @Doc("Closed trades stored") long trades,
      @Doc("Labels stored") long labels,
      List<FlowSummaryItem> strategies) {}

  /** One strategy in the summary. */
  record FlowSummaryItem(
      @Doc("Strategy id") String strategyId,
      @Doc("Display name") String displayName,
      @Doc("Status") String status,
      @Doc("Venue symbol") String symbol,
      @Decimals(Decimals.MONEY) @Doc("Initial balance") double initialBalance,
      @Decimals(Decimals.MONEY) @Doc("Current balance") double balance,
      @Doc("Open positions") int openPositions,
      @Doc("Closed trades") int trades,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Win rate") double winRate,
      @Decimals(Decimals.WEIGHT) @Doc("Net R") double netR,
      @Decimals(Decimals.MONEY) @Doc("Net pnl") double netPnl) {}

  /** Open positions. */
  record FlowPositionList(List<FlowPositionItem> items) {}

  /** One open position. */
  record FlowPositionItem(
      @Doc("Position id") String positionId,
      @Doc("Strategy id") String strategyId,
      @Doc("Venue symbol") String symbol,
      @Doc("long or short") String direction,
      @Doc("standard or heavy") String tier,
      @Doc(
              value = "Status",
              allowed = {"active", "tp1_hit"})
          String status,
      @Decimals(Decimals.WEIGHT) @Doc("Entry score") double score,
      @Doc("Entry time") Instant entryTime,
      @Decimals(Decimals.PRICE) @Doc("Average entry price") double entryPrice,
      @Nullable @Decimals(Decimals.PRICE) @Doc("Last trade price") double lastPrice,
      @Decimals(Decimals.PRICE) @Doc("Entered quantity") double quantity,
      @Decimals(Decimals.PRICE) @Doc("Open quantity") double remainingQuantity,
      @Decimals(Decimals.PRICE) @Doc("Stop price") double stopPrice,
      @Decimals(Decimals.PRICE) @Doc("TP1 price") double tp1Price,
      @Decimals(Decimals.PRICE) @Doc("TP2 price") double tp2Price,
      @Decimals(Decimals.MONEY) @Doc("1R in money") double oneR,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Unrealised R at the last price")
          double unrealizedR,
      @Doc("Timeout") Instant deadline) {}

  /** A page of trades. */
  record FlowTradePage(List<FlowTradeItem> items, Paging.Pagination pagination) {}

  /** One closed trade. */
  record FlowTradeItem(
      @Doc("Trade (position) id") String tradeId,
      @Doc("Strategy id") String strategyId,
      @Doc("Venue symbol") String symbol,
      @Doc("long or short") String direction,
      @Doc("standard or heavy") String tier,
      @Doc(
              value = "Exit",
              allowed = {"tp", "sl", "sl_be", "timeout", "signal_flip"})
          String status,
      @Doc(
              value = "win (pnl_r > 0) or loss",
              allowed = {"win", "loss"})
          String result,
      @Decimals(Decimals.WEIGHT) @Doc("Entry score") double score,
      @Doc("Entry time") Instant entryTime,
      @Doc("Exit time") Instant exitTime,
      @Decimals(Decimals.PRICE) @Doc("Average entry price") double entryPrice,
      @Decimals(Decimals.PRICE) @Doc("Last exit price") double exitPrice,
      @Decimals(Decimals.PRICE) @Doc("Quantity") double quantity,
      @Decimals(Decimals.WEIGHT) @Doc("Net pnl in R") double pnlR,
      @Decimals(Decimals.MONEY) @Doc("Net pnl") double pnl,
      @Decimals(Decimals.MONEY) @Doc("Fees") double fees,
      @Doc("Opened or closed by a flip") boolean flip) {}

  /** FlowEquity curve. */
  record FlowEquity(
      @Doc("Strategy id") String strategyId,
      @Decimals(Decimals.MONEY) @Doc("Initial balance") double initialBalance,
      List<FlowEquityPoint> points) {}

  /** One point. */
  record FlowEquityPoint(
      @Doc("Exit time of the trade") Instant time,
      @Decimals(Decimals.MONEY) @Doc("Balance after it") double equity,
      @Decimals(Decimals.WEIGHT) @Doc("Cumulative R") double cumulativeR) {}

  /** FlowStatistics. */
  record FlowStatisticsData(
      @Nullable @Doc("Strategy filter") String strategyId,
      @Nullable @Doc("Symbol filter") String symbol,
      @Doc("Closed trades") int trades,
      @Nullable @Decimals(Decimals.WEIGHT) double winRate,
      @Nullable @Decimals(Decimals.WEIGHT) double averageWinR,
      @Nullable @Decimals(Decimals.WEIGHT) double averageLossR,
      @Nullable @Decimals(Decimals.WEIGHT) double payoffRatio,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("null when there is no loss") double profitFactor,
      @Decimals(Decimals.WEIGHT) double netR,
      @Decimals(Decimals.MONEY) double netPnl,
      @Decimals(Decimals.WEIGHT) double feesR,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Mean / std of pnl_r per trade") double sharpe,
      @Decimals(Decimals.WEIGHT) @Doc("Max drawdown of cumulative R") double maxDrawdownR,
      List<FlowBucket> byExit,
      List<FlowBucket> byDirection,
      List<FlowBucket> byScoreBand,
      List<FlowBucket> byHour) {}

  /** A breakdown cell. */
  record FlowBucket(
      @Doc("Exit code, direction, score band (70-80) or UTC hour") String key,
      @Doc("Trades") int trades,
      @Doc("Wins") int wins,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Win rate") double winRate,
      @Decimals(Decimals.WEIGHT) @Doc("Net R") double netR) {}
}
