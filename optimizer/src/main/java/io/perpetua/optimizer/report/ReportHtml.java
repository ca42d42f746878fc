package io.perpetua.optimizer.report;

import io.perpetua.analytics.overfit.Interval;
import io.perpetua.backtest.report.Html;
import io.perpetua.backtest.report.HtmlReport;
import io.perpetua.backtest.report.SvgChart;
import io.perpetua.optimizer.OverfitStatistics;
import io.perpetua.optimizer.SearchRun;
import io.perpetua.optimizer.Trial;
import io.perpetua.optimizer.wfo.Fold;
import io.perpetua.signals.strategy.space.ParamKind;
import io.perpetua.signals.strategy.space.ParamSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The self-contained HTML report of an optimisation (inline CSS and SVG, the backtest report's
 * style and chart helpers): summary and assumptions, best parameters with intervals, fold table,
 * out-of-sample equity, optimisation curves, sensitivity heat map, Pareto front, overfitting
 * statistics and the best trials. Stateless.
 */
final class ReportHtml {
  private ReportHtml() {}

  static String render(OptimizationReport r) {
    StringBuilder b = new StringBuilder(128 * 1024);
    String title = "Optimisation report: " + r.request().strategy();
    b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape(title))
        .append("</title><style>")
        .append(HtmlReport.CSS)
        .append("</style></head><body><h1>")
        .append(Html.escape(title))
        .append("</h1>");
    summary(b, r);
    bestParams(b, r);
    folds(b, r);
    b.append("<h2 id=\"oos\">Stitched out-of-sample equity</h2>");
    var oos = r.result().outOfSample();
    b.append(
        oos.size() > 1
            ? SvgChart.timeSeries(
                "out-of-sample equity", oos.timesMs(), oos.equity(), false, false, "#1f77b4")
            : "<p>no forward window ran</p>");
    curves(b, r);
    heatMap(b, r);
    SensitivitySection.html(b, r.sensitivity());
    pareto(b, r);
    statistics(b, r);
    trials(b, r);
    return b.append("</body></html>").toString();
  }

  private static void summary(StringBuilder b, OptimizationReport r) {
    b.append("<div class=\"muted\">")
        .append(Html.escape(r.request().start() + " → " + r.request().end()))
        .append("</div><table>");
    row(
        b,
        "algorithm",
        r.settings().algorithm()
            + (r.settings().refine() > 0
                ? " + Nelder–Mead (" + r.settings().refine() + " trials)"
                : ""));
    row(
        b,
        "objective",
        String.join(", ", r.settings().objectives().stream().map(o -> o.name()).toList()));
    row(b, "trials per fold / total", r.settings().trials() + " / " + r.totalTrials());
    row(b, "seed", Long.toString(r.settings().seed()));
    row(
        b,
        "walk-forward",
        r.wfo().trainDays()
            + " d train, "
            + r.wfo().validateDays()
            + " d validate, "
            + r.wfo().stepDays()
            + " d forward/step, "
            + (r.wfo().anchored() ? "anchored" : "rolling"));
    row(b, "walk-forward efficiency", Html.number(r.result().efficiency(), 3));
    row(b, "out-of-sample CAGR (stitched)", Html.percent(r.result().outOfSampleCagr(), 2));
    row(b, "in-sample CAGR (mean of chosen)", Html.percent(r.result().inSampleCagr(), 2));
    row(b, "elapsed", Html.number(r.elapsedMs() / 1000.0, 1) + " s");
    b.append("</table><h2 id=\"assumptions\">Assumptions</h2><ul>");
    for (String a : r.assumptions()) {
      b.append("<li>").append(Html.escape(a)).append("</li>");
    }
    b.append("</ul>");
  }

  private static void bestParams(StringBuilder b, OptimizationReport r) {
    b.append("<h2 id=\"best\">Best parameters (last fold)</h2>");
    Map<String, Object> best = r.bestParams();
    if (best == null) {
      b.append("<p>No trial met the constraints in any fold.</p>");
      return;
    }
    Map<String, Interval> ci = r.statistics().get(r.bestFold()).bestParamIntervals();
    b.append("<table><tr><th>parameter</th><th>value</th><th>95 % bootstrap interval</th></tr>");
    for (var e : best.entrySet()) {
      Interval i = ci.get(e.getKey());
      b.append("<tr><td>")
          .append(Html.escape(e.getKey()))
          .append("</td><td>")
          .append(Html.escape(String.valueOf(e.getValue())))
          .append("</td><td>")
          .append(
              i == null ? "n/a" : Html.number(i.lower(), 4) + " .. " + Html.number(i.upper(), 4))
          .append("</td></tr>");
    }
    b.append("</table>");
  }

  private static void folds(StringBuilder b, OptimizationReport r) {
    b.append("<h2 id=\"folds\">Folds</h2><table><tr><th>fold</th><th>train</th><th>forward</th>")
        .append("<th>chosen</th><th>IS Sharpe</th><th>IS CAGR</th><th>OOS Sharpe</th>")
        .append("<th>OOS CAGR</th><th>OOS max DD</th><th>WFE</th></tr>");
    for (Fold f : r.result().folds()) {
      b.append("<tr><td>")
          .append(f.index())
          .append("</td><td>")
          .append(day(f.window().trainStart()))
          .append(" → ")
          .append(day(f.window().trainEnd()))
          .append("</td><td>")
          .append(day(f.window().validateEnd()))
          .append(" → ")
          .append(day(f.window().forwardEnd()))
          .append("</td><td>")
          .append(Html.escape(String.valueOf(f.chosen())))
          .append("</td>");
      cell(b, f.inSample() == null ? Double.NaN : f.inSample().sharpe(), false);
      cell(b, f.inSample() == null ? Double.NaN : f.inSample().cagr(), true);
      cell(b, f.outOfSample() == null ? Double.NaN : f.outOfSample().sharpe(), false);
      cell(b, f.outOfSample() == null ? Double.NaN : f.outOfSample().cagr(), true);
      cell(b, f.outOfSample() == null ? Double.NaN : f.outOfSample().maxDrawdown(), true);
      cell(b, f.efficiency(), false);
      b.append("</tr>");
    }
    b.append(
        "</table><p class=\"muted\">Parameter stability (sd of the chosen value across folds,"
            + " as a fraction of the searched range; 0 = always the same): ");
    r.result()
        .stability()
        .forEach(
            (k, v) -> b.append(Html.escape(k)).append(' ').append(Html.number(v, 3)).append("; "));
    b.append("</p>");
  }

  private static void curves(StringBuilder b, OptimizationReport r) {
    b.append("<h2 id=\"curve\">Optimisation curve (best-so-far objective per trial)</h2>");
    List<double[]> series = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Fold f : r.result().folds()) {
      series.add(f.search().curve());
      names.add("fold " + f.index());
    }
    b.append(Charts.lines("optimisation curve", series, names));
  }

  private static void heatMap(StringBuilder b, OptimizationReport r) {
    List<ParamSpec> numeric = new ArrayList<>();
    for (ParamSpec p : r.result().space().params()) {
      if (p.kind() != ParamKind.CATEGORICAL) {
        numeric.add(p);
      }
    }
    b.append("<h2 id=\"heatmap\">Sensitivity heat map</h2>");
    int fold = Math.max(0, r.bestFold());
    if (numeric.size() < 2 || r.result().folds().isEmpty()) {
      b.append("<p>needs two numeric parameters</p>");
      return;
    }
    ParamSpec px = numeric.get(0);
    ParamSpec py = numeric.get(1);
    int n = 10;
    double[][] sum = new double[n][n];
    int[][] count = new int[n][n];
    for (Trial t : r.result().folds().get(fold).search().trials()) {
      if (!t.accepted() || !Double.isFinite(t.score())) {
        continue;
      }
      int i = Math.min(n - 1, (int) (px.unit(t.params().get(px.name())) * n));
      int j = Math.min(n - 1, (int) (py.unit(t.params().get(py.name())) * n));
      sum[j][i] += t.score();
      count[j][i]++;
    }
    double[][] cells = new double[n][n];
    String[] xl = new String[n];
    String[] yl = new String[n];
    for (int k = 0; k < n; k++) {
      xl[k] = String.valueOf(px.value((k + 0.5) / n));
      yl[k] = String.valueOf(py.value((k + 0.5) / n));
      for (int i = 0; i < n; i++) {
        cells[k][i] = count[k][i] == 0 ? Double.NaN : sum[k][i] / count[k][i];
      }
    }
    b.append("<p class=\"muted\">Fold ")
        .append(fold)
        .append(", mean objective of the trials in each cell.</p>");
    b.append(Charts.heatMap("sensitivity", px.name(), py.name(), xl, yl, cells));
  }

  private static void pareto(StringBuilder b, OptimizationReport r) {
    if (r.settings().objectives().size() < 2 || r.result().folds().isEmpty()) {
      return;
    }
    SearchRun run = r.result().folds().get(Math.max(0, r.bestFold())).search();
    int n = run.trials().size();
    double[] xs = new double[n];
    double[] ys = new double[n];
    boolean[] front = new boolean[n];
    for (Trial t : run.trials()) {
      xs[t.index()] = t.scores()[0];
      ys[t.index()] = t.scores()[1];
    }
    run.pareto().forEach(i -> front[i] = true);
    b.append("<h2 id=\"pareto\">Pareto front</h2>");
    b.append(
        Charts.scatter(
            "pareto front",
            r.settings().objectives().get(0).name(),
            r.settings().objectives().get(1).name(),
            xs,
            ys,
            front));
  }

  private static void statistics(StringBuilder b, OptimizationReport r) {
    b.append("<h2 id=\"overfitting\">Overfitting statistics (per fold, training window)</h2>")
        .append("<table><tr><th>fold</th><th>trials</th><th>days</th><th>best Sharpe (annual)</th>")
        .append("<th>PSR</th><th>DSR</th><th>E[max Sharpe] (daily)</th><th>MinTRL (days)</th>")
        .append("<th>MinBTL (years)</th><th>PBO (S)</th></tr>");
    for (OverfitStatistics s : r.statistics()) {
      b.append("<tr><td>")
          .append(r.statistics().indexOf(s))
          .append("</td><td>")
          .append(s.trials())
          .append("</td><td>")
          .append(s.observations())
          .append("</td>");
      cell(b, s.bestSharpeAnnual(), false);
      cell(b, s.psr(), false);
      cell(b, s.dsr(), false);
      cell(b, s.expectedMaxSharpe(), false);
      cell(b, s.minTrackRecordDays(), false);
      cell(b, s.minBacktestYears(), false);
      b.append("<td>")
          .append(Html.number(s.pbo(), 3))
          .append(" (")
          .append(s.pboPartitions())
          .append(")</td></tr>");
    }
    b.append(
        "</table><p class=\"muted\">PSR against 0; DSR deflates for the number of trials and the"
            + " variance of their Sharpe ratios; PBO by CSCV (Bailey et al. 2017). Conventions: docs/metrics.md.</p>");
  }

  private static void trials(StringBuilder b, OptimizationReport r) {
    if (r.result().folds().isEmpty()) {
      return;
    }
    int fold = Math.max(0, r.bestFold());
    List<Trial> sorted = new ArrayList<>(r.result().folds().get(fold).search().trials());
    sorted.sort(Comparator.comparingDouble(Trial::score).reversed());
    b.append("<h2 id=\"trials\">Best trials of fold ")
        .append(fold)
        .append(" (all trials of all folds: trials.csv)</h2><table><tr><th>#</th><th>params</th>")
        .append(
            "<th>score</th><th>Sharpe</th><th>max DD</th><th>trades</th><th>rejection</th></tr>");
    for (Trial t : sorted.subList(0, Math.min(20, sorted.size()))) {
      b.append("<tr><td>")
          .append(t.index())
          .append("</td><td>")
          .append(Html.escape(t.params().toString()))
          .append("</td>");
      cell(b, t.score(), false);
      cell(b, t.metrics() == null ? Double.NaN : t.metrics().sharpe(), false);
      cell(b, t.metrics() == null ? Double.NaN : t.metrics().maxDrawdown(), true);
      b.append("<td>")
          .append(t.metrics() == null ? "" : t.metrics().totalTrades())
          .append("</td><td>")
          .append(Html.escape(t.rejection() == null ? "" : t.rejection()))
          .append("</td></tr>");
    }
    b.append("</table>");
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("<tr><th>")
        .append(Html.escape(k))
        .append("</th><td>")
        .append(Html.escape(v))
        .append("</td></tr>");
  }

  private static void cell(StringBuilder b, double v, boolean percent) {
    b.append("<td>").append(percent ? Html.percent(v, 2) : Html.number(v, 3)).append("</td>");
  }

  private static String day(long ms) {
    return Instant.ofEpochMilli(ms).toString().substring(0, 10);
  }
}
