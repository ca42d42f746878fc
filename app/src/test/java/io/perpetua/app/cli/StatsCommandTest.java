package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perpetua stats}: the values of the published examples through the command line (reference
 * values from {@code tools/overfit-reference/reference.py}, as in the analytics tests), the
 * annualisation rule, and exit 2 naming the option on bad input.
 */
class StatsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static JsonNode json(String... args) throws Exception {
    CliRun r = CliRun.of(args);
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void dsr_issueExample_annualised() throws Exception {
    JsonNode j =
        json(
            "stats",
            "dsr",
            "--sharpe",
            "1.8",
            "--observations",
            "1000",
            "--trials",
            "50",
            "--trials-variance",
            "0.3",
            "--skew",
            "-1",
            "--kurtosis",
            "6",
            "--periods-per-year",
            "365",
            "--json");
    assertThat(j.get("dsr").asDouble()).isCloseTo(0.8079978455049897, within(1e-12));
    assertThat(j.get("expected_max_sharpe_per_period").asDouble())
        .isCloseTo(0.06525958139770854, within(1e-12));
    assertThat(j.get("expected_max_sharpe_annualized").asDouble())
        .isCloseTo(0.06525958139770854 * Math.sqrt(365), within(1e-10));
    assertThat(j.get("periods_per_year").asInt()).isEqualTo(365);
  }

  @Test
  void dsr_paperExample_perPeriodWithoutPeriodsPerYear() throws Exception {
    // Bailey & López de Prado 2014: DSR ≈ 0.9004; per-day values given directly.
    JsonNode j =
        json(
            "stats",
            "dsr",
            "--sharpe",
            String.valueOf(2.5 / Math.sqrt(250)),
            "--observations",
            "1250",
            "--trials",
            "100",
            "--trials-variance",
            String.valueOf(0.5 / 250),
            "--skew",
            "-3",
            "--kurtosis",
            "10",
            "--json");
    assertThat(j.get("dsr").asDouble()).isCloseTo(0.9003968344493903, within(1e-12));
    assertThat(j.has("expected_max_sharpe_annualized")).isFalse();
  }

  @Test
  void psr_table() {
    CliRun r =
        CliRun.of(
            "stats",
            "psr",
            "--sharpe",
            "0.1",
            "--observations",
            "250",
            "--skew",
            "-0.5",
            "--kurtosis",
            "4.5");
    assertThat(r.code()).as(r.err()).isZero();
    // reference.py psr_a = 0.9374319841041768
    assertThat(r.out()).containsPattern("psr\\s+0\\.93743198");
  }

  @Test
  void mintrl_monthly() throws Exception {
    JsonNode j =
        json(
            "stats",
            "mintrl",
            "--sharpe",
            "2",
            "--benchmark",
            "1",
            "--skew",
            "-0.75",
            "--kurtosis",
            "5",
            "--periods-per-year",
            "12",
            "--json");
    // reference.py mintrl_b = 58.34711143926254 months
    assertThat(j.get("min_track_record_length").asDouble())
        .isCloseTo(58.34711143926254, within(1e-9));
    assertThat(j.get("min_track_record_years").asDouble())
        .isCloseTo(58.34711143926254 / 12, within(1e-9));
  }

  @Test
  void minbtl_paperExample() throws Exception {
    JsonNode j =
        json(
            "stats",
            "minbtl",
            "--trials",
            "45",
            "--target-sharpe",
            "1",
            "--periods-per-year",
            "365",
            "--json");
    assertThat(j.get("min_backtest_length_years").asDouble())
        .isCloseTo(4.998087004443404, within(1e-12));
    assertThat(j.get("min_backtest_length_periods").asDouble())
        .isCloseTo(4.998087004443404 * 365, within(1e-9));
  }

  @Test
  void pbo_fromCsv_zeroSumMatrixIsAlwaysOverfit() throws Exception {
    // 3 trials over 8 periods, every column summing to 0: with the mean as measure the in-sample
    // best is the out-of-sample worst in every combination.
    Path csv = dir.resolve("m.csv");
    Files.writeString(
        csv,
        "a,b,c\n0.01,-0.02,0.005\n-0.01,0.01,0.002\n0.03,0.00,-0.004\n-0.02,0.02,0.001\n"
            + "0.00,-0.01,-0.003\n0.01,0.005,-0.001\n-0.01,-0.01,0.006\n-0.01,0.005,-0.006\n");
    JsonNode j =
        json(
            "stats",
            "pbo",
            "--matrix",
            csv.toString(),
            "--partitions",
            "4",
            "--measure",
            "mean",
            "--json");
    assertThat(j.get("pbo").asDouble()).isEqualTo(1.0);
    assertThat(j.get("combinations").asInt()).isEqualTo(6);
    assertThat(j.get("trials").asInt()).isEqualTo(3);
    assertThat(j.get("logits")).hasSize(6);
  }

  @Test
  void pbo_referenceMatrix_matchesTheIndependentRecomputation() throws Exception {
    // The matrix of reference.py matrix(200, 9); pbo_matrix_200x9_s8 = 0.4714285714285714.
    StringBuilder sb = new StringBuilder("# reference.py matrix(200, 9)\n");
    for (int t = 0; t < 200; t++) {
      for (int k = 0; k < 9; k++) {
        double v =
            0.01 * Math.sin(0.37 * t * (k + 1) + 0.11 * k)
                + 0.002 * Math.cos(1.7 * t + k * k)
                + 0.0002 * (k % 3);
        sb.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.17g", v));
      }
      sb.append('\n');
    }
    Path csv = dir.resolve("ref.csv");
    Files.writeString(csv, sb);
    JsonNode j = json("stats", "pbo", "--matrix", csv.toString(), "--partitions", "8", "--json");
    assertThat(j.get("pbo").asDouble()).isCloseTo(0.4714285714285714, within(1e-15));
  }

  @Test
  void badMoments_exit2NamingTheOption() {
    assertBad(
        "--kurtosis must be at least 1 + skew^2",
        "stats",
        "dsr",
        "--sharpe",
        "1",
        "--observations",
        "100",
        "--trials",
        "10",
        "--trials-variance",
        "0.1",
        "--skew",
        "-1",
        "--kurtosis",
        "0");
    assertBad(
        "--observations must be at least 2",
        "stats",
        "psr",
        "--sharpe",
        "1",
        "--observations",
        "1");
  }

  @Test
  void badTrials_exit2NamingTheOption() {
    assertBad(
        "--trials must be at least 1",
        "stats",
        "dsr",
        "--sharpe",
        "1",
        "--observations",
        "100",
        "--trials",
        "0",
        "--trials-variance",
        "0.1");
    assertBad(
        "--trials-variance",
        "stats",
        "dsr",
        "--sharpe",
        "1",
        "--observations",
        "100",
        "--trials",
        "5",
        "--trials-variance",
        "-0.1");
    assertBad(
        "--trials-variance",
        "stats",
        "dsr",
        "--sharpe",
        "1",
        "--observations",
        "100",
        "--trials",
        "5");
  }

  @Test
  void badNumbers_exit2NamingTheOption() {
    assertBad("--sharpe", "stats", "psr", "--sharpe", "abc", "--observations", "100");
    assertBad("--sharpe", "stats", "psr", "--sharpe", "NaN", "--observations", "100");
    assertBad(
        "--periods-per-year must be at least 1",
        "stats",
        "psr",
        "--sharpe",
        "1",
        "--observations",
        "100",
        "--periods-per-year",
        "0");
    assertBad("--confidence", "stats", "mintrl", "--sharpe", "1", "--confidence", "1");
    assertBad(
        "--sharpe must exceed --benchmark", "stats", "mintrl", "--sharpe", "1", "--benchmark", "2");
    assertBad("--target-sharpe", "stats", "minbtl", "--trials", "5", "--target-sharpe", "0");
  }

  @Test
  void badMatrix_exit2NamingTheOptionAndLine() throws Exception {
    assertBad(
        "--partitions must be an even number",
        "stats",
        "pbo",
        "--matrix",
        "x.csv",
        "--partitions",
        "7");
    assertBad(
        "--matrix: no such file", "stats", "pbo", "--matrix", dir.resolve("none.csv").toString());
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "a,b\n0.1,0.2\n0.1,x\n");
    assertBad(
        "bad.csv:3: not a number: 'x' in column 'b'",
        "stats",
        "pbo",
        "--matrix",
        bad.toString(),
        "--partitions",
        "2");
    Path ragged = dir.resolve("ragged.csv");
    Files.writeString(ragged, "0.1,0.2\n0.1\n");
    assertBad(
        "ragged.csv:2: 1 columns, expected 2",
        "stats",
        "pbo",
        "--matrix",
        ragged.toString(),
        "--partitions",
        "2");
    Path short1 = dir.resolve("short.csv");
    Files.writeString(short1, "0.1,0.2\n0.1,0.3\n");
    assertBad("fewer than --partitions 16", "stats", "pbo", "--matrix", short1.toString());
    assertBad(
        "--measure must be sharpe or mean",
        "stats",
        "pbo",
        "--matrix",
        short1.toString(),
        "--measure",
        "calmar");
  }

  private static void assertBad(String message, String... args) {
    CliRun r = CliRun.of(args);
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message);
  }

  @Test
  void help_statesTheConventions() {
    CliRun r = CliRun.of("stats", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("NON-excess (3 for normal returns)")
        .contains("T - 1")
        .contains("risk-free rate of 0")
        .contains("annualised (SR / sqrt(P) per period)")
        .contains("as annual (V / P per period)")
        .contains("population moments");
    assertThat(CliRun.of("stats", "pbo", "--help").out()).contains("logits <= 0");
  }
}
