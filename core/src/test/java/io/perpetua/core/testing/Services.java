package io.perpetua.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Guards for integration tests that need a real service (PostgreSQL, Redis). When the service is
 * not reachable the test is skipped with a clear message, unless {@code
 * PERPETUA_REQUIRE_SERVICES=1} (set by CI), in which case it fails.
 */
public final class Services {
  private Services() {}

  /** Requires a TCP service at {@code host:port}. */
  public static void require(String name, String host, int port) {
    boolean up = reachable(host, port);
    if (!up && "1".equals(System.getenv("PERPETUA_REQUIRE_SERVICES"))) {
      throw new IllegalStateException(
          name
              + " is required (PERPETUA_REQUIRE_SERVICES=1) but not reachable at "
              + host
              + ":"
              + port);
    }
    assumeTrue(up, name + " not reachable at " + host + ":" + port + "; skipping integration test");
  }

  /** PostgreSQL on 127.0.0.1:5432. */
  public static void requirePostgres() {
    require("PostgreSQL", "127.0.0.1", 5432);
  }

  /** Redis on 127.0.0.1:6379. */
  public static void requireRedis() {
    require("Redis", "127.0.0.1", 6379);
  }

  private static boolean reachable(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
