package io.perpetua.server.v1.flow;

import static io.perpetua.server.v1.flow.FlowSupport.TAG;
import static io.perpetua.server.v1.flow.FlowSupport.command;
import static io.perpetua.server.v1.flow.FlowSupport.example;

import io.perpetua.backtest.flow.FlowBacktest;
import io.perpetua.core.InstrumentId;
import io.perpetua.jobs.Metrics;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.FlowStatistics;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/flow/backtests}: evaluates a factory strategy on history before it runs — the
 * real tick sample or seeded synthetic flow replayed through the paper flow engine ({@link
 * FlowBacktest}), answered synchronously with the platform's backtest metrics, the R statistics and
 * the trades. Nothing is stored. Thread-safe.
 */
public final class FlowBacktestRoutes implements RouteGroup {
  private static final int MAX_TRADES = 500;

  private final Supplier<FlowService> service;
  private final TickSource ticks;

  /** Where backtest ticks come from. */
  @FunctionalInterface
  public interface TickSource {
    /**
     * The ticks of {@code source} for {@code symbol}.
     *
     * @param source {@code sample} (the real tick file) or {@code synthetic}
     * @param symbol the symbol
     * @param hours hours of synthetic flow (ignored for the sample)
     * @param seed the synthetic seed
     * @return time-ordered ticks; empty when the source has no data for the symbol
     */
    List<? extends FlowTick> ticks(String source, InstrumentId symbol, int hours, long seed);
  }

  /**
   * The route.
   *
   * @param service the order-flow service (its symbols are the accepted ones); null while starting
   * @param ticks the tick source
   */
  public FlowBacktestRoutes(Supplier<FlowService> service, TickSource ticks) {
    this.service = Objects.requireNonNull(service, "service");
    this.ticks = Objects.requireNonNull(ticks, "ticks");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.post("/api/v1/flow/backtests")
            .tag(TAG)
            .summary("Backtest a factory strategy on tick data")
            .description(
                "Replays the real tick sample (source=sample) or seeded synthetic order flow"
                    + " (source=synthetic, hours, seed) through the paper flow engine with the"
                    + " given parameters (validated like a create; display_name optional) and"
                    + " answers with metrics, statistics and up to 500 trades. Nothing is stored.")
            .body(FlowBacktestBody.class, example("flow-backtest-body.json"))
            .response(FlowBacktestData.class, example("flow-backtest.json"))
            .handle(this::run));
  }

  private FlowBacktestData run(ApiRequest r) {
    FlowService s = FlowSupport.ready(service);
    FlowBacktestBody body = r.body(FlowBacktestBody.class);
    FlowStrategyRoutes.FlowStrategyBody sb =
        body.strategy() == null ? FlowStrategyRoutes.FlowStrategyBody.empty() : body.strategy();
    String symbol = sb.symbol() == null ? "BTCUSDT" : sb.symbol();
    InstrumentId id = FlowSupport.symbol(s, symbol, "strategy.symbol");
    FactoryStrategyDefinition base =
        command(() -> FactoryStrategyDefinition.defaults("backtest", symbol));
    FactoryStrategyDefinition def = command(() -> sb.over(base));
    List<? extends FlowTick> data = ticks.ticks(body.source(), id, body.hours(), body.seed());
    if (data.isEmpty()) {
      throw ApiException.invalid("source", "a source with data for " + symbol, body.source());
    }
    FlowBacktest.Result res = FlowBacktest.run(def, data, body.warmupMinutes() * 60_000L);
    FlowStatistics st = res.statistics();
    Metrics m = res.metrics();
    return new FlowBacktestData(
        body.source(),
        def.symbol(),
        res.ticks(),
        Instant.ofEpochMilli(res.fromMs()),
        Instant.ofEpochMilli(res.toMs()),
        res.evaluations(),
        res.entries(),
        res.openAtEnd(),
        st.trades(),
        st.winRate(),
        st.netR(),
        st.profitFactor(),
        st.maxDrawdownR(),
        m.totalReturn(),
        m.maxDrawdown(),
        m.sharpe(),
        res.trades().stream().limit(MAX_TRADES).map(FlowPaperRoutes::trade).toList());
  }

  /** Body of a flow backtest. */
  record FlowBacktestBody(
      @Doc(
              value = "Tick source (default sample)",
              allowed = {"sample", "synthetic"})
          String source,
      @Doc("Hours of synthetic flow, 2–48 (default 3)") Integer hours,
      @Doc("Synthetic seed (default 1)") Long seed,
      @Doc("Trade history before the first evaluation, 15–1440 minutes (default 75)")
          Integer warmupMinutes,
      @Doc("Strategy parameters (as in create; omitted = defaults)")
          FlowStrategyRoutes.FlowStrategyBody strategy) {
    /** Defaults and ranges. */
    FlowBacktestBody {
      source = source == null ? "sample" : source;
      if (!source.equals("sample") && !source.equals("synthetic")) {
        throw ApiException.invalid("source", "sample or synthetic", source);
      }
      hours = hours == null ? 3 : hours;
      if (hours < 2 || hours > 48) {
        throw ApiException.invalid("hours", "an integer between 2 and 48", "" + hours);
      }
      seed = seed == null ? 1L : seed;
      warmupMinutes = warmupMinutes == null ? 75 : warmupMinutes;
      if (warmupMinutes < 15 || warmupMinutes > 1440) {
        throw ApiException.invalid(
            "warmup_minutes", "an integer between 15 and 1440", "" + warmupMinutes);
      }
    }
  }

  /** Result of a flow backtest. */
  record FlowBacktestData(
      @Doc("Tick source") String source,
      @Doc("Venue symbol") String symbol,
      @Doc("Ticks replayed") long ticks,
      @Doc("First tick") Instant from,
      @Doc("Last tick") Instant to,
      @Doc("Evaluations") long evaluations,
      @Doc("Positions opened") long entries,
      @Doc("Still open at the end (not in the metrics)") int openAtEnd,
      @Doc("Closed trades") int closedTrades,
      @Nullable @Decimals(Decimals.WEIGHT) double winRate,
      @Decimals(Decimals.WEIGHT) @Doc("Net R") double netR,
      @Nullable @Decimals(Decimals.WEIGHT) double profitFactor,
      @Decimals(Decimals.WEIGHT) @Doc("Max drawdown of cumulative R") double maxDrawdownR,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Total return of the balance") double totalReturn,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Max drawdown of the balance (≤ 0)")
          double maxDrawdown,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Sharpe of hourly returns, annualised")
          double sharpe,
      @Doc("The closed trades (at most 500)") List<FlowPaperRoutes.FlowTradeItem> trades) {}
}
