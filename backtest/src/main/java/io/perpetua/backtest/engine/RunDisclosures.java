package io.perpetua.backtest.engine;

import io.perpetua.analytics.metrics.MetricsCalculator;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.Disclosures;
import io.perpetua.jobs.EquityCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds a run's {@link Disclosures} from what the {@link RunRecorder} saw. Stateless. */
final class RunDisclosures {
  private RunDisclosures() {}

  /**
   * The disclosures of a run whose curve has the points {@code times} (the first is the start, at
   * the capital, followed by the recorder's points) over data whose {@code spotSymbols} are spot
   * bars).
   */
  static Disclosures of(
      BacktestRequest r, RunRecorder rec, long[] times, List<String> spotSymbols) {
    double capital = r.capital();
    double[] gross = curve(capital, rec.gross, rec.points, 1.0);
    List<Disclosures.Benchmark> benchmarks = new ArrayList<>();
    double[] btc = Arrays.copyOf(rec.btc, rec.points);
    boolean anyBtc = Arrays.stream(btc).anyMatch(v -> v > 0);
    if (anyBtc) {
      for (int k = 0; k < btc.length; k++) {
        btc[k] = btc[k] > 0 ? capital * btc[k] : capital; // cash until BTC has a price
      }
      benchmarks.add(
          new Disclosures.Benchmark(
              "btc_buy_and_hold",
              "BTC bought at its first close in the range and held, no costs",
              metrics(r, times, prepend(capital, btc))));
    }
    double[] ew = Arrays.copyOf(rec.equalWeight, rec.points);
    for (int k = 0; k < ew.length; k++) {
      ew[k] *= capital;
    }
    benchmarks.add(
        new Disclosures.Benchmark(
            "equal_weight_universe",
            "every instrument with a price held in equal weight, rebalanced every bar, no costs",
            metrics(r, times, prepend(capital, ew))));
    double fallbackShare =
        rec.fundingAbs > 0 ? rec.fundingFallbackAbs / rec.fundingAbs : Double.NaN;
    return new Disclosures(
        MetricsCalculator.compute(
            new EquityCurve(times, gross),
            List.of(),
            Arrays.copyOf(rec.turnover, rec.rebalances),
            r.periodsPerYear()),
        benchmarks,
        fallbackShare,
        spotSymbols,
        rec.poolSizes);
  }

  private static io.perpetua.jobs.Metrics metrics(
      BacktestRequest r, long[] times, double[] equity) {
    return MetricsCalculator.compute(
        new EquityCurve(times, equity), List.of(), new double[0], r.periodsPerYear());
  }

  private static double[] curve(double capital, double[] values, int points, double scale) {
    double[] out = new double[points + 1];
    out[0] = capital;
    for (int k = 0; k < points; k++) {
      out[k + 1] = values[k] * scale;
    }
    return out;
  }

  private static double[] prepend(double first, double[] rest) {
    double[] out = new double[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }
}
