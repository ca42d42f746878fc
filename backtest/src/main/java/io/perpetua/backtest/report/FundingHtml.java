package io.perpetua.backtest.report;

import io.perpetua.backtest.funding.CarryResult;
import io.perpetua.backtest.funding.FundingReport;
import io.perpetua.backtest.funding.FundingYield;
import io.perpetua.core.time.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The funding research as one self-contained HTML page (inline CSS and SVG, no script, no external
 * resource): yearly yields per venue as bar charts and a table, and the carry equity curves.
 * Stateless.
 */
public final class FundingHtml {
  private FundingHtml() {}

  /** The page of {@code report}. */
  public static String render(FundingReport report) {
    StringBuilder b = new StringBuilder(64_000);
    b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Funding research</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:24px;color:#111}")
        .append("table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;")
        .append("padding:3px 8px;text-align:right}th{background:#f3f4f6}")
        .append("td:first-child,td:nth-child(2){text-align:left}")
        .append(".zero{stroke:#555}.grid{stroke:#e5e7eb}text{font-size:11px}")
        .append("</style></head><body><h1>Funding research</h1>");
    yieldCharts(b, report);
    yieldTable(b, report);
    b.append("<h2>Funding carry backtest</h2>");
    b.append("<pre>").append(Html.escape(report.carryTable())).append("</pre>");
    for (CarryResult c : report.carries()) {
      b.append(
          SvgChart.timeSeries(
              "Carry " + c.asset() + " on " + c.venue() + ": cumulative return on capital",
              c.timesMs(),
              c.equity(),
              true,
              true,
              "#2563eb"));
    }
    b.append("<h2>Assumptions</h2><ul>");
    report.assumptions().forEach(a -> b.append("<li>").append(Html.escape(a)).append("</li>"));
    return b.append("</ul></body></html>\n").toString();
  }

  private static void yieldCharts(StringBuilder b, FundingReport report) {
    Map<String, List<FundingYield>> byAssetYear = new LinkedHashMap<>();
    for (FundingYield y : report.yields()) {
      byAssetYear.computeIfAbsent(y.asset() + " " + y.year(), k -> new ArrayList<>()).add(y);
    }
    b.append("<h2>Annualised gross funding yield (%) per venue</h2>");
    for (String key : new TreeSet<>(byAssetYear.keySet())) {
      List<FundingYield> ys = byAssetYear.get(key);
      String[] labels = new String[ys.size()];
      double[] values = new double[ys.size()];
      for (int i = 0; i < ys.size(); i++) {
        labels[i] = ys.get(i).venue();
        values[i] = ys.get(i).annualisedYield() * 100;
      }
      b.append(SvgChart.bars(key + ": annualised yield %", labels, values));
    }
  }

  private static void yieldTable(StringBuilder b, FundingReport report) {
    b.append("<table><tr><th>asset</th><th>venue</th><th>year</th><th>settlements</th>")
        .append("<th>mean 8 h rate</th><th>annualised</th><th>negative</th></tr>");
    for (FundingYield y : report.yields()) {
      b.append("<tr><td>")
          .append(Html.escape(y.asset()))
          .append("</td><td>")
          .append(Html.escape(y.venue()))
          .append("</td><td>")
          .append(y.year())
          .append("</td><td>")
          .append(y.settlements())
          .append("</td><td>")
          .append(Html.percent(y.mean8hRate(), 5))
          .append("</td><td>")
          .append(Html.percent(y.annualisedYield(), 2))
          .append("</td><td>")
          .append(Html.percent(y.negativeShare(), 1))
          .append("</td></tr>");
    }
    b.append("</table><p>Data: ")
        .append(report.histories().size())
        .append(" histories, ")
        .append(
            Times.isoDate(report.histories().stream().mapToLong(h -> h.timeMs(0)).min().orElse(0)))
        .append(" to ")
        .append(
            Times.isoDate(
                report.histories().stream().mapToLong(h -> h.timeMs(h.size() - 1)).max().orElse(0)))
        .append(" (UTC).</p>");
  }
}
