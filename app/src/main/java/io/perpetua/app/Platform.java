package io.perpetua.app;

import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.port.EventBus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The running platform. {@link #start} builds the object graph from configuration ({@link
 * PlatformWiring}: H2 or PostgreSQL, in-process or Redis, the HTTP API and its routes), starts the
 * HTTP API first (health answers within a second), opens the database and then runs the kernel and
 * the heartbeats ({@link PlatformRuntime}). {@link #close()} stops everything cleanly; the journal
 * keeps the state so the next start continues where this one stopped.
 */
public final class Platform implements AutoCloseable {
  /** Event-bus topic of kernel events. */
  public static final String EVENTS_TOPIC = "kernel";

  /** Name of the file in the data directory that tells local tools where the running API is. */
  public static final String API_URL_FILE = "api.url";

  private final PlatformWiring wiring;
  private final PlatformRuntime runtime;
  private final int port;

  private Platform(PlatformWiring wiring, PlatformRuntime runtime, int port) {
    this.wiring = wiring;
    this.runtime = runtime;
    this.port = port;
  }

  /**
   * Starts the platform with its state under {@code dataDir}, importing real data from {@code
   * sharedData} on first use when it exists.
   */
  public static Platform start(
      PerpetuaConfig config,
      Path dataDir,
      Path sharedData,
      Map<String, String> env,
      PrintStream out,
      double speed)
      throws IOException {
    return start(config, dataDir, sharedData, env, out, speed, Clock.system());
  }

  /**
   * {@link #start} with the clock that decides when a live Binance bar has closed (tests move it
   * with the fake venue's market time).
   */
  static Platform start(
      PerpetuaConfig config,
      Path dataDir,
      Path sharedData,
      Map<String, String> env,
      PrintStream out,
      double speed,
      Clock liveBarClock)
      throws IOException {
    Files.createDirectories(dataDir);
    PlatformWiring wiring = new PlatformWiring(config, dataDir, sharedData, env, out, speed);
    int port = wiring.startApi();
    Platform p = new Platform(wiring, new PlatformRuntime(wiring, speed, liveBarClock), port);
    try {
      wiring.openDatabase();
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
    p.runtime.start();
    return p;
  }

  /** The platform's event bus (kernel events, order-flow ticks). */
  EventBus eventBus() {
    return wiring.bus();
  }

  /** The order-flow runtime (tests reach its live side through it). */
  FlowRuntime flow() {
    return wiring.flow();
  }

  /** The bound HTTP port. */
  public int port() {
    return port;
  }

  /** The kernel's failure, if it stopped on an error. */
  public Throwable kernelFailure() {
    return runtime.kernelFailure();
  }

  /** Blocks until the kernel thread ends. */
  public void awaitKernel() throws InterruptedException {
    runtime.awaitKernel();
  }

  /** The live venue connection, null in paper mode (tests). */
  LiveVenue liveVenue() {
    return wiring.parts().live();
  }

  /** Stops the runtime's threads, then closes the wiring's resources. */
  @Override
  public void close() {
    runtime.stop();
    wiring.close();
  }
}
