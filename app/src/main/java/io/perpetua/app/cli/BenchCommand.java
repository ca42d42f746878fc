package io.perpetua.app.cli;

import io.perpetua.app.MarketLoader;
import io.perpetua.app.Strategies;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.ManualClock;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.trading.kernel.KernelConfig;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.KernelPorts;
import io.perpetua.trading.kernel.Pacer;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.venue.SimulatedVenue;
import io.perpetua.trading.venue.SimulatedVenueConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code perpetua bench replay|startup|api|streams|sweep}: whole-run benchmarks that print
 * throughput.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Whole-run benchmarks.",
    subcommands = {
      BenchCommand.Replay.class,
      BenchCommand.Startup.class,
      ApiBench.class,
      StreamBench.class,
      SweepBench.class
    })
public final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code bench replay}. */
  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description =
          "Replays the whole catalog (or synthetic market) through the active strategy with costs, unpaced.")
  static final class Replay implements Callable<Integer> {
    @Option(names = "--data-dir", description = "Data directory (default: data.dir = var).")
    Path dataDir;

    @Option(
        names = "--runs",
        defaultValue = "3",
        description = "Timed runs after one warm-up (default ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
      PerpetuaConfig config = Home.config(null);
      Path dir = dataDir != null ? dataDir.toAbsolutePath() : Home.resolve(config.data().dir());
      Files.createDirectories(dir);
      Timeframe tf = Timeframe.parse(config.data().timeframe());
      MarketLoader.importUntilComplete(
          dir, Home.resolve(config.data().sharedData()), tf, new ProgressBar(System.err, "import"));
      long t0 = System.nanoTime();
      MarketLoader.Loaded market = MarketLoader.load(dir, tf);
      double loadMs = (System.nanoTime() - t0) / 1e6;
      long symbolBars = 0;
      var panel = market.panel();
      int n = market.instruments().size();
      for (int t = 0; t < panel.size(); t++) {
        for (int i = 0; i < n; i++) {
          if (panel.close(t, i) > 0) {
            symbolBars++;
          }
        }
      }
      System.out.printf(
          "market: %s, %d instruments, %d bars, %d symbol-bars (load %.0f ms)%n",
          market.source(), n, panel.size(), symbolBars, loadMs);
      for (int r = 0; r <= runs; r++) {
        long start = System.nanoTime();
        int[] rebalances = {0};
        TradingKernel k = kernel(config, market, new KernelListener() {});
        k.resume(Long.MIN_VALUE);
        k.run(Pacer.unpaced());
        rebalances[0] = k.rebalances();
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "%s: %.2f s, %,.0f symbol-bars/s, %d rebalances, final equity %.2f USDT%n",
            r == 0 ? "warm-up" : "run " + r, s, symbolBars / s, rebalances[0], k.equity());
      }
      return 0;
    }

    static TradingKernel kernel(
        PerpetuaConfig config, MarketLoader.Loaded market, KernelListener listener) {
      String name = config.activeStrategy();
      var sc = config.strategies().get(name);
      ManualClock clock = new ManualClock(Long.MIN_VALUE / 2);
      Map<InstrumentId, Instrument> byId = new HashMap<>();
      market.instruments().forEach(i -> byId.put(i.id(), i));
      var v = config.venue();
      var venue =
          new SimulatedVenue(
              byId,
              new SimulatedVenueConfig(v.takerFeeBps(), v.makerFeeBps(), v.slippageBps()),
              clock);
      var kc =
          new KernelConfig(
              "bench",
              Money.of(config.paper().initialCapital()),
              CronSchedule.parse(sc.rebalanceCron()),
              sc.rebalanceDays(),
              false);
      return new TradingKernel(
          kc,
          market.panel(),
          market.funding(),
          market.instruments(),
          Strategies.create(config, name),
          Strategies.pool(config, sc.pool()),
          new FeatureRegistry(),
          venue,
          clock,
          KernelPorts.backtest(listener));
    }
  }

  /** {@code bench startup}. */
  @Command(
      name = "startup",
      mixinStandardHelpOptions = true,
      description =
          "Starts './perpetua run' in a fresh data directory and times the first 200 from /api/v1/health.")
  static final class Startup implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "3", description = "Runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
      Path launcher = Home.root().resolve("perpetua");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
      for (int r = 1; r <= runs; r++) {
        Path dir = Files.createTempDirectory("perpetua-startup");
        int port = 20000 + (int) (ProcessHandle.current().pid() % 10000) + r;
        long start = System.nanoTime();
        Process p =
            new ProcessBuilder(
                    launcher.toString(),
                    "run",
                    "--port",
                    Integer.toString(port),
                    "--data-dir",
                    dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile())
                .start();
        long firstOk = -1;
        var req =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health"))
                .build();
        while (firstOk < 0 && System.nanoTime() - start < 30_000_000_000L && p.isAlive()) {
          try {
            if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
              firstOk = System.nanoTime();
            }
          } catch (java.io.IOException e) {
            Thread.onSpinWait();
          }
        }
        p.destroy();
        p.waitFor();
        System.out.printf(
            "run %d: %s%n",
            r,
            firstOk < 0
                ? "no 200 within 30 s (see " + dir.resolve("out.log") + ")"
                : String.format("first 200 after %d ms", (firstOk - start) / 1_000_000));
      }
      return 0;
    }
  }
}
