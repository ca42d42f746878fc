package io.perpetua.optimizer.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.optimizer.Constraints;
import io.perpetua.optimizer.Objective;
import io.perpetua.optimizer.Optimization;
import io.perpetua.optimizer.SearchSettings;
import io.perpetua.optimizer.SyntheticSetup;
import io.perpetua.optimizer.wfo.WalkForwardSettings;
import io.perpetua.signals.strategy.space.ParamSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir static Path data;
  @TempDir Path out;
  static OptimizationReport report;

  @BeforeAll
  static void run() throws Exception {
    SyntheticSetup.write(data, Long.MAX_VALUE);
    ParamSpace declared = SyntheticSetup.templates().space("baseline_rev");
    ParamSpace space =
        ParamSpace.of(
            declared.spec("long_n").narrowed(1, 8, 1.0),
            declared.spec("short_n").narrowed(1, 8, 1.0));
    report =
        Optimization.run(
            space,
            SyntheticSetup.engine(data),
            SyntheticSetup.request(36, 100),
            new SearchSettings(
                "nsga2", 24, 3, Objective.parseList("sharpe,max_dd"), Constraints.none(), 0),
            WalkForwardSettings.parse("train=30d,validate=0d,step=15d"),
            null,
            () -> false,
            (f, t) -> {});
  }

  @Test
  void writesHtmlJsonAndCsv_withEverySection() throws Exception {
    var files = ReportData.writeAll(report, out);
    assertThat(files).allMatch(Files::exists);
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html)
        .contains(
            "id=\"best\"",
            "id=\"folds\"",
            "id=\"oos\"",
            "id=\"curve\"",
            "id=\"heatmap\"",
            "id=\"pareto\"",
            "id=\"overfitting\"",
            "id=\"trials\"",
            "survivorship")
        .doesNotContain("<script");
    JsonNode json = new ObjectMapper().readTree(out.resolve("result.json").toFile());
    assertThat(json.at("/folds").size()).isEqualTo(2);
    assertThat(json.at("/best_params/long_n/value").isInt()).isTrue();
    assertThat(json.at("/best_params/long_n/ci_low").isNumber()).isTrue();
    assertThat(json.at("/folds/0/overfitting/psr").isNumber()).isTrue();
    assertThat(json.at("/folds/0/pareto_front").size()).isPositive();
    long rows = Files.readAllLines(out.resolve("trials.csv")).size();
    assertThat(rows).isEqualTo(report.totalTrials() + 1);
  }

  @Test
  void jitterSensitivity_aroundTheTradedParameters_inHtmlAndJson() throws Exception {
    var s = report.sensitivity();
    assertThat(s).isNotNull();
    var fold = report.result().folds().get(s.fold());
    assertThat(s.fold()).isEqualTo(report.bestFold());
    assertThat(s.rows()).extracting(r -> r.name()).containsExactly("long_n", "short_n");
    // the centre is the chosen parameters on their training window: the search's own trial
    var chosen =
        fold.search().trials().stream()
            .filter(t -> t.params().equals(fold.chosen()))
            .findFirst()
            .orElseThrow();
    assertThat(s.jitter().base()).isEqualTo(chosen.score());
    for (var row : s.rows()) {
      assertThat(row.value()).isEqualTo(fold.chosen().get(row.name()));
      int v = ((Number) row.value()).intValue();
      // one grid step (of 1..8) at least: a neighbour moves unless the centre is at that end
      assertThat(((Number) row.minusValue()).intValue()).isEqualTo(Math.max(1, v - 1));
      assertThat(((Number) row.plusValue()).intValue()).isEqualTo(Math.min(8, v + 1));
    }
    ReportData.writeAll(report, out);
    assertThat(Files.readString(out.resolve("report.html")))
        .contains("id=\"jitter\"", "Flat is good");
    JsonNode json = new ObjectMapper().readTree(out.resolve("result.json").toFile());
    assertThat(json.at("/sensitivity/parameters").size()).isEqualTo(2);
    assertThat(json.at("/sensitivity/base").asDouble()).isEqualTo(chosen.score());
  }

  @Test
  void paretoFront_isNonDominated_amongTheFoldsTrials() {
    var run = report.result().folds().get(0).search();
    for (int i : run.pareto()) {
      double[] a = run.trials().get(i).scores();
      for (var t : run.trials()) {
        if (t.accepted()) {
          double[] b = t.scores();
          boolean dominates = b[0] >= a[0] && b[1] >= a[1] && (b[0] > a[0] || b[1] > a[1]);
          assertThat(dominates).isFalse();
        }
      }
    }
  }

  @Test
  void overfittingStatistics_recomputeFromTheTrialsReturns() {
    var fold = report.result().folds().get(0);
    var s = report.statistics().get(0);
    var best = fold.search().bestTrial();
    double[] r = best.returns();
    double mean = 0;
    for (double x : r) {
      mean += x;
    }
    mean /= r.length;
    double var = 0;
    for (double x : r) {
      var += (x - mean) * (x - mean);
    }
    double sharpe = mean / Math.sqrt(var / (r.length - 1));
    assertThat(s.bestSharpeDaily())
        .isCloseTo(sharpe, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(s.observations()).isEqualTo(r.length);
    assertThat(s.trials())
        .isEqualTo((int) fold.search().trials().stream().filter(t -> t.accepted()).count());
    // deflating for many trials never raises the probability
    assertThat(s.dsr()).isLessThanOrEqualTo(s.psr());
  }
}
