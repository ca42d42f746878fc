package io.perpetua.app.cli;

import io.perpetua.analytics.metrics.ReturnsCsvException;
import io.perpetua.analytics.metrics.ReturnsMatrixCsv;
import io.perpetua.analytics.overfit.Pbo;
import io.perpetua.analytics.overfit.PboResult;
import io.perpetua.analytics.overfit.PerformanceMeasure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code perpetua stats pbo --matrix FILE.csv [--partitions 16]}. */
@Command(
    name = "pbo",
    mixinStandardHelpOptions = true,
    description = {
      "Probability of Backtest Overfitting of a matrix of trials' returns.",
      "By combinatorially symmetric cross-validation (Bailey, Borwein, Lopez de Prado",
      "& Zhu 2017). The rows (periods) are cut into S",
      "contiguous blocks; for each of the C(S, S/2) halves as in-sample set, the trial",
      "with the best in-sample Sharpe ratio is ranked out of sample (rank 1 = worst,",
      "ties averaged), w = rank / (N + 1), logit = ln(w / (1 - w)). PBO = share of",
      "logits <= 0. Also: the logit distribution, the performance degradation",
      "(least-squares slope of out-of-sample on in-sample Sharpe of the chosen trial)",
      "and the probability of loss (out-of-sample Sharpe < 0)."
    },
    footer = {
      "",
      "The CSV: one line per period, one column per trial, simple returns",
      "(0.01 = +1 %%), an optional header line of trial names; '#' lines and blank",
      "lines are skipped. The Sharpe ratios here are per period (not annualised,",
      "which would not change the ranks).",
      "",
      "Example:",
      "  ./perpetua stats pbo --matrix trials.csv --partitions 16 --json"
    })
final class StatsPboCommand implements Callable<Integer> {
  @Mixin StatsOptions.Output output;

  @Option(
      names = "--matrix",
      required = true,
      paramLabel = "FILE.csv",
      description = "Returns: rows = periods, columns = trials.")
  Path matrix;

  @Option(
      names = "--partitions",
      defaultValue = "16",
      paramLabel = "S",
      description = "Number of row blocks S: even, 2 to 20, at most the rows (default 16).")
  int partitions;

  @Option(
      names = "--measure",
      defaultValue = "sharpe",
      paramLabel = "M",
      description = "Performance measure: sharpe (default) or mean.")
  String measure;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    StatsOptions.check(
        spec,
        partitions >= 2 && partitions <= Pbo.MAX_PARTITIONS && partitions % 2 == 0,
        "--partitions must be an even number from 2 to "
            + Pbo.MAX_PARTITIONS
            + ", was "
            + partitions);
    PerformanceMeasure m =
        switch (measure.toLowerCase(Locale.ROOT)) {
          case "sharpe" -> PerformanceMeasure.SHARPE;
          case "mean" -> PerformanceMeasure.MEAN;
          default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(), "--measure must be sharpe or mean, was '" + measure + "'");
        };
    StatsOptions.check(spec, Files.isRegularFile(matrix), "--matrix: no such file: " + matrix);
    double[][] rows;
    try {
      rows = ReturnsMatrixCsv.read(matrix).rows();
    } catch (ReturnsCsvException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--matrix: " + e.getMessage());
    }
    StatsOptions.check(
        spec,
        rows[0].length >= 2,
        "--matrix: needs at least 2 trials (columns), has " + rows[0].length);
    StatsOptions.check(
        spec,
        rows.length >= partitions,
        "--matrix has " + rows.length + " periods (rows), fewer than --partitions " + partitions);
    PboResult r = Pbo.cscv(rows, partitions, m);
    StatsOptions.Report out = output.report(spec);
    out.value("pbo", r.pbo());
    out.integer("combinations", r.combinations());
    out.integer("trials", r.trials());
    out.integer("periods", r.periods());
    out.integer("partitions", r.partitions());
    out.value("probability_of_loss", r.probabilityOfLoss());
    out.value("degradation_slope", r.degradationSlope());
    out.value("degradation_intercept", r.degradationIntercept());
    double[] logits = r.logits();
    Arrays.sort(logits);
    out.value("logit_min", logits[0]);
    out.value("logit_median", quantile(logits, 0.5));
    out.value("logit_max", logits[logits.length - 1]);
    if (output.json) {
      var array = out.node().putArray("logits");
      for (double l : r.logits()) {
        array.add(l);
      }
    }
    return out.print();
  }

  private static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
