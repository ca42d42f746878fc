package io.perpetua.backtest.job;

import io.perpetua.core.Timeframe;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.jobs.CostBreakdown;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.RunActivity;
import io.perpetua.jobs.TradeRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Requests, results and a validator for job tests. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-04-29T10:15:00Z");
  static final Set<String> SYMBOLS = Set.of("BTCUSDT", "ETHUSDT");

  private Fixtures() {}

  static StrategyCatalog catalog() {
    return StrategyCatalog.of(
        List.of(
            new StrategyTemplate(
                "baseline_rev",
                Set.of("long_n", "short_n"),
                p -> {
                  Object n = p.get("long_n");
                  if (n != null && !(n instanceof Integer)) {
                    throw new IllegalArgumentException("parameter long_n must be an integer");
                  }
                }),
            StrategyTemplate.of("tpl_grid", "grid_levels", "upper_price", "lower_price")));
  }

  static JobValidator validator() {
    return new JobValidator(catalog(), SYMBOLS::contains, List.of(Timeframe.H1));
  }

  static BacktestRequest request() {
    return request("baseline_rev", Map.of("long_n", 30));
  }

  static BacktestRequest request(String strategy, Map<String, Object> params) {
    return new BacktestRequest(
        strategy,
        params,
        List.of("BTCUSDT"),
        "1h",
        "kline",
        Instant.parse("2025-01-01T00:00:00Z"),
        Instant.parse("2025-03-31T00:00:00Z"),
        10_000,
        1,
        5,
        5,
        0,
        0,
        null,
        365);
  }

  static Metrics metrics(double sharpe) {
    return new Metrics(
        0.0315,
        0.187,
        0.4,
        sharpe,
        2.31,
        1.12,
        -0.142,
        1_000L,
        2_000L,
        0.638,
        Double.NaN,
        12.43,
        247,
        14_820,
        0.42);
  }

  static BacktestResult result(BacktestRequest request) {
    EquityCurve curve =
        new EquityCurve(
            new long[] {1_735_689_600_000L, 1_735_776_000_000L}, new double[] {10_000, 10_031.5});
    TradeRecord trade =
        new TradeRecord(
            "BTCUSDT",
            "long",
            1_735_689_600_000L,
            1_735_776_000_000L,
            0.1,
            94_000,
            94_315,
            31.5,
            0.9,
            -0.1,
            30.5);
    return new BacktestResult(
        request,
        metrics(1.84),
        curve,
        List.of(trade),
        new CostBreakdown(31.5, 0.9, 0, -0.1, 30.5),
        List.of(),
        new RunActivity(1, 2, 2, List.of(), List.of()),
        100,
        5);
  }
}
