package io.perpetua.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpetua.analytics.metrics.ReturnsCsv;
import io.perpetua.analytics.metrics.ReturnsCsvException;
import io.perpetua.analytics.metrics.ReturnsMetrics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code perpetua metrics --returns FILE}: performance metrics (Sharpe, Sortino, Calmar, maximum
 * drawdown, CAGR, volatility, total return) of a periodic return series read from a CSV, with the
 * conventions of {@code docs/metrics.md}. Exit codes: 0 ok, 2 bad usage or unreadable content (the
 * message names file:line), 1 I/O failure.
 */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description = {
      "Computes performance metrics of a periodic return series (simple returns, 0.01 = +1 %%).",
      "The CSV holds one column of returns, with or without a header, or several columns with a"
          + " header (pick one with --column). Definitions: docs/metrics.md."
    },
    footer = {"", "Example:", "  ./perpetua metrics --returns daily.csv --column ret --json"})
public final class MetricsCommand implements Callable<Integer> {
  @Option(
      names = "--returns",
      required = true,
      paramLabel = "<csv>",
      description = "CSV file of periodic simple returns.")
  Path returns;

  @Option(
      names = "--periods-per-year",
      defaultValue = "365",
      paramLabel = "N",
      description =
          "Periods per year for annualisation: 365 daily crypto, 252 daily equities,"
              + " 8760 hourly crypto, 52 weekly, 12 monthly (default ${DEFAULT-VALUE}).")
  int periodsPerYear;

  @Option(
      names = "--column",
      paramLabel = "NAME",
      description = "Header of the column holding the returns (case-insensitive).")
  String column;

  @Option(names = "--json", description = "Print a JSON object instead of a table.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (periodsPerYear < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--periods-per-year must be at least 1, was " + periodsPerYear);
    }
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(returns)) {
      err.println("perpetua: no such file: " + returns);
      return 2;
    }
    ReturnsCsv.Series series;
    try {
      series = ReturnsCsv.read(returns, column);
    } catch (ReturnsCsvException e) {
      err.println("perpetua: " + e.getMessage());
      return 2;
    }
    ReturnsMetrics m = ReturnsMetrics.fromReturns(series.returns(), periodsPerYear);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(m)));
    } else {
      printTable(out, series, m);
    }
    out.flush();
    return 0;
  }

  /** The metrics as JSON; undefined values (NaN) are null. */
  static ObjectNode toJson(ReturnsMetrics m) {
    ObjectNode o = new ObjectMapper().createObjectNode();
    put(o, "sharpe", m.sharpe());
    put(o, "sortino", m.sortino());
    put(o, "calmar", m.calmar());
    put(o, "max_drawdown", m.maxDrawdown());
    put(o, "cagr", m.cagr());
    put(o, "volatility", m.volatility());
    put(o, "total_return", m.totalReturn());
    o.put("periods", m.periods());
    o.put("periods_per_year", m.periodsPerYear());
    return o;
  }

  private static void put(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  private void printTable(PrintWriter out, ReturnsCsv.Series s, ReturnsMetrics m) {
    String source = returns + (s.column() == null ? "" : " (column '" + s.column() + "')");
    out.printf("%-18s %s%n", "returns", source);
    out.printf("%-18s %d%n", "periods", m.periods());
    out.printf("%-18s %d%n", "periods_per_year", m.periodsPerYear());
    row(out, "total_return", m.totalReturn(), true);
    row(out, "cagr", m.cagr(), true);
    row(out, "volatility", m.volatility(), true);
    row(out, "sharpe", m.sharpe(), false);
    row(out, "sortino", m.sortino(), false);
    row(out, "calmar", m.calmar(), false);
    row(out, "max_drawdown", m.maxDrawdown(), true);
    if (m.maxDrawdown() < 0) {
      out.printf(
          "%-18s peak after return %d, trough after return %d (0 = before the first)%n",
          "", m.maxDrawdownPeak(), m.maxDrawdownTrough());
    }
  }

  private static void row(PrintWriter out, String name, double v, boolean percent) {
    if (Double.isNaN(v)) {
      out.printf("%-18s %12s%n", name, "n/a");
    } else if (percent) {
      out.printf(Locale.ROOT, "%-18s %12.6f %10.2f %%%n", name, v, v * 100);
    } else {
      out.printf(Locale.ROOT, "%-18s %12.6f%n", name, v);
    }
  }
}
