package io.perpetua.app.cli;

import io.perpetua.app.Platform;
import io.perpetua.app.config.ConfigException;
import io.perpetua.app.config.PerpetuaConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code perpetua run}: the platform in paper mode on replayed data. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the platform: the HTTP API and paper trading of the active strategy.",
      "Paper trading replays real hourly data (synthetic when none is available) on an"
          + " accelerated clock through the pipeline services; see README.md."
    })
public final class RunCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      description = "HTTP port (default: server.port = 8080, or PERPETUA_PORT).")
  Integer port;

  @Option(
      names = "--speed",
      description = "Event seconds per wall second (default: paper.speed = 3600).")
  Double speed;

  @Option(
      names = "--venue",
      description =
          "Where orders go: simulated (paper), fake-binance (live mode against an in-process"
              + " fake of Binance over HTTP/WebSocket) or binance (live trading on Binance: the"
              + " binance section, keys from PERPETUA_BINANCE_API_KEY/_SECRET). Default:"
              + " venue.type = simulated.")
  String venue;

  @Option(names = "--config", description = "YAML configuration file (default: PERPETUA_CONFIG).")
  Path configFile;

  @Option(names = "--data-dir", description = "Data directory (default: data.dir = var).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    PerpetuaConfig config = Home.config(configFile);
    if (port != null) {
      config = withPort(config, port);
    }
    if (venue != null) {
      if (!PerpetuaConfig.Venue.TYPES.contains(venue)) {
        throw new ConfigException(
            "--venue", "must be one of " + PerpetuaConfig.Venue.TYPES + ", was '" + venue + "'");
      }
      config = config.withVenue(config.venue().withType(venue));
    }
    double s = speed != null ? speed : config.paper().speed();
    if (!(s > 0)) {
      throw new ConfigException("--speed", "must be positive");
    }
    Path dir = dataDir != null ? dataDir.toAbsolutePath() : Home.resolve(config.data().dir());
    Map<String, String> env = new HashMap<>(System.getenv());
    Platform platform =
        Platform.start(config, dir, Home.resolve(config.data().sharedData()), env, System.out, s);
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              System.out.println("\nperpetua: stopping...");
              platform.close();
              done.countDown();
            },
            "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    done.await();
    return 0;
  }

  private static PerpetuaConfig withPort(PerpetuaConfig c, int port) {
    if (port < 0 || port > 65535) {
      throw new ConfigException("--port", "must be 0..65535, was " + port);
    }
    var s = c.server();
    return c.withServer(
        new PerpetuaConfig.Server(port, s.corsOrigins(), s.heartbeatStaleSeconds()));
  }
}
