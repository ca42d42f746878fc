package io.perpetua.backtest.report;

import io.perpetua.backtest.metrics.MonthlyReturns;
import io.perpetua.jobs.EquityCurve;
import java.util.Locale;

/**
 * The monthly returns heat table of the HTML report: a row per year, a column per month and the
 * year's compounded return; cells shaded green (gain) or red (loss) in proportion to |return| over
 * the largest |monthly return|. Stateless.
 */
final class MonthlyTable {
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private MonthlyTable() {}

  static String render(EquityCurve curve) {
    MonthlyReturns table = MonthlyReturns.of(curve);
    if (table.isEmpty()) {
      return "<p class=\"muted\">Not enough data.</p>";
    }
    double scale = 0;
    for (int y = table.firstYear(); y <= table.lastYear(); y++) {
      for (int m = 1; m <= 12; m++) {
        double r = table.get(y, m);
        scale = Double.isFinite(r) ? Math.max(scale, Math.abs(r)) : scale;
      }
    }
    StringBuilder b = new StringBuilder(4096);
    b.append("<table class=\"heat\" id=\"monthly\"><tr><th class=\"l\">year</th>");
    for (String m : MONTHS) {
      b.append("<th>").append(m).append("</th>");
    }
    b.append("<th>year</th></tr>");
    for (int y = table.firstYear(); y <= table.lastYear(); y++) {
      b.append("<tr><th class=\"l\">").append(y).append("</th>");
      for (int m = 1; m <= 12; m++) {
        cell(b, table.get(y, m), scale);
      }
      cell(b, table.yearReturn(y), 0);
      b.append("</tr>");
    }
    return b.append("</table>").toString();
  }

  private static void cell(StringBuilder b, double r, double scale) {
    if (!Double.isFinite(r)) {
      b.append("<td></td>");
      return;
    }
    if (scale > 0) {
      double alpha = 0.12 + 0.68 * Math.min(1, Math.abs(r) / scale);
      b.append("<td style=\"background:rgba(")
          .append(r >= 0 ? "22,163,74," : "220,38,38,")
          .append(String.format(Locale.ROOT, "%.2f", alpha))
          .append(")\">");
    } else {
      b.append("<td class=\"").append(r >= 0 ? "pos" : "neg").append("\">");
    }
    b.append(Html.percent(r, 1)).append("</td>");
  }
}
