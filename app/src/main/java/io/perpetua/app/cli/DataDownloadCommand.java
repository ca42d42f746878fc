package io.perpetua.app.cli;

import io.perpetua.app.download.HistoryDownload;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Clock;
import io.perpetua.core.time.Times;
import io.perpetua.venue.binance.BinanceApiException;
import io.perpetua.venue.binance.BinanceConfig;
import io.perpetua.venue.binance.BinanceCredentials;
import io.perpetua.venue.binance.BinanceHistory;
import io.perpetua.venue.binance.BinanceRestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code perpetua data download}: klines, funding-rate history and open-interest history from
 * Binance USDT-M (or any venue speaking its API, e.g. the fake) into the catalog, resumable.
 */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description =
        "Downloads klines, funding-rate history and open-interest history from Binance USDT-M into"
            + " the catalog (paged within the request-weight limit; run it again to resume).")
final class DataDownloadCommand implements Callable<Integer> {
  @ParentCommand DataCommand parent;

  @Option(
      names = "--symbols",
      required = true,
      split = ",",
      description = "Symbols, e.g. BTCUSDT,ETHUSDT (or BTC/USDT:USDT).")
  List<String> symbols = new ArrayList<>();

  @Option(
      names = "--timeframe",
      required = true,
      description = "Bar timeframe: 1m, 5m, 15m, 1h, 4h or 1d.")
  String timeframe;

  @Option(
      names = "--from",
      required = true,
      description = "First day or instant (UTC), e.g. 2024-01-01 or 2024-01-01T08:00:00Z.")
  String from;

  @Option(names = "--to", description = "End (exclusive, UTC); default: now.")
  String to;

  @Option(
      names = "--venue-url",
      defaultValue = BinanceConfig.PRODUCTION_REST,
      description = "REST base URL (default: ${DEFAULT-VALUE}).")
  String venueUrl;

  @Override
  public Integer call() throws Exception {
    Timeframe tf;
    List<InstrumentId> instruments = new ArrayList<>();
    long fromMs;
    long toMs;
    try {
      tf = Timeframe.parse(timeframe);
      for (String s : symbols) {
        instruments.add(InstrumentId.parseAny(s.trim()));
      }
      fromMs = time(from);
      toMs = to == null ? System.currentTimeMillis() : time(to);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
    if (fromMs >= toMs) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--from must be before --to");
    }
    Path root = parent.catalogRoot();
    Files.createDirectories(root);
    // public market data: no API key is sent (the client wants a pair; it is never used)
    BinanceRestClient rest =
        new BinanceRestClient(
            BinanceConfig.of(venueUrl, BinanceConfig.PRODUCTION_WS),
            new BinanceCredentials("public", "public"),
            Clock.system());
    HistoryDownload d =
        new HistoryDownload(
            new BinanceHistory(rest),
            root,
            System::currentTimeMillis,
            new ProgressBar(System.err, "download"));
    System.out.printf(
        "%-12s %-4s %8s %9s %14s%n", "symbol", "tf", "bars", "fundings", "open-interest");
    try {
      for (InstrumentId i : instruments) {
        HistoryDownload.Result r = d.download(i, tf, fromMs, toMs);
        System.out.printf(
            "%-12s %-4s %8d %9d %14d%n",
            i.venueSymbol(), tf.code(), r.bars(), r.fundings(), r.openInterest());
      }
    } catch (BinanceApiException e) {
      System.err.println(
          "perpetua: download stopped: " + e.getMessage() + " (run again to resume)");
      return 4;
    }
    System.out.printf(
        "%d requests; catalog %s (%s to %s)%n",
        d.requests(), root, Times.iso(fromMs), Times.iso(toMs));
    return 0;
  }

  private static long time(String s) {
    String v = s.trim();
    return v.length() == 10 ? Times.parseDate(v) : Times.parseInstant(v);
  }
}
