package io.perpetua.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.jobs.Metrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultJsonTest {
  @TempDir Path dir;

  private static final List<String> METRIC_KEYS =
      List.of(
          // backtest job API (spec 004)
          "sharpe",
          "sortino",
          "calmar",
          "max_drawdown",
          "win_rate",
          "profit_factor",
          "cagr",
          "expected_value",
          "total_trades",
          "avg_trade_duration_seconds",
          // platform API 4.3 (spec 000)
          "total_return",
          "annualized_return",
          "avg_turnover");

  private JsonNode roundTrip(BacktestResult r) throws Exception {
    Path f = dir.resolve("result.json");
    ResultJson.write(r, f);
    return new ObjectMapper().readTree(f.toFile());
  }

  @Test
  void write_parsesWithSpecMetricKeysAndValues() throws Exception {
    JsonNode root = roundTrip(Fixtures.result());
    JsonNode m = root.get("metrics");
    List<String> keys = new ArrayList<>();
    m.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsAll(METRIC_KEYS);
    assertThat(keys)
        .containsExactlyInAnyOrderElementsOf(
            concat(METRIC_KEYS, "volatility", "max_drawdown_peak", "max_drawdown_trough"));
    assertThat(m.get("sharpe").doubleValue()).isEqualTo(1.84);
    assertThat(m.get("max_drawdown").doubleValue()).isEqualTo(-0.142);
    assertThat(m.get("total_trades").isInt()).isTrue();
    assertThat(m.get("total_trades").intValue()).isEqualTo(150);
    assertThat(m.get("annualized_return").doubleValue()).isEqualTo(0.187);
    assertThat(m.get("max_drawdown_peak").textValue()).isEqualTo("2024-01-05T04:00:00Z");
  }

  @Test
  void write_wholeResult_snakeCaseSections() throws Exception {
    JsonNode root = roundTrip(Fixtures.result());
    assertThat(root.get("request").get("strategy").textValue()).isEqualTo("baseline_rev");
    assertThat(root.get("request").get("start").textValue()).isEqualTo("2024-01-01T00:00:00Z");
    assertThat(root.get("request").get("parameters").get("long_n").intValue()).isEqualTo(30);
    assertThat(root.get("request").get("periods_per_year").intValue()).isEqualTo(365);
    assertThat(root.get("costs").get("net_pnl").doubleValue()).isEqualTo(1900);
    JsonNode curve = root.get("equity_curve");
    assertThat(curve.size()).isEqualTo(90 * 24 + 1);
    assertThat(curve.get(0).get(0).textValue()).isEqualTo("2024-01-01T00:00:00Z");
    assertThat(curve.get(0).get(1).doubleValue()).isEqualTo(10_000.0);
    assertThat(root.get("trades").size()).isEqualTo(150);
    assertThat(root.get("trades").get(0).get("duration_seconds").longValue()).isEqualTo(14_400);
    assertThat(root.get("attribution").size()).isEqualTo(25);
    assertThat(root.get("monthly_returns").size()).isEqualTo(3);
    assertThat(root.get("monthly_returns").get(0).get("year").intValue()).isEqualTo(2024);
    assertThat(root.get("symbol_bars").longValue()).isEqualTo(4320);
  }

  @Test
  void write_activity_rejectionsByRule_skippedSymbols_andWhyNothingTraded() throws Exception {
    JsonNode a = roundTrip(Fixtures.idle()).get("activity");
    assertThat(a.get("orders_sent").intValue()).isZero();
    assertThat(a.get("orders_rejected").intValue()).isEqualTo(734);
    assertThat(a.at("/rejections/0/rule").textValue()).isEqualTo("max_position_pct");
    assertThat(a.at("/rejections/0/count").intValue()).isEqualTo(734);
    assertThat(a.at("/skipped_symbols/0/symbol").textValue()).isEqualTo("FTTUSDT");
    assertThat(a.get("idle_reason").textValue())
        .isEqualTo(
            "no trades: all 734 orders were rejected by the pre-trade checks (max_position_pct"
                + " 734)");
    assertThat(roundTrip(Fixtures.result()).at("/activity/idle_reason").isNull()).isTrue();
  }

  @Test
  void write_nonFiniteNumbers_areNull() throws Exception {
    Metrics m = Fixtures.metrics();
    Metrics undefined =
        new Metrics(
            m.totalReturn(),
            m.cagr(),
            m.volatility(),
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            0,
            0,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NaN,
            0,
            Double.NaN,
            Double.NaN);
    JsonNode root = roundTrip(Fixtures.result("x", undefined));
    JsonNode j = root.get("metrics");
    for (String k :
        List.of("sharpe", "sortino", "calmar", "max_drawdown", "win_rate", "profit_factor")) {
      assertThat(j.get(k).isNull()).as(k).isTrue();
    }
    assertThat(j.get("max_drawdown_peak").isNull()).isTrue();
    assertThat(j.get("cagr").doubleValue()).isEqualTo(0.187);
    // a NaN parameter value is null too
    assertThat(root.get("request").get("parameters").get("weird").isNull()).isTrue();
  }

  private static List<String> concat(List<String> a, String... more) {
    List<String> all = new ArrayList<>(a);
    all.addAll(List.of(more));
    return all;
  }
}
