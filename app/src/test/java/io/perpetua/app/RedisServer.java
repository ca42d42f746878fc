package io.perpetua.app;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * A redis-server of a test's own on a free loopback port (the shared one on 6379 is never stopped),
 * appending every write to a file in {@code dir} so that a kill keeps the data unless the test
 * deletes it. Skips the test when no redis-server binary is installed.
 */
final class RedisServer implements AutoCloseable {
  private final Path dir;
  private final int port;
  private Process process;

  RedisServer(Path dir) throws IOException {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/redis-server")),
        "redis-server not installed; skipping the Redis outage test");
    this.dir = Files.createDirectories(dir);
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      this.port = s.getLocalPort();
    }
  }

  int port() {
    return port;
  }

  /** Starts the server; returns once it answers PING. */
  void start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                List.of(
                    "/usr/bin/redis-server",
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "yes",
                    "--appendfsync",
                    "everysec",
                    "--dir",
                    dir.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    long end = System.currentTimeMillis() + 10_000;
    while (true) {
      try (Jedis jedis = new Jedis("127.0.0.1", port)) {
        jedis.ping();
        return;
      } catch (RuntimeException e) {
        if (System.currentTimeMillis() > end) {
          throw new IllegalStateException("redis-server did not start on " + port, e);
        }
        Thread.sleep(20);
      }
    }
  }

  /** Kills the server (SIGKILL): every connection drops, the port refuses. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Deletes what the server persisted, so that the next start is empty. */
  void wipe() {
    try (var files = Files.walk(dir)) {
      files
          .sorted(java.util.Comparator.reverseOrder())
          .filter(p -> !p.equals(dir) && !p.getFileName().toString().equals("redis.log"))
          .forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A client of this server. */
  Jedis client() {
    return new Jedis("127.0.0.1", port);
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
