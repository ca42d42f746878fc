package io.perpetua.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.perpetua.app.MarketLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.Timeframe;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.FundingCatalog;
import io.perpetua.signals.hotlist.CatalogInputs;
import io.perpetua.signals.hotlist.HotCoin;
import io.perpetua.signals.hotlist.HotComponent;
import io.perpetua.signals.hotlist.HotScan;
import io.perpetua.signals.hotlist.HotScorer;
import io.perpetua.signals.hotlist.HotlistConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code perpetua hotlist scan --at TS [--top N]}: the hot-coin scan of 003 §10 as of a timestamp
 * over the local catalog (imported from the shared data on first use, like {@code run}), printed as
 * a table or JSON. It stores nothing: approvals go through the running platform's API.
 */
@Command(
    name = "hotlist",
    mixinStandardHelpOptions = true,
    description = "The hot-coin list (docs/hotlist.md).",
    subcommands = {HotlistCommand.Scan.class})
public final class HotlistCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code hotlist scan}. */
  @Command(
      name = "scan",
      mixinStandardHelpOptions = true,
      description = {
        "Scores the catalog's symbols as of --at (only data known by then) and prints the top N"
            + " with S = w1·VolJump + w2·Turnover + w3·|OIΔ| + w4·|FundingZ| + w5·RegimeShift,"
            + " each term ('-' when its input is missing), safe leverage and fear/greed."
      },
      footer = {"", "Example:", "  ./perpetua hotlist scan --at 2023-03-13T00:00:00Z --top 10"})
  static final class Scan implements Callable<Integer> {
    @Option(
        names = "--at",
        required = true,
        paramLabel = "TS",
        description = "As-of time: ISO-8601 (2023-03-13T00:00:00Z) or epoch milliseconds.")
    String at;

    @Option(
        names = "--top",
        defaultValue = "10",
        description = "How many (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print the scan as JSON.")
    boolean json;

    @Option(names = "--data-dir", description = "Data directory (default: data.dir = var).")
    Path dataDir;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      long ts;
      try {
        ts = at.matches("[0-9]{1,15}") ? Long.parseLong(at) : Instant.parse(at).toEpochMilli();
      } catch (DateTimeParseException e) {
        err.println("--at: expected ISO-8601 or epoch milliseconds, got '" + at + "'");
        return 2;
      }
      if (top < 1 || top > 500) {
        err.println("--top: expected 1..500, got " + top);
        return 2;
      }
      PerpetuaConfig config = Home.config(null);
      Path dir = dataDir != null ? dataDir.toAbsolutePath() : Home.resolve(config.data().dir());
      Timeframe tf = Timeframe.parse(config.data().timeframe());
      err.println("hotlist: catalog " + dir.resolve("catalog") + " (" + tf.code() + ")");
      MarketLoader.importUntilComplete(
          dir,
          Home.resolve(config.data().sharedData()),
          tf,
          (done, total, item) -> err.printf("importing %d/%d %s%n", done, total, item));
      Path root = dir.resolve("catalog");
      HotlistConfig hc = HotlistConfig.defaults().withTop(top);
      HotScan scan =
          new HotScorer(hc)
              .scan(
                  new CatalogInputs(
                          new BarCatalog(root),
                          new FundingCatalog(root),
                          tf,
                          MarketLoader.FUNDING_VENUE)
                      .load(ts, hc.lookbackDays()),
                  ts,
                  System.currentTimeMillis());
      if (json) {
        out.println(
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(scan));
      } else {
        print(out, scan);
      }
      out.flush();
      return 0;
    }

    private static void print(PrintWriter out, HotScan scan) {
      out.printf(
          "hot coins as of %s: %d scored, market fear/greed %s (%s)%n",
          Instant.ofEpochMilli(scan.ts()),
          scan.scored(),
          scan.market().index() == null ? "-" : String.format("%.1f", scan.market().index()),
          scan.market().label());
      out.printf(
          "%4s %-16s %8s %9s %9s %9s %9s %9s %4s %6s%n",
          "rank",
          "symbol",
          "S",
          "vol_jump",
          "turnover",
          "oi_delta",
          "funding_z",
          "regime",
          "lev",
          "f/g");
      for (HotCoin c : scan.coins()) {
        StringBuilder terms = new StringBuilder();
        for (HotComponent p : c.components()) {
          terms.append(
              p.value() == null ? String.format(" %9s", "-") : String.format(" %9.4f", p.value()));
        }
        Double fg = c.tags().sentiment().index();
        out.printf(
            "%4d %-16s %8.4f%s %4s %6s%n",
            c.rank(),
            c.symbol(),
            c.score(),
            terms,
            c.tags().safeLeverage() == null ? "-" : c.tags().safeLeverage(),
            fg == null ? "-" : String.format("%.1f", fg));
      }
      if (!scan.coins().isEmpty()) {
        out.println("missing ('-'):");
        scan.coins().get(0).components().stream()
            .filter(p -> p.missing() != null)
            .forEach(p -> out.println("  " + p.name() + ": " + p.missing()));
      }
    }
  }
}
