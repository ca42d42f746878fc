package io.perpetua.backtest.report;

import io.perpetua.analytics.metrics.Drawdowns;
import io.perpetua.backtest.BacktestDays;
import io.perpetua.core.time.Times;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.jobs.CostBreakdown;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.RunActivity;
import io.perpetua.jobs.SymbolAttribution;
import io.perpetua.jobs.TradeRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A self-contained HTML report of a result: one file with inline CSS and inline SVG charts, no
 * script and no external resource, readable offline. Sections: header (strategy, parameters, range,
 * costs, optional survivorship-bias caveat, and why nothing traded when nothing did), orders and
 * universe (orders sent, fills, rejections by rule, skipped symbols), metrics, equity and drawdown
 * charts, monthly returns heat table, cost breakdown chart, per-symbol attribution (top and
 * bottom), and the first trades. All text from the result is HTML-escaped. Stateless.
 */
public final class HtmlReport {
  /** Trades listed by default. */
  public static final int DEFAULT_MAX_TRADES = 100;

  /** Symbols listed at each end of the attribution table by default. */
  public static final int DEFAULT_ATTRIBUTION_ROWS = 10;

  /** The caveat shown when the data set has no delisted symbols. */
  public static final String SURVIVORSHIP_CAVEAT =
      "Survivorship bias: the data set contains no delisted symbols, so the universe is the"
          + " survivors. Results are likely better than a strategy trading the historical"
          + " universe (including later-delisted coins) would have achieved.";

  public static final String CSS =
      "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;"
          + "max-width:960px;color:#1f2937;padding:0 12px}h1{font-size:22px;margin:0 0 4px}"
          + "h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}"
          + "table{border-collapse:collapse;font-variant-numeric:tabular-nums}"
          + "td,th{padding:3px 8px;border-bottom:1px solid #f1f5f9;text-align:right}"
          + "th{background:#f8fafc;font-weight:600}td.l,th.l{text-align:left}"
          + ".kv td:first-child{text-align:left;color:#6b7280}.kv td{text-align:left}"
          + ".caveat{background:#fef3c7;border:1px solid #f59e0b;padding:8px 12px;margin:12px 0}"
          + ".chart{width:100%;height:auto}.chart text{font-size:11px;fill:#4b5563}"
          + ".chart .grid{stroke:#e5e7eb}.chart .zero{stroke:#6b7280}"
          + ".pos{color:#15803d}.neg{color:#b91c1c}.muted{color:#6b7280}"
          + ".metrics{display:flex;gap:32px;flex-wrap:wrap}.heat td{min-width:52px}";

  private HtmlReport() {}

  /** The report with the default table sizes. */
  public static String render(BacktestResult result, boolean survivorshipCaveat) {
    return render(result, survivorshipCaveat, DEFAULT_MAX_TRADES, DEFAULT_ATTRIBUTION_ROWS);
  }

  /**
   * The report listing at most {@code maxTrades} trades and the {@code attributionRows} best and
   * worst symbols (all symbols when there are at most twice as many).
   */
  public static String render(
      BacktestResult result, boolean survivorshipCaveat, int maxTrades, int attributionRows) {
    BacktestRequest req = result.request();
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<title>Backtest report: ")
        .append(Html.escape(req.strategy()))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body>");
    b.append("<h1>Backtest report: ").append(Html.escape(req.strategy())).append("</h1>");
    b.append("<div class=\"muted\">").append(Html.escape(range(req))).append("</div>");
    if (survivorshipCaveat) {
      b.append("<div class=\"caveat\" id=\"survivorship\">")
          .append(Html.escape(SURVIVORSHIP_CAVEAT))
          .append("</div>");
    }
    result
        .activity()
        .idleReason()
        .ifPresent(
            why ->
                b.append("<div class=\"caveat\" id=\"idle\">")
                    .append(Html.escape(why))
                    .append("</div>"));
    Halts.html(b, result.metrics(), result.activity());
    DisclosuresHtml.render(b, result);
    header(b, result);
    activity(b, result.activity());
    metrics(b, result.metrics());
    charts(b, result.equity());
    b.append("<h2>Monthly returns</h2>").append(MonthlyTable.render(result.equity()));
    costs(b, result.costs());
    attribution(b, result.attribution(), attributionRows);
    trades(b, result.trades(), maxTrades);
    b.append("<p class=\"muted\">Metric definitions: docs/metrics.md. Generated by Perpetua.</p>");
    return b.append("</body></html>").toString();
  }

  private static String range(BacktestRequest r) {
    String range =
        r.start() == null || r.end() == null ? "?" : BacktestDays.describe(r.start(), r.end());
    return range + ", " + r.timeframe() + " " + r.dataSource();
  }

  private static void header(StringBuilder b, BacktestResult result) {
    BacktestRequest r = result.request();
    b.append("<h2>Run</h2><table class=\"kv\">");
    kv(b, "Strategy", r.strategy());
    kv(b, "Parameters", parameters(r.parameters()));
    kv(b, "Symbols", symbols(r.symbols()));
    kv(b, "Range", range(r));
    kv(b, "Capital", Html.number(r.capital(), 2) + " USDT");
    kv(b, "Leverage", Html.number(r.leverage(), 2) + "×");
    kv(
        b,
        "Costs",
        "taker fee "
            + Html.number(r.feeBps(), 2)
            + " bps, maker fee "
            + Html.number(r.makerFeeBps(), 2)
            + " bps, slippage "
            + Html.number(r.slippageBps(), 2)
            + " bps, impact λ "
            + Html.number(r.impactLambda(), 4));
    kv(b, "Rebalance", r.rebalanceDays() == null ? "strategy default" : r.rebalanceDays() + " d");
    kv(b, "Periods per year", Integer.toString(r.periodsPerYear()));
    kv(
        b,
        "Work",
        result.orders()
            + " orders, "
            + result.rebalances()
            + " rebalances, "
            + result.symbolBars()
            + " symbol-bars in "
            + Html.number(result.elapsedMs() / 1000.0, 1)
            + " s");
    b.append("</table>");
  }

  /** Orders sent, filled and rejected by rule, and the symbols left out of the run. */
  private static void activity(StringBuilder b, RunActivity a) {
    b.append("<h2>Orders and universe</h2><table class=\"kv\" id=\"activity\">");
    kv(b, "Orders sent", Integer.toString(a.ordersSent()));
    kv(b, "Fills", Integer.toString(a.fills()));
    kv(b, "Orders rejected", Integer.toString(a.ordersRejected()));
    for (RunActivity.Rejections r : a.rejections()) {
      kv(b, "  by " + r.rule(), r.count() + " (first: " + r.example() + ")");
    }
    kv(b, "Symbols skipped", Integer.toString(a.skipped().size()));
    for (RunActivity.SkippedSymbol sk : a.skipped()) {
      kv(b, "  " + sk.symbol(), sk.reason());
    }
    b.append("</table>");
  }

  private static String parameters(Map<String, Object> parameters) {
    if (parameters.isEmpty()) {
      return "defaults";
    }
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, Object> e : new TreeMap<>(parameters).entrySet()) {
      s.append(s.isEmpty() ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
    }
    return s.toString();
  }

  private static String symbols(List<String> symbols) {
    if (symbols.isEmpty()) {
      return "all symbols in the data";
    }
    int shown = Math.min(30, symbols.size());
    String list = String.join(", ", symbols.subList(0, shown));
    return symbols.size() + ": " + list + (shown < symbols.size() ? ", …" : "");
  }

  private static void metrics(StringBuilder b, Metrics m) {
    b.append("<h2>Metrics</h2><div class=\"metrics\"><table class=\"kv\" id=\"metrics\">");
    kv(b, "Total return", Html.percent(m.totalReturn(), 2));
    kv(b, "CAGR", Html.percent(m.cagr(), 2));
    kv(b, "Volatility (annualised)", Html.percent(m.volatility(), 2));
    kv(b, "Sharpe", Html.number(m.sharpe(), 2));
    kv(b, "Sortino", Html.number(m.sortino(), 2));
    kv(b, "Calmar", Html.number(m.calmar(), 2));
    kv(b, "Max drawdown", Html.percent(m.maxDrawdown(), 2));
    if (Double.isFinite(m.maxDrawdown()) && m.maxDrawdown() < 0) {
      kv(
          b,
          "Max drawdown peak → trough",
          Times.iso(m.maxDrawdownPeakMs()) + " → " + Times.iso(m.maxDrawdownTroughMs()));
    }
    b.append("</table><table class=\"kv\">");
    kv(b, "Total trades", Integer.toString(m.totalTrades()));
    kv(b, "Win rate", Html.percent(m.winRate(), 1));
    kv(b, "Profit factor", Html.number(m.profitFactor(), 2));
    kv(
        b,
        "Expected value / trade",
        Html.number(m.expectedValue(), 2) + (Double.isFinite(m.expectedValue()) ? " USDT" : ""));
    kv(b, "Average trade duration", Html.duration(m.avgTradeDurationSeconds()));
    kv(b, "Average turnover / rebalance", Html.percent(m.avgTurnover(), 1));
    b.append("</table></div>");
  }

  private static void charts(StringBuilder b, EquityCurve curve) {
    long[] times = curve.timesMs();
    double[] equity = curve.equity();
    b.append("<h2>Equity</h2>");
    b.append(SvgChart.timeSeries("Equity (USDT)", times, equity, false, false, "#2563eb"));
    b.append("<h2>Drawdown</h2>");
    b.append(
        SvgChart.timeSeries(
            "Drawdown from the running peak",
            times,
            Drawdowns.series(equity),
            true,
            true,
            "#dc2626"));
  }

  private static void costs(StringBuilder b, CostBreakdown c) {
    b.append("<h2>Costs</h2>");
    String[] labels = {"gross PnL", "fees", "slippage", "funding", "net PnL"};
    double[] values = {c.grossPnl(), -c.fees(), -c.slippage(), c.funding(), c.netPnl()};
    b.append(
        SvgChart.bars(
            "Cost breakdown (USDT): net = gross − fees − slippage + funding", labels, values));
  }

  private static void attribution(
      StringBuilder b, List<SymbolAttribution> rows, int attributionRows) {
    b.append("<h2>Attribution by symbol</h2>");
    List<SymbolAttribution> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingDouble(SymbolAttribution::netPnl).reversed());
    b.append("<table id=\"attribution\"><tr><th class=\"l\">symbol</th><th>net PnL</th>")
        .append("<th>fees</th><th>funding</th><th>trades</th><th>traded notional</th></tr>");
    if (sorted.size() <= 2 * attributionRows) {
      sorted.forEach(a -> attributionRow(b, a));
    } else {
      sorted.subList(0, attributionRows).forEach(a -> attributionRow(b, a));
      b.append("<tr><td class=\"l muted\" colspan=\"6\">… ")
          .append(sorted.size() - 2 * attributionRows)
          .append(" symbols …</td></tr>");
      sorted
          .subList(sorted.size() - attributionRows, sorted.size())
          .forEach(a -> attributionRow(b, a));
    }
    b.append("</table>");
  }

  private static void attributionRow(StringBuilder b, SymbolAttribution a) {
    b.append("<tr><td class=\"l\">").append(Html.escape(a.symbol())).append("</td>");
    signed(b, a.netPnl());
    cell(b, Html.number(a.fees(), 2));
    signed(b, a.funding());
    cell(b, Integer.toString(a.trades()));
    cell(b, Html.number(a.tradedNotional(), 0));
    b.append("</tr>");
  }

  private static void trades(StringBuilder b, List<TradeRecord> trades, int maxTrades) {
    int shown = Math.min(maxTrades, trades.size());
    b.append("<h2>Trades</h2><p class=\"muted\">")
        .append(shown < trades.size() ? "First " + shown + " of " + trades.size() : trades.size())
        .append(" closed trades.</p>");
    b.append("<table id=\"trades\"><tr><th class=\"l\">symbol</th><th class=\"l\">side</th>")
        .append("<th class=\"l\">entry</th><th class=\"l\">exit</th><th>quantity</th>")
        .append("<th>entry price</th><th>exit price</th><th>gross</th><th>fees</th>")
        .append("<th>funding</th><th>net</th></tr>");
    for (TradeRecord t : trades.subList(0, shown)) {
      b.append("<tr><td class=\"l\">")
          .append(Html.escape(t.symbol()))
          .append("</td><td class=\"l\">")
          .append(Html.escape(t.side()))
          .append("</td><td class=\"l\">")
          .append(Times.iso(t.entryTimeMs()))
          .append("</td><td class=\"l\">")
          .append(Times.iso(t.exitTimeMs()))
          .append("</td>");
      cell(b, Html.number(t.quantity(), 4));
      cell(b, Html.price(t.entryPrice()));
      cell(b, Html.price(t.exitPrice()));
      signed(b, t.grossPnl());
      cell(b, Html.number(t.fees(), 2));
      signed(b, t.funding());
      signed(b, t.netPnl());
      b.append("</tr>");
    }
    b.append("</table>");
  }

  private static void kv(StringBuilder b, String key, String value) {
    b.append("<tr><td>")
        .append(Html.escape(key))
        .append("</td><td>")
        .append(Html.escape(value))
        .append("</td></tr>");
  }

  private static void cell(StringBuilder b, String text) {
    b.append("<td>").append(Html.escape(text)).append("</td>");
  }

  private static void signed(StringBuilder b, double v) {
    b.append(v > 0 ? "<td class=\"pos\">" : v < 0 ? "<td class=\"neg\">" : "<td>")
        .append(Html.escape(Html.number(v, 2)))
        .append("</td>");
  }
}
