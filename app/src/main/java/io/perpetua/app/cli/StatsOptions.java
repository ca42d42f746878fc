package io.perpetua.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options and output shared by the {@code perpetua stats} subcommands. */
final class StatsOptions {
  private StatsOptions() {}

  /** Fails the command with exit 2 and {@code message} unless {@code ok}. */
  static void check(CommandLine.Model.CommandSpec spec, boolean ok, String message) {
    if (!ok) {
      throw new CommandLine.ParameterException(spec.commandLine(), message);
    }
  }

  /** {@code value}, or exit 2 naming {@code option} when it is not finite. */
  static double finite(CommandLine.Model.CommandSpec spec, String option, double value) {
    check(spec, Double.isFinite(value), option + " must be a finite number, was " + value);
    return value;
  }

  /** The measured Sharpe ratio, its units and the moments of the returns. */
  static final class Moments {
    @Option(
        names = "--sharpe",
        required = true,
        paramLabel = "SR",
        description =
            "Measured Sharpe ratio, risk-free 0 (annualised with --periods-per-year,"
                + " per period otherwise).")
    double sharpe;

    @Option(
        names = "--skew",
        defaultValue = "0",
        paramLabel = "S",
        description = "Skewness of the returns (default 0).")
    double skew;

    @Option(
        names = "--kurtosis",
        defaultValue = "3",
        paramLabel = "K",
        description =
            "Kurtosis of the returns, NOT excess: 3 for normal returns (default 3);"
                + " at least 1 + skew^2.")
    double kurtosis;

    @Option(
        names = "--periods-per-year",
        paramLabel = "P",
        description =
            "Read the Sharpe ratios as annualised and the trials' variance as annual:"
                + " 365 daily crypto, 252 daily equities, 8760 hourly crypto, 12 monthly.")
    Integer periodsPerYear;

    void validate(CommandLine.Model.CommandSpec spec) {
      finite(spec, "--sharpe", sharpe);
      finite(spec, "--skew", skew);
      finite(spec, "--kurtosis", kurtosis);
      check(
          spec,
          kurtosis >= 1 + skew * skew - 1e-9,
          String.format(
              Locale.ROOT,
              "--kurtosis must be at least 1 + skew^2 = %s (it is the non-excess kurtosis:"
                  + " 3 for normal returns; add 3 to an excess kurtosis), was %s",
              1 + skew * skew,
              kurtosis));
      check(
          spec,
          periodsPerYear == null || periodsPerYear >= 1,
          "--periods-per-year must be at least 1, was " + periodsPerYear);
    }

    /** A Sharpe ratio in per-period units. */
    double perPeriod(double sr) {
      return periodsPerYear == null ? sr : sr / Math.sqrt(periodsPerYear);
    }

    /** A variance of Sharpe ratios in per-period units. */
    double variancePerPeriod(double v) {
      return periodsPerYear == null ? v : v / periodsPerYear;
    }

    void echo(Report r) {
      r.value("sharpe", sharpe);
      r.value("skew", skew);
      r.value("kurtosis", kurtosis);
      if (periodsPerYear != null) {
        r.integer("periods_per_year", periodsPerYear);
      }
    }
  }

  /** {@code --json}. */
  static final class Output {
    @Option(names = "--json", description = "Print a JSON object instead of a table.")
    boolean json;

    Report report(CommandLine.Model.CommandSpec spec) {
      return new Report(spec.commandLine().getOut(), json);
    }
  }

  /** An ordered list of named results printed as a table or a JSON object. */
  static final class Report {
    private final PrintWriter out;
    private final boolean json;
    private final ObjectNode node = new ObjectMapper().createObjectNode();
    private final StringBuilder table = new StringBuilder();

    Report(PrintWriter out, boolean json) {
      this.out = out;
      this.json = json;
    }

    void value(String name, double v) {
      if (Double.isFinite(v)) {
        node.put(name, v);
        table.append(String.format(Locale.ROOT, "%-36s %.10g%n", name, v));
      } else {
        node.putNull(name);
        table.append(String.format(Locale.ROOT, "%-36s %s%n", name, v > 0 ? "inf" : "n/a"));
      }
    }

    void integer(String name, long v) {
      node.put(name, v);
      table.append(String.format(Locale.ROOT, "%-36s %d%n", name, v));
    }

    ObjectNode node() {
      return node;
    }

    int print() throws Exception {
      if (json) {
        out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
      } else {
        out.print(table);
      }
      out.flush();
      return 0;
    }
  }
}
