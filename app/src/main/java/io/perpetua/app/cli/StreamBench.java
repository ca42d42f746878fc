package io.perpetua.app.cli;

import io.perpetua.app.MarketLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Clock;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.server.ApiServer;
import io.perpetua.server.ApiToken;
import io.perpetua.server.ServerConfig;
import io.perpetua.server.stream.StreamEndpoints;
import io.perpetua.server.stream.StreamHub;
import io.perpetua.server.stream.StreamPublisher;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.KernelListeners;
import io.perpetua.trading.kernel.Pacer;
import io.perpetua.trading.kernel.TradingKernel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench streams}: does a stalled WebSocket client delay the kernel? Replays the catalog
 * through the kernel (unpaced, as {@code bench replay}) with the stream publisher attached and the
 * API's stream endpoints on loopback, three times: no client; clients that read everything; clients
 * that never read (stalled). Each client subscribes to the strategy channel and to the market
 * channel of every symbol; prints the kernel's step latency (p50, p99, max), the run time, the
 * messages published and the slow clients dropped.
 */
@Command(
    name = "streams",
    mixinStandardHelpOptions = true,
    description =
        "Kernel step latency with no WebSocket client, reading clients and stalled clients"
            + " (docs/benchmarks.md).")
final class StreamBench implements Callable<Integer> {
  private static final String TOKEN = "bench-streams-token-0123456789abcdef";

  @Option(
      names = "--clients",
      defaultValue = "2",
      description = "Clients per scenario (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--data-dir", description = "Data directory (default: the configured one).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    PerpetuaConfig config = Home.config(null);
    Path dir = dataDir != null ? dataDir.toAbsolutePath() : Home.resolve(config.data().dir());
    Files.createDirectories(dir);
    Timeframe tf = Timeframe.parse(config.data().timeframe());
    MarketLoader.importUntilComplete(
        dir, Home.resolve(config.data().sharedData()), tf, new ProgressBar(System.err, "import"));
    MarketLoader.Loaded market = MarketLoader.load(dir, tf);
    List<String> symbols =
        market.panel().instruments().stream().map(InstrumentId::venueSymbol).toList();
    System.out.printf(
        "market: %d instruments, %d bars; %d client(s) per scenario, each on the strategy channel"
            + " and %d market channels%n",
        symbols.size(), market.panel().size(), clients, symbols.size());
    run(config, market, symbols, "warm-up (no client)", 0, true);
    for (String scenario : List.of("no client", "reading clients", "stalled clients")) {
      int n = scenario.equals("no client") ? 0 : clients;
      run(config, market, symbols, scenario, n, scenario.startsWith("reading"));
    }
    return 0;
  }

  private void run(
      PerpetuaConfig config,
      MarketLoader.Loaded market,
      List<String> symbols,
      String scenario,
      int n,
      boolean reading)
      throws Exception {
    StreamHub hub = new StreamHub(StreamHub.Limits.defaults());
    ApiServer server =
        new ApiServer(
                new InMemoryPlatformState(),
                ApiToken.of(TOKEN),
                Clock.system(),
                ServerConfig.defaults().withBindHost("127.0.0.1"))
            .addExtension(new StreamEndpoints(hub, s -> true, config.activeStrategy()::equals));
    int port = server.start(0);
    List<WebSocket> sockets = new ArrayList<>();
    AtomicLong received = new AtomicLong();
    try {
      for (int c = 0; c < n; c++) {
        sockets.add(
            connect(port, "/stream/strategy/" + config.activeStrategy(), reading, received));
        for (String s : symbols) {
          sockets.add(connect(port, "/stream/market/" + s, reading, received));
        }
      }
      StreamPublisher publisher = new StreamPublisher(hub, StrategyId.of(config.activeStrategy()));
      long[] stepNanos = new long[market.panel().size()];
      int[] steps = {0};
      KernelListener bars = barsAndTimes(market, symbols, publisher, stepNanos, steps);
      long start = System.nanoTime();
      TradingKernel k =
          BenchCommand.Replay.kernel(config, market, KernelListeners.of(List.of(publisher, bars)));
      k.resume(Long.MIN_VALUE);
      k.run(Pacer.unpaced());
      double seconds = (System.nanoTime() - start) / 1e9;
      long[] sorted = Arrays.copyOf(stepNanos, steps[0]);
      Arrays.sort(sorted);
      Thread.sleep(reading ? 2_000 : 6_000); // let readers drain, stalled clients time out
      System.out.printf(
          Locale.ROOT,
          "%-20s run %.2f s, step p50 %.1f us, p99 %.1f us, max %.2f ms; published %,d, received"
              + " %,d, slow clients dropped %d%n",
          scenario + ":",
          seconds,
          pct(sorted, 0.50) / 1e3,
          pct(sorted, 0.99) / 1e3,
          sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
          published(hub, symbols, config.activeStrategy()),
          received.get(),
          hub.stats().slowDrops());
    } finally {
      sockets.forEach(WebSocket::abort);
      server.stop();
      hub.close();
    }
  }

  /** Publishes each step's bars (as the platform does) and records each step's latency. */
  private static KernelListener barsAndTimes(
      MarketLoader.Loaded market,
      List<String> symbols,
      StreamPublisher publisher,
      long[] stepNanos,
      int[] steps) {
    var panel = market.panel();
    return new KernelListener() {
      @Override
      public void onStep(int t, long timeMs, double equity) {
        for (int i = 0; i < symbols.size(); i++) {
          double close = panel.close(t, i);
          if (close > 0) {
            publisher.bar(symbols.get(i), timeMs, close, 0);
          }
        }
      }

      @Override
      public void onStepLatency(int t, long nanos) {
        stepNanos[steps[0]++] = nanos;
      }
    };
  }

  private static long published(StreamHub hub, List<String> symbols, String strategy) {
    long total = hub.nextSeq(StreamEndpoints.strategyChannel(strategy)) - 1;
    for (String s : symbols) {
      total += hub.nextSeq(StreamEndpoints.marketChannel(s)) - 1;
    }
    return total;
  }

  private static double pct(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, q * sorted.length)];
  }

  private static WebSocket connect(int port, String path, boolean reading, AtomicLong received)
      throws Exception {
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .header("Authorization", "Bearer " + TOKEN)
        .buildAsync(
            URI.create("ws://127.0.0.1:" + port + path),
            new WebSocket.Listener() {
              @Override
              public void onOpen(WebSocket ws) {
                if (reading) {
                  ws.request(Long.MAX_VALUE);
                }
              }

              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                if (last) {
                  received.incrementAndGet();
                }
                return null;
              }
            })
        .get(10, TimeUnit.SECONDS);
  }
}
