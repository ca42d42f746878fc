package io.perpetua.backtest.report;

import io.perpetua.core.time.Times;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.jobs.Disclosures;
import io.perpetua.jobs.Metrics;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's context section: the strategy beside its gross-of-cost figures and the benchmarks,
 * the share of funding from the fallback rate, spot bars, and the pool size over time. The same
 * lines serve the CLI summary ({@link #lines}). Stateless.
 */
public final class DisclosuresHtml {
  private DisclosuresHtml() {}

  /**
   * Text lines for the CLI: one per figure set ({@code net | gross of costs | benchmarks}), then
   * the data caveats; empty when the result has no disclosures.
   */
  public static List<String> lines(BacktestResult r) {
    Disclosures d = r.disclosures();
    if (d == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    out.add(row("strategy (net)", r.metrics()));
    out.add(row("strategy gross of costs", d.grossOfCosts()));
    for (Disclosures.Benchmark b : d.benchmarks()) {
      out.add(row(b.name(), b.metrics()));
    }
    out.addAll(caveats(d));
    return out;
  }

  private static String row(String name, Metrics m) {
    return String.format(
        "%-26s total return %s, sharpe %s, max drawdown %s",
        name,
        Html.percent(m.totalReturn(), 2),
        Html.number(m.sharpe(), 2),
        Html.percent(m.maxDrawdown(), 2));
  }

  private static List<String> caveats(Disclosures d) {
    List<String> out = new ArrayList<>();
    if (!Double.isNaN(d.fundingFromFallback())) {
      out.add(
          "funding: "
              + Html.percent(d.fundingFromFallback(), 1)
              + " of the settled amount came from the fallback rate (no recorded history)");
    }
    if (!d.spotSymbols().isEmpty()) {
      out.add(
          "spot bars, not perpetual: "
              + String.join(", ", d.spotSymbols())
              + " (prices and volumes of the spot market)");
    }
    int[] range = d.poolSizeRange();
    if (!d.poolSizes().isEmpty()) {
      out.add(
          "pool size: "
              + range[0]
              + ".."
              + range[1]
              + " over "
              + d.poolSizes().size()
              + " decisions (first "
              + d.poolSizes().get(0).poolSize()
              + ", last "
              + d.poolSizes().get(d.poolSizes().size() - 1).poolSize()
              + ")");
    }
    return out;
  }

  /** The HTML section (nothing without disclosures). */
  static void render(StringBuilder b, BacktestResult r) {
    Disclosures d = r.disclosures();
    if (d == null) {
      return;
    }
    b.append("<h2>Against costs and benchmarks</h2><table class=\"kv\" id=\"benchmarks\">")
        .append("<tr><th></th><th>total return</th><th>CAGR</th><th>Sharpe</th>")
        .append("<th>max drawdown</th></tr>");
    figures(b, "Strategy (net of costs)", r.metrics());
    figures(b, "Strategy gross of costs (fees and slippage added back)", d.grossOfCosts());
    for (Disclosures.Benchmark x : d.benchmarks()) {
      figures(b, x.name() + ": " + x.description(), x.metrics());
    }
    b.append("</table><ul class=\"muted\" id=\"data-caveats\">");
    for (String c : caveats(d)) {
      b.append("<li>").append(Html.escape(c)).append("</li>");
    }
    b.append("</ul>");
    if (!d.poolSizes().isEmpty()) {
      b.append("<details id=\"pool-sizes\"><summary>Pool size at each decision</summary><table>")
          .append("<tr><th>time</th><th>pool</th><th>with signal</th></tr>");
      for (Disclosures.PoolSize p : d.poolSizes()) {
        b.append("<tr><td>")
            .append(Times.iso(p.timeMs()))
            .append("</td><td>")
            .append(p.poolSize())
            .append("</td><td>")
            .append(p.withSignal())
            .append("</td></tr>");
      }
      b.append("</table></details>");
    }
  }

  private static void figures(StringBuilder b, String label, Metrics m) {
    b.append("<tr><td>")
        .append(Html.escape(label))
        .append("</td><td>")
        .append(Html.percent(m.totalReturn(), 2))
        .append("</td><td>")
        .append(Html.percent(m.cagr(), 2))
        .append("</td><td>")
        .append(Html.number(m.sharpe(), 2))
        .append("</td><td>")
        .append(Html.percent(m.maxDrawdown(), 2))
        .append("</td></tr>");
  }
}
