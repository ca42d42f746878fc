package io.perpetua.optimizer.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpetua.backtest.report.Html;
import io.perpetua.optimizer.Sensitivity;

/** The parameter-jitter section of the report: HTML table and JSON object. Stateless. */
final class SensitivitySection {
  private SensitivitySection() {}

  /** Appends the HTML section ("flat is good"). */
  static void html(StringBuilder b, Sensitivity s) {
    b.append("<h2 id=\"jitter\">Parameter-jitter sensitivity</h2>");
    if (s == null) {
      b.append("<p>no fold chose parameters: nothing to jitter</p>");
      return;
    }
    b.append("<p class=\"muted\">The first objective on fold ")
        .append(s.fold() + 1)
        .append("'s training window at the chosen parameters and at ±")
        .append(Html.number(s.delta() * 100, 0))
        .append(
            " % of each searched range (at least one grid step), one parameter at a time."
                + " Flat is good: neighbours close to the centre mean a robust optimum; a spike"
                + " means one fitted to noise.</p><table><tr><th>parameter</th><th>−δ value</th>"
                + "<th>objective</th><th>chosen</th><th>objective</th><th>+δ value</th>"
                + "<th>objective</th></tr>");
    double base = s.jitter().base();
    for (Sensitivity.Row row : s.rows()) {
      b.append("<tr><td>")
          .append(Html.escape(row.name()))
          .append("</td><td>")
          .append(Html.escape(String.valueOf(row.minusValue())))
          .append("</td><td>")
          .append(Html.number(row.minus(), 3))
          .append("</td><td>")
          .append(Html.escape(String.valueOf(row.value())))
          .append("</td><td>")
          .append(Html.number(base, 3))
          .append("</td><td>")
          .append(Html.escape(String.valueOf(row.plusValue())))
          .append("</td><td>")
          .append(Html.number(row.plus(), 3))
          .append("</td></tr>");
    }
    b.append("</table><p>worst neighbour change ")
        .append(Html.percent(s.jitter().worstRelativeChange(), 1))
        .append(", mean neighbour change ")
        .append(Html.percent(s.jitter().meanRelativeChange(), 1))
        .append(" of |centre|</p>");
  }

  /** The JSON object, or null. */
  static ObjectNode json(Sensitivity s) {
    if (s == null) {
      return null;
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode n = f.objectNode();
    n.put("fold", s.fold());
    n.put("delta", s.delta());
    n.put("base", num(s.jitter().base()));
    n.put("worst_relative_change", num(s.jitter().worstRelativeChange()));
    n.put("mean_relative_change", num(s.jitter().meanRelativeChange()));
    var rows = n.putArray("parameters");
    for (Sensitivity.Row row : s.rows()) {
      ObjectNode r = rows.addObject();
      r.put("name", row.name());
      r.putPOJO("value", row.value());
      r.putPOJO("minus_value", row.minusValue());
      r.putPOJO("plus_value", row.plusValue());
      r.put("minus", num(row.minus()));
      r.put("plus", num(row.plus()));
    }
    return n;
  }

  private static Double num(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
