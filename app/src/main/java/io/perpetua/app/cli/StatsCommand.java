package io.perpetua.app.cli;

import io.perpetua.analytics.overfit.SharpeStatistics;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code perpetua stats psr|dsr|mintrl|minbtl|pbo}: the overfitting statistics of {@code
 * io.perpetua.analytics.overfit} as a tool of their own, so that results made elsewhere can be
 * checked. Conventions in {@link StatsOptions} and {@code docs/metrics.md}. Exit codes: 0 ok, 2 bad
 * usage (the message names the option), 1 I/O failure.
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Overfitting statistics of results made anywhere (PSR, DSR, MinTRL, PBO).",
      "Probabilistic and Deflated Sharpe Ratio, minimum track-record and backtest",
      "length, Probability of Backtest Overfitting."
    },
    subcommands = {
      StatsCommand.Psr.class,
      StatsCommand.Dsr.class,
      StatsCommand.MinTrl.class,
      StatsCommand.MinBtl.class,
      StatsPboCommand.class
    },
    footer = {
      "",
      "Conventions (every subcommand; docs/metrics.md):",
      "  Sharpe ratios have a risk-free rate of 0. With --periods-per-year P they are",
      "  read as annualised (SR / sqrt(P) per period) and the trials' Sharpe variance",
      "  as annual (V / P per period); without it, everything is per period.",
      "  --kurtosis is NON-excess (3 for normal returns); --skew and --kurtosis are",
      "  the population moments of the returns (scipy.stats defaults).",
      "  --observations T counts returns; the Sharpe standard error uses T - 1.",
      "",
      "Examples:",
      "  ./perpetua stats psr --sharpe 1.5 --observations 730 --periods-per-year 365",
      "  ./perpetua stats dsr --sharpe 1.8 --observations 1000 --trials 50 \\",
      "      --trials-variance 0.3 --skew -1 --kurtosis 6 --periods-per-year 365",
      "  ./perpetua stats pbo --matrix trials.csv --partitions 16 --json"
    })
public final class StatsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code stats psr}. */
  @Command(
      name = "psr",
      mixinStandardHelpOptions = true,
      description = {
        "Probabilistic Sharpe Ratio of a measured Sharpe ratio.",
        "The probability that the true Sharpe ratio exceeds the benchmark (Bailey &",
        "Lopez de Prado 2012, The Sharpe Ratio Efficient Frontier).",
        "PSR = N((SR - SR*) sqrt(T - 1) / sqrt(1 - skew SR + (kurtosis - 1) / 4 SR^2))."
      },
      footer = {
        "",
        "See 'perpetua stats --help' for the conventions. Example:",
        "  ./perpetua stats psr --sharpe 1.5 --observations 730 --periods-per-year 365"
      })
  static final class Psr implements Callable<Integer> {
    @Mixin StatsOptions.Moments moments;
    @Mixin StatsOptions.Output output;

    @Option(
        names = "--benchmark",
        defaultValue = "0",
        paramLabel = "SR*",
        description = "Benchmark Sharpe ratio, same units as --sharpe (default 0).")
    double benchmark;

    @Option(
        names = "--observations",
        required = true,
        paramLabel = "T",
        description = "Number of returns the Sharpe ratio was measured on (>= 2).")
    long observations;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      StatsOptions.check(spec, observations >= 2, "--observations must be at least 2");
      moments.validate(spec);
      double sr = moments.perPeriod(moments.sharpe);
      double bench = moments.perPeriod(StatsOptions.finite(spec, "--benchmark", benchmark));
      double psr = SharpeStatistics.psr(sr, bench, observations, moments.skew, moments.kurtosis);
      double se =
          Math.sqrt(
              SharpeStatistics.sharpeVariance(sr, observations, moments.skew, moments.kurtosis));
      StatsOptions.Report r = output.report(spec);
      r.value("psr", psr);
      r.value("sharpe_per_period", sr);
      r.value("benchmark_per_period", bench);
      r.value("sharpe_standard_error_per_period", se);
      moments.echo(r);
      r.integer("observations", observations);
      return r.print();
    }
  }

  /** {@code stats dsr}. */
  @Command(
      name = "dsr",
      mixinStandardHelpOptions = true,
      description = {
        "Deflated Sharpe Ratio of the best of N trials.",
        "The PSR against the Sharpe ratio the best of N worthless trials would show",
        "(Bailey & Lopez de Prado 2014, The Deflated Sharpe Ratio).",
        "SR0 = sqrt(V) ((1 - g) invN(1 - 1/N) + g invN(1 - 1/(N e))), g = 0.5772...",
        "(Euler-Mascheroni); DSR = PSR(SR0)."
      },
      footer = {
        "",
        "See 'perpetua stats --help' for the conventions. Example:",
        "  ./perpetua stats dsr --sharpe 1.8 --observations 1000 --trials 50 \\",
        "      --trials-variance 0.3 --skew -1 --kurtosis 6 --periods-per-year 365"
      })
  static final class Dsr implements Callable<Integer> {
    @Mixin StatsOptions.Moments moments;
    @Mixin StatsOptions.Output output;

    @Option(
        names = "--observations",
        required = true,
        paramLabel = "T",
        description = "Number of returns the Sharpe ratio was measured on (>= 2).")
    long observations;

    @Option(
        names = "--trials",
        required = true,
        paramLabel = "N",
        description = "Number of independent trials the best one was chosen from (>= 1).")
    long trials;

    @Option(
        names = "--trials-variance",
        required = true,
        paramLabel = "V",
        description =
            "Variance of the trials' Sharpe ratios (annual with --periods-per-year,"
                + " per period otherwise; >= 0).")
    double trialsVariance;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      StatsOptions.check(spec, observations >= 2, "--observations must be at least 2");
      StatsOptions.check(spec, trials >= 1, "--trials must be at least 1");
      StatsOptions.check(
          spec,
          Double.isFinite(trialsVariance) && trialsVariance >= 0,
          "--trials-variance must be a number >= 0");
      moments.validate(spec);
      double sr = moments.perPeriod(moments.sharpe);
      double v = moments.variancePerPeriod(trialsVariance);
      double sr0 = SharpeStatistics.expectedMaxSharpe(trials, v);
      double dsr =
          SharpeStatistics.dsr(sr, observations, trials, v, moments.skew, moments.kurtosis);
      StatsOptions.Report r = output.report(spec);
      r.value("dsr", dsr);
      r.value("expected_max_sharpe_per_period", sr0);
      if (moments.periodsPerYear != null) {
        r.value("expected_max_sharpe_annualized", sr0 * Math.sqrt(moments.periodsPerYear));
      }
      r.value("sharpe_per_period", sr);
      r.value("trials_variance_per_period", v);
      moments.echo(r);
      r.integer("observations", observations);
      r.integer("trials", trials);
      return r.print();
    }
  }

  /** {@code stats mintrl}. */
  @Command(
      name = "mintrl",
      mixinStandardHelpOptions = true,
      description = {
        "Minimum track-record length for a Sharpe ratio to be significant.",
        "The number of returns needed for the PSR against the benchmark to reach the",
        "confidence (Bailey & Lopez de Prado 2012).",
        "MinTRL = 1 + (1 - skew SR + (kurtosis - 1) / 4 SR^2) (invN(conf) / (SR - SR*))^2."
      },
      footer = {
        "",
        "See 'perpetua stats --help' for the conventions. Example:",
        "  ./perpetua stats mintrl --sharpe 2 --benchmark 1 --skew -0.75 --kurtosis 5 \\",
        "      --periods-per-year 12"
      })
  static final class MinTrl implements Callable<Integer> {
    @Mixin StatsOptions.Moments moments;
    @Mixin StatsOptions.Output output;

    @Option(
        names = "--benchmark",
        defaultValue = "0",
        paramLabel = "SR*",
        description = "Benchmark Sharpe ratio, same units as --sharpe (default 0).")
    double benchmark;

    @Option(
        names = "--confidence",
        defaultValue = "0.95",
        paramLabel = "P",
        description = "Probability the PSR must reach, in (0, 1) (default ${DEFAULT-VALUE}).")
    double confidence;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      moments.validate(spec);
      StatsOptions.check(spec, confidence > 0 && confidence < 1, "--confidence must be in (0, 1)");
      double sr = moments.perPeriod(moments.sharpe);
      double bench = moments.perPeriod(StatsOptions.finite(spec, "--benchmark", benchmark));
      StatsOptions.check(
          spec, sr > bench, "--sharpe must exceed --benchmark (else no track record suffices)");
      double n =
          SharpeStatistics.minTrackRecordLength(
              sr, bench, moments.skew, moments.kurtosis, confidence);
      StatsOptions.Report r = output.report(spec);
      r.value("min_track_record_length", n);
      if (moments.periodsPerYear != null) {
        r.value("min_track_record_years", n / moments.periodsPerYear);
      }
      r.value("sharpe_per_period", sr);
      r.value("benchmark_per_period", bench);
      r.value("confidence", confidence);
      moments.echo(r);
      return r.print();
    }
  }

  /** {@code stats minbtl}. */
  @Command(
      name = "minbtl",
      mixinStandardHelpOptions = true,
      description = {
        "Minimum backtest length for N trials and a target Sharpe ratio.",
        "Below it, the best of N independent worthless trials is expected to reach",
        "the target Sharpe ratio (Bailey, Borwein, Lopez de Prado",
        "& Zhu 2014). MinBTL = (((1 - g) invN(1 - 1/N) + g invN(1 - 1/(N e))) / SR)^2,",
        "in years for an annual SR (with --periods-per-year), in periods otherwise.",
        "Assumes IID returns (the SR over y years has variance 1/y)."
      },
      footer = {
        "",
        "Example (the paper's: 45 trials, target 1 -> about 5 years):",
        "  ./perpetua stats minbtl --trials 45 --target-sharpe 1 --periods-per-year 365"
      })
  static final class MinBtl implements Callable<Integer> {
    @Mixin StatsOptions.Output output;

    @Option(
        names = "--trials",
        required = true,
        paramLabel = "N",
        description = "Number of independent trials (>= 1).")
    long trials;

    @Option(
        names = "--target-sharpe",
        required = true,
        paramLabel = "SR",
        description =
            "Sharpe ratio the best trial should show (annual with --periods-per-year; > 0).")
    double target;

    @Option(
        names = "--periods-per-year",
        paramLabel = "P",
        description = "Read --target-sharpe as annual and report years and periods.")
    Integer periodsPerYear;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      StatsOptions.check(spec, trials >= 1, "--trials must be at least 1");
      StatsOptions.check(
          spec, Double.isFinite(target) && target > 0, "--target-sharpe must be a number > 0");
      StatsOptions.check(
          spec,
          periodsPerYear == null || periodsPerYear >= 1,
          "--periods-per-year must be at least 1");
      double length = SharpeStatistics.minBacktestLength(trials, target);
      StatsOptions.Report r = output.report(spec);
      if (periodsPerYear != null) {
        r.value("min_backtest_length_years", length);
        r.value("min_backtest_length_periods", length * periodsPerYear);
        r.integer("periods_per_year", periodsPerYear);
      } else {
        r.value("min_backtest_length_periods", length);
      }
      r.integer("trials", trials);
      r.value("target_sharpe", target);
      return r.print();
    }
  }
}
