package io.perpetua.app.cli;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Times;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.BarCatalogEntry;
import io.perpetua.market.BarSeries;
import io.perpetua.market.FundingCatalog;
import io.perpetua.market.FundingCatalogEntry;
import io.perpetua.market.csv.DataIssue;
import io.perpetua.market.csv.ErrorPolicy;
import io.perpetua.market.csv.FundingCsvReader;
import io.perpetua.market.importer.FundingImportReport;
import io.perpetua.market.importer.FundingImporter;
import io.perpetua.market.importer.ImportReport;
import io.perpetua.market.importer.KlineImporter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code perpetua data import|list|show|download}: the market-data catalog. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Imports, lists and shows market data in the catalog.",
    subcommands = {
      DataCommand.Import.class,
      DataCommand.ListCmd.class,
      DataCommand.Show.class,
      DataDownloadCommand.class
    })
public final class DataCommand implements Runnable {
  @Option(
      names = "--data-dir",
      description = "Data directory (default: data.dir = var).",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  Path dataDir;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  Path catalogRoot() {
    Path dir =
        dataDir != null ? dataDir.toAbsolutePath() : Home.resolve(Home.config(null).data().dir());
    return dir.resolve("catalog");
  }

  /** {@code data import}. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Imports Binance kline CSVs (7- or 12-column, .csv or .csv.gz) and funding-rate CSVs.")
  static final class Import implements Callable<Integer> {
    @ParentCommand DataCommand parent;

    @Parameters(
        arity = "0..*",
        description = "Files or directories (default: the shared data's 1h klines and funding).")
    java.util.List<Path> paths = new java.util.ArrayList<>();

    @Option(
        names = "--on-error",
        defaultValue = "skip",
        description =
            "What to do with a malformed line: skip (report and continue) or stop. Default: ${DEFAULT-VALUE}.")
    String onError;

    @Option(names = "--funding", description = "Treat the paths as funding-rate CSVs.")
    boolean funding;

    @Override
    public Integer call() throws Exception {
      ErrorPolicy policy =
          switch (onError.toLowerCase(Locale.ROOT)) {
            case "skip" -> ErrorPolicy.SKIP;
            case "stop" -> ErrorPolicy.STOP;
            default ->
                throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this),
                    "--on-error must be skip or stop, was '" + onError + "'");
          };
      Path root = parent.catalogRoot();
      Files.createDirectories(root);
      PrintStream out = System.out;
      if (paths.isEmpty()) {
        Path shared = Home.resolve(Home.config(null).data().sharedData());
        paths.add(shared.resolve(funding ? "funding" : "binance-um-klines/1h"));
      }
      for (Path p : paths) {
        if (!Files.exists(p)) {
          System.err.println("perpetua: no such file or directory: " + p);
          return 2;
        }
        if (funding) {
          FundingImportReport r =
              new FundingImporter(
                      new FundingCatalog(root),
                      new FundingCsvReader(policy, FundingCsvReader::sharedDataShiftMs))
                  .importPath(p, new ProgressBar(System.err, "funding"));
          printFunding(out, r);
        } else {
          ImportReport r =
              new KlineImporter(new BarCatalog(root), policy)
                  .importPath(p, new ProgressBar(System.err, "import"));
          printKlines(out, r);
        }
      }
      return 0;
    }

    private static void printKlines(PrintStream out, ImportReport r) {
      out.printf(
          "%-22s %-4s %9s %-20s %-20s %5s %8s%n",
          "symbol", "tf", "bars", "first", "last", "gaps", "skipped");
      for (var e : r.entries()) {
        out.printf(
            "%-22s %-4s %9d %-20s %-20s %5d %8d%n",
            e.instrument().apiSymbol(),
            e.timeframe().code(),
            e.barsImported(),
            Times.iso(e.firstOpenTimeMs()),
            Times.iso(e.lastOpenTimeMs()),
            e.gaps().size(),
            e.linesSkipped());
      }
      out.printf(
          "%d files, %d instruments, %d bars, %d gaps, %d lines skipped in %.1f s%n",
          r.files(),
          r.instrumentCount(),
          r.barsImported(),
          r.entries().stream().mapToInt(e -> e.gaps().size()).sum(),
          r.linesSkipped(),
          r.elapsed().toMillis() / 1000.0);
      printIssues(out, r.issues());
    }

    private static void printFunding(PrintStream out, FundingImportReport r) {
      for (var e : r.entries()) {
        out.printf(
            "%-8s %-22s %7d %-20s %-20s %6d%n",
            e.venue(),
            e.instrument().apiSymbol(),
            e.settlementsImported(),
            Times.iso(e.firstTimeMs()),
            Times.iso(e.lastTimeMs()),
            e.linesSkipped());
      }
      out.printf(
          "%d files, %d series in %.1f s%n",
          r.files(), r.entries().size(), r.elapsed().toMillis() / 1000.0);
      printIssues(out, r.issues());
    }

    private static void printIssues(PrintStream out, java.util.List<DataIssue> issues) {
      int shown = Math.min(20, issues.size());
      for (int i = 0; i < shown; i++) {
        out.println("  issue: " + issues.get(i));
      }
      if (issues.size() > shown) {
        out.println("  ... and " + (issues.size() - shown) + " more issues");
      }
    }
  }

  /** {@code data list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the catalog: bars and funding.")
  static final class ListCmd implements Callable<Integer> {
    @ParentCommand DataCommand parent;

    @Override
    public Integer call() throws Exception {
      Path root = parent.catalogRoot();
      var bars = new BarCatalog(root).list();
      var funding = new FundingCatalog(root).list();
      if (bars.isEmpty() && funding.isEmpty()) {
        System.out.println("The catalog at " + root + " is empty. Try: ./perpetua data import");
        return 0;
      }
      System.out.printf(
          "%-22s %-4s %9s %-20s %-20s %5s%n", "symbol", "tf", "bars", "first", "last", "gaps");
      for (BarCatalogEntry e : bars) {
        System.out.printf(
            "%-22s %-4s %9d %-20s %-20s %5d%n",
            e.instrument().apiSymbol(),
            e.timeframe().code(),
            e.barCount(),
            Times.iso(e.firstOpenTimeMs()),
            Times.iso(e.lastOpenTimeMs()),
            e.gapCount());
      }
      for (FundingCatalogEntry e : funding) {
        System.out.printf(
            "funding %-8s %-22s %7d %-20s %-20s%n",
            e.venue(),
            e.instrument().apiSymbol(),
            e.count(),
            Times.iso(e.firstTimeMs()),
            Times.iso(e.lastTimeMs()));
      }
      System.out.printf("%d bar series, %d funding series%n", bars.size(), funding.size());
      return 0;
    }
  }

  /** {@code data show}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Prints bars of one instrument.")
  static final class Show implements Callable<Integer> {
    @ParentCommand DataCommand parent;

    @Parameters(index = "0", description = "Symbol: BTC/USDT:USDT or BTCUSDT.")
    String symbol;

    @Option(
        names = "--timeframe",
        defaultValue = "1h",
        description = "Timeframe (default ${DEFAULT-VALUE}).")
    String timeframe;

    @Option(names = "--from", description = "First day (YYYY-MM-DD).")
    String from;

    @Option(names = "--to", description = "Day after the last (YYYY-MM-DD).")
    String to;

    @Option(
        names = "--limit",
        defaultValue = "24",
        description = "Bars to print, from the end (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
      InstrumentId id =
          symbol.contains("/") ? InstrumentId.parse(symbol) : InstrumentId.fromVenueSymbol(symbol);
      Timeframe tf = Timeframe.parse(timeframe);
      long f = from == null ? Long.MIN_VALUE : Times.parseDate(from);
      long t = to == null ? Long.MAX_VALUE : Times.parseDate(to);
      var series = new BarCatalog(parent.catalogRoot()).read(id, tf, f, t);
      if (series.isEmpty() || series.get().size() == 0) {
        System.err.println("perpetua: no " + tf.code() + " bars for " + id + " in the catalog");
        return 1;
      }
      BarSeries s = series.get();
      System.out.printf(
          "%-20s %14s %14s %14s %14s %16s%n",
          "open_time", "open", "high", "low", "close", "volume");
      for (int i = Math.max(0, s.size() - limit); i < s.size(); i++) {
        var b = s.bar(i);
        System.out.printf(
            "%-20s %14.8g %14.8g %14.8g %14.8g %16.4f%n",
            Times.iso(b.openTimeMs()), b.open(), b.high(), b.low(), b.close(), b.volume());
      }
      System.out.printf("%s %s: %d bars%n", id, tf.code(), s.size());
      return 0;
    }
  }
}
