package io.perpetua.store.contract;

import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.jobs.CostBreakdown;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.JobOutput;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.RunActivity;
import io.perpetua.jobs.TradeRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Jobs, metrics and outputs for the job store contracts. */
public final class JobFixtures {
  /** A submission time. */
  public static final Instant T0 = Instant.parse("2026-04-29T10:15:00Z");

  private JobFixtures() {}

  /** A request with parameters of several JSON types. */
  public static BacktestRequest request() {
    return new BacktestRequest(
        "tpl_grid",
        Map.of("grid_levels", 8, "upper_price", "72000", "ratio", 0.25),
        List.of("BTCUSDT", "ETHUSDT"),
        "1h",
        "kline",
        Instant.parse("2025-01-01T00:00:00Z"),
        Instant.parse("2025-03-31T23:59:59Z"),
        10_000,
        3,
        5,
        5,
        1,
        0,
        7,
        365);
  }

  /** Queued job {@code n} of {@code owner}, submitted {@code n} seconds after T0. */
  public static BacktestJob job(String owner, int n) {
    return BacktestJob.queued(
        String.format("bt_%016x", n),
        owner,
        "pk_" + "0".repeat(24),
        request(),
        "{\"capital\":\"10000.00\"}",
        T0.plusSeconds(n));
  }

  /** Activity with a rejection and a skipped symbol (they must survive storage). */
  public static RunActivity activity() {
    return new RunActivity(
        3,
        5,
        4,
        List.of(new RunActivity.Rejections("max_order_value", 2, "order value 6000 > 5000")),
        List.of(new RunActivity.SkippedSymbol("FTTUSDT", "no traded volume")));
  }

  /** Metrics with a NaN and an infinity (they must survive storage). */
  public static Metrics metrics() {
    return new Metrics(
        0.0315,
        0.187,
        0.4,
        1.84,
        2.31,
        1.12,
        -0.142,
        1_000L,
        2_000L,
        0.638,
        Double.POSITIVE_INFINITY,
        12.43,
        247,
        14_820,
        Double.NaN);
  }

  /** A two-point curve and one trade. */
  public static JobOutput output() {
    return new JobOutput(
        new EquityCurve(
            new long[] {1_735_689_600_000L, 1_735_776_000_000L}, new double[] {10_000, 10_031.5}),
        List.of(
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
                30.5)));
  }

  /** A result carrying {@link #metrics()} and {@link #output()}. */
  public static BacktestResult result(BacktestRequest request) {
    JobOutput o = output();
    return new BacktestResult(
        request,
        metrics(),
        o.equity(),
        o.trades(),
        new CostBreakdown(31.5, 0.9, 0, -0.1, 30.5),
        List.of(),
        activity(),
        100,
        5);
  }
}
