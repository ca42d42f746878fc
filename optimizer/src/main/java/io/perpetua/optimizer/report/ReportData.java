package io.perpetua.optimizer.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpetua.analytics.overfit.Interval;
import io.perpetua.backtest.report.ResultJson;
import io.perpetua.optimizer.OverfitStatistics;
import io.perpetua.optimizer.Trial;
import io.perpetua.optimizer.wfo.Fold;
import io.perpetua.signals.strategy.space.ParamSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable outputs of an optimisation: {@code result.json} (settings, best params with
 * intervals, folds, statistics, out-of-sample curve, Pareto fronts) and the CSVs {@code trials.csv}
 * (every trial of every fold), {@code folds.csv} and {@code oos_equity.csv}. Stateless.
 */
public final class ReportData {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportData() {}

  /** Writes every output, the HTML report included, to {@code dir}; returns the files. */
  public static List<Path> writeAll(OptimizationReport report, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path html = dir.resolve("report.html");
    Path json = dir.resolve("result.json");
    Path trials = dir.resolve("trials.csv");
    Path folds = dir.resolve("folds.csv");
    Path oos = dir.resolve("oos_equity.csv");
    Files.writeString(html, ReportHtml.render(report), StandardCharsets.UTF_8);
    MAPPER.writeValue(json.toFile(), toJson(report));
    Files.writeString(trials, trialsCsv(report), StandardCharsets.UTF_8);
    Files.writeString(folds, foldsCsv(report), StandardCharsets.UTF_8);
    Files.writeString(oos, oosCsv(report), StandardCharsets.UTF_8);
    return List.of(html, json, trials, folds, oos);
  }

  /** The JSON document. */
  public static ObjectNode toJson(OptimizationReport r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("strategy", r.request().strategy());
    root.put("algorithm", r.settings().algorithm());
    root.put(
        "objective",
        String.join(",", r.settings().objectives().stream().map(o -> o.name()).toList()));
    root.put("seed", r.settings().seed());
    root.put("trials_per_fold", r.settings().trials());
    root.put("refine", r.settings().refine());
    root.put(
        "wfo",
        "train="
            + r.wfo().trainDays()
            + "d,validate="
            + r.wfo().validateDays()
            + "d,step="
            + r.wfo().stepDays()
            + "d"
            + (r.wfo().anchored() ? ",anchored" : ""));
    root.put("start", r.request().start().toString());
    root.put("end", r.request().end().toString());
    root.put("elapsed_ms", r.elapsedMs());
    root.put("total_trials", r.totalTrials());
    root.set("best_params", bestParams(r));
    root.set("sensitivity", SensitivitySection.json(r.sensitivity()));
    root.put("walk_forward_efficiency", num(r.result().efficiency()));
    root.put("oos_cagr", num(r.result().outOfSampleCagr()));
    root.put("is_cagr", num(r.result().inSampleCagr()));
    ObjectNode stability = root.putObject("parameter_stability");
    r.result().stability().forEach((k, v) -> stability.put(k, num(v)));
    ArrayNode folds = root.putArray("folds");
    for (Fold f : r.result().folds()) {
      folds.add(fold(f, r.statistics().get(f.index())));
    }
    ObjectNode curve = root.putObject("oos_equity");
    ArrayNode times = curve.putArray("times");
    ArrayNode eq = curve.putArray("equity");
    for (int i = 0; i < r.result().outOfSample().size(); i++) {
      times.add(Instant.ofEpochMilli(r.result().outOfSample().timesMs()[i]).toString());
      eq.add(r.result().outOfSample().equity()[i]);
    }
    ArrayNode assumptions = root.putArray("assumptions");
    r.assumptions().forEach(assumptions::add);
    return root;
  }

  private static ObjectNode bestParams(OptimizationReport r) {
    ObjectNode out = MAPPER.createObjectNode();
    Map<String, Object> best = r.bestParams();
    if (best == null) {
      return out;
    }
    Map<String, Interval> ci = r.statistics().get(r.bestFold()).bestParamIntervals();
    for (var e : best.entrySet()) {
      ObjectNode p = out.putObject(e.getKey());
      p.putPOJO("value", e.getValue());
      Interval i = ci.get(e.getKey());
      if (i != null) {
        p.put("ci_low", num(i.lower()));
        p.put("ci_high", num(i.upper()));
        p.put("confidence", i.confidence());
      }
    }
    return out;
  }

  private static ObjectNode fold(Fold f, OverfitStatistics s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("fold", f.index());
    n.put("train_start", Instant.ofEpochMilli(f.window().trainStart()).toString());
    n.put("train_end", Instant.ofEpochMilli(f.window().trainEnd()).toString());
    n.put("validate_end", Instant.ofEpochMilli(f.window().validateEnd()).toString());
    n.put("forward_end", Instant.ofEpochMilli(f.window().forwardEnd()).toString());
    n.put("trials", f.search().trials().size());
    n.put("accepted", f.search().trials().stream().filter(Trial::accepted).count());
    n.putPOJO("chosen", f.chosen());
    n.put("validate_score", num(f.validateScore()));
    n.put("efficiency", num(f.efficiency()));
    if (f.inSample() != null) {
      n.set("in_sample", ResultJson.metrics(f.inSample()));
    }
    if (f.outOfSample() != null) {
      n.set("out_of_sample", ResultJson.metrics(f.outOfSample()));
    }
    ArrayNode curve = n.putArray("best_so_far");
    for (double v : f.search().curve()) {
      curve.add(num(v));
    }
    ArrayNode pareto = n.putArray("pareto_front");
    f.search().pareto().forEach(pareto::add);
    n.set("overfitting", MAPPER.valueToTree(statistics(s)));
    return n;
  }

  private static Map<String, Object> statistics(OverfitStatistics s) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("trials", s.trials());
    m.put("observations_days", s.observations());
    m.put("best_sharpe_daily", num(s.bestSharpeDaily()));
    m.put("best_sharpe_annual", num(s.bestSharpeAnnual()));
    m.put("skew", num(s.skew()));
    m.put("kurtosis", num(s.kurtosis()));
    m.put("psr", num(s.psr()));
    m.put("trials_sharpe_variance", num(s.trialsSharpeVariance()));
    m.put("expected_max_sharpe", num(s.expectedMaxSharpe()));
    m.put("dsr", num(s.dsr()));
    m.put("min_track_record_days", num(s.minTrackRecordDays()));
    m.put("min_backtest_years", num(s.minBacktestYears()));
    m.put("pbo", num(s.pbo()));
    m.put("pbo_partitions", s.pboPartitions());
    return m;
  }

  /** A number for JSON (null for NaN and infinities). */
  static Double num(double v) {
    return Double.isFinite(v) ? v : null;
  }

  static String trialsCsv(OptimizationReport r) {
    List<ParamSpec> params = r.result().space().params();
    StringBuilder b = new StringBuilder("fold,trial");
    params.forEach(p -> b.append(',').append(p.name()));
    r.settings().objectives().forEach(o -> b.append(",\"").append(o.name()).append('"'));
    b.append(",sharpe,calmar,sortino,cagr,max_drawdown,total_trades,avg_turnover,rejection\n");
    for (Fold f : r.result().folds()) {
      for (Trial t : f.search().trials()) {
        b.append(f.index()).append(',').append(t.index());
        params.forEach(p -> b.append(',').append(t.params().get(p.name())));
        for (double s : t.scores()) {
          b.append(',').append(Double.isFinite(s) ? Double.toString(s) : "");
        }
        var m = t.metrics();
        if (m == null) {
          b.append(",,,,,,,");
        } else {
          b.append(',')
              .append(m.sharpe())
              .append(',')
              .append(m.calmar())
              .append(',')
              .append(m.sortino())
              .append(',')
              .append(m.cagr())
              .append(',')
              .append(m.maxDrawdown())
              .append(',')
              .append(m.totalTrades())
              .append(',')
              .append(m.avgTurnover());
        }
        b.append(',').append(t.rejection() == null ? "" : csv(t.rejection())).append('\n');
      }
    }
    return b.toString();
  }

  static String foldsCsv(OptimizationReport r) {
    StringBuilder b =
        new StringBuilder(
            "fold,train_start,train_end,validate_end,forward_end,chosen,is_sharpe,is_cagr,"
                + "oos_sharpe,oos_cagr,oos_max_drawdown,efficiency,psr,dsr,pbo\n");
    for (Fold f : r.result().folds()) {
      OverfitStatistics s = r.statistics().get(f.index());
      b.append(f.index())
          .append(',')
          .append(Instant.ofEpochMilli(f.window().trainStart()))
          .append(',')
          .append(Instant.ofEpochMilli(f.window().trainEnd()))
          .append(',')
          .append(Instant.ofEpochMilli(f.window().validateEnd()))
          .append(',')
          .append(Instant.ofEpochMilli(f.window().forwardEnd()))
          .append(',')
          .append(csv(String.valueOf(f.chosen())))
          .append(',')
          .append(f.inSample() == null ? "" : f.inSample().sharpe())
          .append(',')
          .append(f.inSample() == null ? "" : f.inSample().cagr())
          .append(',')
          .append(f.outOfSample() == null ? "" : f.outOfSample().sharpe())
          .append(',')
          .append(f.outOfSample() == null ? "" : f.outOfSample().cagr())
          .append(',')
          .append(f.outOfSample() == null ? "" : f.outOfSample().maxDrawdown())
          .append(',')
          .append(f.efficiency())
          .append(',')
          .append(s.psr())
          .append(',')
          .append(s.dsr())
          .append(',')
          .append(s.pbo())
          .append('\n');
    }
    return b.toString();
  }

  static String oosCsv(OptimizationReport r) {
    StringBuilder b = new StringBuilder("time,equity\n");
    var c = r.result().outOfSample();
    for (int i = 0; i < c.size(); i++) {
      b.append(Instant.ofEpochMilli(c.timesMs()[i])).append(',').append(c.equity()[i]).append('\n');
    }
    return b.toString();
  }

  private static String csv(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
