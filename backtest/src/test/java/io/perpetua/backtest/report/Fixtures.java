package io.perpetua.backtest.report;

import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.jobs.CostBreakdown;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.RunActivity;
import io.perpetua.jobs.SymbolAttribution;
import io.perpetua.jobs.TradeRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A synthetic result: 90 days of hourly equity, 150 trades, 25 symbols. */
final class Fixtures {
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  static final long HOUR = 3_600_000L;

  private Fixtures() {}

  static Metrics metrics() {
    return new Metrics(
        0.195,
        0.187,
        0.42,
        1.84,
        2.31,
        1.12,
        -0.142,
        T0 + 100 * HOUR,
        T0 + 300 * HOUR,
        0.638,
        1.92,
        12.43,
        150,
        14820,
        0.42);
  }

  static EquityCurve curve(int hours) {
    long[] t = new long[hours + 1];
    double[] e = new double[hours + 1];
    for (int k = 0; k <= hours; k++) {
      t[k] = T0 + k * HOUR;
      e[k] = 10_000 * (1 + 0.1 * Math.sin(k / 200.0) + k / 20_000.0);
    }
    return new EquityCurve(t, e);
  }

  static List<TradeRecord> trades(int n) {
    List<TradeRecord> trades = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double net = i % 3 == 0 ? -20 - i : 15 + i;
      trades.add(
          new TradeRecord(
              "SYM" + (i % 25) + "USDT",
              i % 2 == 0 ? "long" : "short",
              T0 + i * HOUR,
              T0 + (i + 4) * HOUR,
              1.5,
              100 + i,
              101 + i,
              net + 1,
              0.8,
              -0.2,
              net));
    }
    return trades;
  }

  static List<SymbolAttribution> attribution(int n) {
    List<SymbolAttribution> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new SymbolAttribution("SYM" + i + "USDT", (i - n / 2.0) * 37, 4, 0.5, 6, 12_000));
    }
    return rows;
  }

  static BacktestRequest request(String strategy) {
    return new BacktestRequest(
        strategy,
        Map.of("long_n", 30, "short_n", 30, "weird", Double.NaN),
        List.of("BTCUSDT", "ETHUSDT"),
        "1h",
        "kline",
        Instant.ofEpochMilli(T0),
        Instant.ofEpochMilli(T0 + 90 * 24 * HOUR),
        10_000,
        1,
        5,
        2,
        1,
        0,
        1,
        365);
  }

  static BacktestResult result(String strategy, Metrics metrics) {
    return new BacktestResult(
        request(strategy),
        metrics,
        curve(90 * 24),
        trades(150),
        new CostBreakdown(2500, 400, 150, -50, 1900),
        attribution(25),
        new RunActivity(
            90,
            320,
            640,
            List.of(new RunActivity.Rejections("max_order_value", 4, "order value 6,000 > 5,000")),
            List.of(new RunActivity.SkippedSymbol("FTTUSDT", "no traded volume"))),
        2160 * 2,
        1234);
  }

  static BacktestResult result() {
    return result("baseline_rev", metrics());
  }

  /** A result in which the risk engine rejected every order: nothing traded. */
  static BacktestResult idle() {
    BacktestResult r = result();
    return new BacktestResult(
        r.request(),
        r.metrics(),
        r.equity(),
        List.of(),
        r.costs(),
        List.of(),
        new RunActivity(
            367,
            0,
            0,
            List.of(
                new RunActivity.Rejections(
                    "max_position_pct", 734, "position 33.3% of equity > limit 15.0%")),
            List.of(new RunActivity.SkippedSymbol("FTTUSDT", "no traded volume"))),
        r.symbolBars(),
        r.elapsedMs());
  }
}
