package io.perpetua.store.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach Redis.
 *
 * <p>Immutable. The password is never part of {@link #toString()} or of any exception message; use
 * {@link #address()} to name the server.
 *
 * @param host host name or address
 * @param port TCP port, 1–65535
 * @param password password (Redis AUTH), or null when none
 * @param database logical database index, {@code >= 0}
 * @param timeout connect and socket timeout of ordinary commands, positive
 */
public record RedisConfig(String host, int port, String password, int database, Duration timeout) {
  /** The default timeout of connects and non-blocking commands. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** Validates the settings. */
  public RedisConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("redis host must not be blank");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("redis port must be 1..65535, was " + port);
    }
    if (database < 0) {
      throw new IllegalArgumentException("redis database must be >= 0, was " + database);
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("redis timeout must be positive, was " + timeout);
    }
  }

  /** No password, database 0, the default timeout. */
  public static RedisConfig of(String host, int port) {
    return new RedisConfig(host, port, null, 0, DEFAULT_TIMEOUT);
  }

  /** A copy with {@code password} (null for none). */
  public RedisConfig withPassword(String password) {
    return new RedisConfig(host, port, password, database, timeout);
  }

  /** A copy using logical database {@code database}. */
  public RedisConfig withDatabase(int database) {
    return new RedisConfig(host, port, password, database, timeout);
  }

  /** {@code host:port}, for messages. */
  public String address() {
    return host + ":" + port;
  }

  @Override
  public String toString() {
    return "RedisConfig[host="
        + host
        + ", port="
        + port
        + ", password="
        + (password == null ? "none" : "***")
        + ", database="
        + database
        + ", timeout="
        + timeout
        + "]";
  }
}
