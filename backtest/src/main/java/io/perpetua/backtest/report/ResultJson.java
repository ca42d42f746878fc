package io.perpetua.backtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpetua.analytics.metrics.MonthlyReturns;
import io.perpetua.core.time.Times;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.jobs.CostBreakdown;
import io.perpetua.jobs.Disclosures;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.RunActivity;
import io.perpetua.jobs.SymbolAttribution;
import io.perpetua.jobs.TradeRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link BacktestResult} as JSON: snake_case keys, times ISO-8601 UTC, numbers at full double
 * precision, and every non-finite number (NaN, ±∞) written as {@code null}. The metric keys are
 * those of the backtest job API ({@code sharpe, sortino, calmar, max_drawdown, win_rate,
 * profit_factor, cagr, expected_value, total_trades, avg_trade_duration_seconds}) and of the
 * platform API ({@code total_return, annualized_return, avg_turnover}), plus {@code volatility} and
 * the drawdown's {@code max_drawdown_peak} / {@code max_drawdown_trough} times. Stateless.
 */
public final class ResultJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultJson() {}

  /** Writes {@link #toTree(BacktestResult)} to {@code file} (UTF-8, indented). */
  public static void write(BacktestResult result, Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), toTree(result));
  }

  /** The whole result as a JSON tree. */
  public static ObjectNode toTree(BacktestResult result) {
    ObjectNode root = NODES.objectNode();
    root.set("request", request(result.request()));
    root.set("metrics", metrics(result.metrics()));
    root.set("costs", costs(result.costs()));
    root.put("orders", result.orders());
    root.put("rebalances", result.rebalances());
    root.set("activity", activity(result.activity()));
    if (result.disclosures() != null) {
      root.set("disclosures", disclosures(result.disclosures()));
    }
    root.put("symbol_bars", result.symbolBars());
    root.put("elapsed_ms", result.elapsedMs());
    root.set("equity_curve", equityCurve(result.equity()));
    root.set("monthly_returns", monthlyReturns(MonthlyReturns.of(result.equity())));
    ArrayNode trades = root.putArray("trades");
    for (TradeRecord t : result.trades()) {
      trades.add(trade(t));
    }
    ArrayNode attribution = root.putArray("attribution");
    for (SymbolAttribution a : result.attribution()) {
      attribution.add(attribution(a));
    }
    return root;
  }

  /**
   * The activity object: {@code rebalances, orders_sent, fills, orders_rejected, rejections:
   * [{rule, count, example}], skipped_symbols: [{symbol, reason}], idle_reason} (null when the run
   * traded), {@code halts: [{reason, from, to, skipped_rebalances}], skipped_rebalances: [{time,
   * reason}]} and {@code metrics_without_halts} (the run with the halting rules off; null when
   * nothing halted).
   */
  public static ObjectNode activity(RunActivity a) {
    ObjectNode o = NODES.objectNode();
    o.put("rebalances", a.rebalances());
    o.put("orders_sent", a.ordersSent());
    o.put("fills", a.fills());
    o.put("orders_rejected", a.ordersRejected());
    ArrayNode rejections = o.putArray("rejections");
    for (RunActivity.Rejections r : a.rejections()) {
      rejections
          .addObject()
          .put("rule", r.rule())
          .put("count", r.count())
          .put("example", r.example());
    }
    ArrayNode skipped = o.putArray("skipped_symbols");
    for (RunActivity.SkippedSymbol sk : a.skipped()) {
      skipped.addObject().put("symbol", sk.symbol()).put("reason", sk.reason());
    }
    o.put("idle_reason", a.idleReason().orElse(null));
    ArrayNode halts = o.putArray("halts");
    for (RunActivity.Halt h : a.halts()) {
      halts
          .addObject()
          .put("reason", h.reason())
          .put("from", Times.iso(h.fromMs()))
          .put("to", Times.iso(h.toMs()))
          .put("skipped_rebalances", h.skippedRebalances());
    }
    ArrayNode skippedRebalances = o.putArray("skipped_rebalances");
    for (RunActivity.SkippedRebalance s : a.skippedRebalances()) {
      skippedRebalances.addObject().put("time", Times.iso(s.timeMs())).put("reason", s.reason());
    }
    if (a.unhalted() != null) {
      o.set("metrics_without_halts", metrics(a.unhalted()));
    } else {
      o.putNull("metrics_without_halts");
    }
    return o;
  }

  /**
   * {@code gross_of_costs} (metrics), {@code benchmarks: [{name, description, metrics}]}, {@code
   * funding_from_fallback} (share), {@code spot_symbols}, {@code pool_sizes: [{time, pool_size,
   * with_signal}]}.
   */
  static ObjectNode disclosures(Disclosures d) {
    ObjectNode o = NODES.objectNode();
    o.set("gross_of_costs", metrics(d.grossOfCosts()));
    ArrayNode benchmarks = o.putArray("benchmarks");
    for (Disclosures.Benchmark b : d.benchmarks()) {
      ObjectNode x =
          benchmarks.addObject().put("name", b.name()).put("description", b.description());
      x.set("metrics", metrics(b.metrics()));
    }
    num(o, "funding_from_fallback", d.fundingFromFallback());
    ArrayNode spot = o.putArray("spot_symbols");
    d.spotSymbols().forEach(spot::add);
    ArrayNode pools = o.putArray("pool_sizes");
    for (Disclosures.PoolSize p : d.poolSizes()) {
      pools
          .addObject()
          .put("time", Times.iso(p.timeMs()))
          .put("pool_size", p.poolSize())
          .put("with_signal", p.withSignal());
    }
    return o;
  }

  /** The metrics object (keys as in the class comment). */
  public static ObjectNode metrics(Metrics m) {
    ObjectNode o = NODES.objectNode();
    num(o, "sharpe", m.sharpe());
    num(o, "sortino", m.sortino());
    num(o, "calmar", m.calmar());
    num(o, "max_drawdown", m.maxDrawdown());
    num(o, "win_rate", m.winRate());
    num(o, "profit_factor", m.profitFactor());
    num(o, "cagr", m.cagr());
    num(o, "expected_value", m.expectedValue());
    o.put("total_trades", m.totalTrades());
    num(o, "avg_trade_duration_seconds", m.avgTradeDurationSeconds());
    num(o, "total_return", m.totalReturn());
    num(o, "annualized_return", m.cagr());
    num(o, "avg_turnover", m.avgTurnover());
    num(o, "volatility", m.volatility());
    boolean dd = Double.isFinite(m.maxDrawdown());
    o.put("max_drawdown_peak", dd ? Times.iso(m.maxDrawdownPeakMs()) : null);
    o.put("max_drawdown_trough", dd ? Times.iso(m.maxDrawdownTroughMs()) : null);
    return o;
  }

  private static ObjectNode request(BacktestRequest r) {
    ObjectNode o = NODES.objectNode();
    o.put("strategy", r.strategy());
    o.set("parameters", parameters(r.parameters()));
    ArrayNode symbols = o.putArray("symbols");
    r.symbols().forEach(symbols::add);
    o.put("timeframe", r.timeframe());
    o.put("data_source", r.dataSource());
    o.put("start", r.start() == null ? null : Times.iso(r.start().toEpochMilli()));
    o.put("end", r.end() == null ? null : Times.iso(r.end().toEpochMilli()));
    num(o, "capital", r.capital());
    num(o, "leverage", r.leverage());
    num(o, "fee_bps", r.feeBps());
    num(o, "maker_fee_bps", r.makerFeeBps());
    num(o, "slippage_bps", r.slippageBps());
    num(o, "impact_lambda", r.impactLambda());
    o.put("rebalance_days", r.rebalanceDays());
    o.put("periods_per_year", r.periodsPerYear());
    return o;
  }

  private static ObjectNode parameters(Map<String, Object> parameters) {
    ObjectNode o = NODES.objectNode();
    for (Map.Entry<String, Object> e : new TreeMap<>(parameters).entrySet()) {
      JsonNode value;
      try {
        value = finite(MAPPER.valueToTree(e.getValue()));
      } catch (IllegalArgumentException notSerialisable) {
        value = NODES.textNode(String.valueOf(e.getValue()));
      }
      o.set(e.getKey(), value);
    }
    return o;
  }

  private static ObjectNode costs(CostBreakdown c) {
    ObjectNode o = NODES.objectNode();
    num(o, "gross_pnl", c.grossPnl());
    num(o, "fees", c.fees());
    num(o, "slippage", c.slippage());
    num(o, "funding", c.funding());
    num(o, "net_pnl", c.netPnl());
    return o;
  }

  private static ArrayNode equityCurve(EquityCurve curve) {
    ArrayNode points = NODES.arrayNode(curve.size());
    long[] times = curve.timesMs();
    double[] equity = curve.equity();
    for (int k = 0; k < times.length; k++) {
      ArrayNode p = points.addArray();
      p.add(Times.iso(times[k]));
      add(p, equity[k]);
    }
    return points;
  }

  private static ArrayNode monthlyReturns(MonthlyReturns table) {
    ArrayNode rows = NODES.arrayNode();
    for (int y = table.firstYear(); y <= table.lastYear(); y++) {
      for (int m = 1; m <= 12; m++) {
        double r = table.get(y, m);
        if (!Double.isNaN(r)) {
          ObjectNode row = rows.addObject();
          row.put("year", y);
          row.put("month", m);
          num(row, "return", r);
        }
      }
    }
    return rows;
  }

  private static ObjectNode trade(TradeRecord t) {
    ObjectNode o = NODES.objectNode();
    o.put("symbol", t.symbol());
    o.put("side", t.side());
    o.put("entry_time", Times.iso(t.entryTimeMs()));
    o.put("exit_time", Times.iso(t.exitTimeMs()));
    o.put("duration_seconds", (t.exitTimeMs() - t.entryTimeMs()) / 1000);
    num(o, "quantity", t.quantity());
    num(o, "entry_price", t.entryPrice());
    num(o, "exit_price", t.exitPrice());
    num(o, "gross_pnl", t.grossPnl());
    num(o, "fees", t.fees());
    num(o, "funding", t.funding());
    num(o, "net_pnl", t.netPnl());
    return o;
  }

  private static ObjectNode attribution(SymbolAttribution a) {
    ObjectNode o = NODES.objectNode();
    o.put("symbol", a.symbol());
    num(o, "net_pnl", a.netPnl());
    num(o, "fees", a.fees());
    num(o, "funding", a.funding());
    o.put("trades", a.trades());
    num(o, "traded_notional", a.tradedNotional());
    return o;
  }

  /** Puts {@code value}, or {@code null} when it is not finite. */
  static void num(ObjectNode o, String key, double value) {
    if (Double.isFinite(value)) {
      o.put(key, value);
    } else {
      o.putNull(key);
    }
  }

  private static void add(ArrayNode a, double value) {
    if (Double.isFinite(value)) {
      a.add(value);
    } else {
      a.addNull();
    }
  }

  /** Replaces every non-finite number in {@code node} (recursively) with {@code null}. */
  static JsonNode finite(JsonNode node) {
    if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      return NODES.nullNode();
    }
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        e.setValue(finite(e.getValue()));
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, finite(a.get(i)));
      }
    }
    return node;
  }
}
