package io.perpetua.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the HTTP API server.
 *
 * @param bindHost the interface to listen on ({@code 0.0.0.0} for all, {@code 127.0.0.1} for local
 *     only)
 * @param heartbeatStaleness a service whose last heartbeat is older than this (wall clock) is
 *     reported {@code down} by {@code /api/v1/health}
 * @param corsAllowedOrigins origins allowed to call the API from a browser, e.g. {@code
 *     https://dashboard.example.com}; {@code *} allows any (an explicit opt-in, for local
 *     development only); empty (the default) allows no cross-origin access: the dashboard is served
 *     from the API's own origin
 */
public record ServerConfig(
    String bindHost, Duration heartbeatStaleness, List<String> corsAllowedOrigins) {
  /** Default staleness: 120 s. */
  public static final Duration DEFAULT_STALENESS = Duration.ofSeconds(120);

  /** Validates and copies. */
  public ServerConfig {
    Objects.requireNonNull(bindHost, "bindHost");
    if (bindHost.isBlank()) {
      throw new IllegalArgumentException("bindHost must not be blank");
    }
    Objects.requireNonNull(heartbeatStaleness, "heartbeatStaleness");
    if (heartbeatStaleness.isNegative() || heartbeatStaleness.isZero()) {
      throw new IllegalArgumentException("heartbeatStaleness must be positive");
    }
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
    for (String origin : corsAllowedOrigins) {
      if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
        throw new IllegalArgumentException(
            "CORS origin must be * or scheme://host[:port] without a path: " + origin);
      }
    }
  }

  /** Defaults: all interfaces, 120 s staleness, no cross-origin access. */
  public static ServerConfig defaults() {
    return new ServerConfig("0.0.0.0", DEFAULT_STALENESS, List.of());
  }

  /** A copy with another staleness. */
  public ServerConfig withHeartbeatStaleness(Duration staleness) {
    return new ServerConfig(bindHost, staleness, corsAllowedOrigins);
  }

  /** A copy with other CORS origins. */
  public ServerConfig withCorsAllowedOrigins(List<String> origins) {
    return new ServerConfig(bindHost, heartbeatStaleness, origins);
  }

  /** A copy listening on another interface. */
  public ServerConfig withBindHost(String host) {
    return new ServerConfig(host, heartbeatStaleness, corsAllowedOrigins);
  }
}
