package io.perpetua.app.cli;

import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeInterval;
import io.perpetua.venue.binance.fake.FakeListing;
import io.perpetua.venue.binance.fake.SyntheticPriceDriver;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code perpetua venue ...}: venue tools; {@code venue fake-binance} runs the fake exchange. */
@Command(
    name = "venue",
    mixinStandardHelpOptions = true,
    description = "Exchange venue tools.",
    subcommands = {VenueCommand.FakeBinance.class})
public final class VenueCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code perpetua venue fake-binance}: a local fake Binance USDT-M venue until SIGTERM. */
  @Command(
      name = "fake-binance",
      mixinStandardHelpOptions = true,
      description = {
        "Runs a local fake of Binance USDT-M futures (REST + WebSocket) on loopback.",
        "It speaks Binance's paths and payloads, with a matching engine driven by a seeded"
            + " synthetic random walk. Point the adapter at it with the printed REST and WebSocket"
            + " base URLs; see docs/venues.md."
      },
      footer = {
        "",
        "Examples:",
        "  ./perpetua venue fake-binance --port 8765 --symbols BTCUSDT,ETHUSDT",
        "  ./perpetua venue fake-binance --history-bars 720",
        "      (a fake to point './perpetua run --venue binance' at)"
      })
  public static final class FakeBinance implements Callable<Integer> {
    @Option(
        names = "--port",
        defaultValue = "8765",
        description = "Port (0 = any free port; default ${DEFAULT-VALUE}).")
    int port;

    @Option(
        names = "--host",
        defaultValue = "127.0.0.1",
        description = "Bind address (default ${DEFAULT-VALUE}).")
    String host;

    @Option(
        names = "--symbols",
        split = ",",
        defaultValue = "BTCUSDT,ETHUSDT",
        description = "Listed symbols (default ${DEFAULT-VALUE}).")
    List<String> symbols;

    @Option(
        names = "--seed",
        defaultValue = "42",
        description = "Random-walk seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--tick-ms",
        defaultValue = "250",
        description =
            "Milliseconds between synthetic trades per symbol (default ${DEFAULT-VALUE}).")
    long tickMs;

    @Option(
        names = "--history-bars",
        defaultValue = "0",
        description =
            "Seeded kline history per symbol, so that a live platform can backfill from it"
                + " (0..5000; default ${DEFAULT-VALUE}).")
    int historyBars;

    @Option(
        names = "--history-interval",
        defaultValue = "1h",
        description = "Interval of that history (default ${DEFAULT-VALUE}).")
    String historyInterval;

    @Override
    public Integer call() throws InterruptedException {
      if (tickMs <= 0) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--tick-ms must be positive");
      }
      if (historyBars < 0 || historyBars > 5_000) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--history-bars must be 0..5000");
      }
      if (FakeInterval.of(historyInterval).isEmpty()) {
        throw new CommandLine.ParameterException(
            new CommandLine(this),
            "--history-interval: unknown interval '" + historyInterval + "'");
      }
      List<FakeListing> listings =
          symbols.stream()
              .map(s -> FakeListing.standard(s.trim().toUpperCase(Locale.ROOT), null))
              .toList();
      FakeBinanceServer server = FakeBinanceServer.start(listings, host, port);
      if (historyBars > 0) {
        server.exchange().seedHistory(historyInterval, historyBars, seed);
      }
      SyntheticPriceDriver driver = new SyntheticPriceDriver(server.exchange(), seed, 5.0);
      driver.start(tickMs);
      System.out.println("fake-binance listening");
      System.out.println("  REST      " + server.restBaseUrl().replace("127.0.0.1", host));
      System.out.println("  WebSocket " + server.wsBaseUrl().replace("127.0.0.1", host));
      System.out.println(
          "  API key   " + FakeBinanceServer.API_KEY + " (fake; secret in docs/venues.md)");
      System.out.println("  symbols   " + String.join(",", symbols));
      if (historyBars > 0) {
        System.out.println("  history   " + historyBars + " x " + historyInterval + " klines");
      }
      CountDownLatch done = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    driver.close();
                    server.close();
                    done.countDown();
                  },
                  "fake-binance-stop"));
      done.await();
      return 0;
    }
  }
}
