package io.perpetua.app;

import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.jdbc.DatabaseException;
import io.perpetua.store.resilience.WriteBehindStateCache;
import io.perpetua.store.state.CachedPlatformState;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.port.StateCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The platform's stores as configured, reached at start-up. Stateless. */
public final class StoreConnections {
  private StoreConnections() {}

  /**
   * Reaches Redis (when configured, {@code cache} is then its write-behind cache) and opens the
   * database, each within {@code store.connect_timeout_seconds}: a start that cannot reach them
   * fails with the reason instead of serving an API over a kernel that never trades.
   *
   * @throws IllegalStateException {@code cannot start: <reason>}
   */
  static Database open(
      PerpetuaConfig config, Path dataDir, Map<String, String> env, StateCache cache) {
    Duration timeout = Duration.ofSeconds(config.store().connectTimeoutSeconds());
    String waited = " (waited up to " + timeout.toSeconds() + " s, store.connect_timeout_seconds)";
    if (!config.store().redisUrl().isBlank()) {
      try {
        ((WriteBehindStateCache) cache).requireReachable(CachedPlatformState.BALANCE_KEY);
      } catch (ServiceUnavailableException e) {
        throw new IllegalStateException("cannot start: " + e.getMessage() + waited, e);
      }
    }
    try {
      return Database.open(databaseConfig(config, dataDir, env), timeout);
    } catch (ServiceUnavailableException | DatabaseException e) {
      throw new IllegalStateException(
          "cannot start: " + e.getMessage() + (e instanceof DatabaseException ? "" : waited), e);
    }
  }

  /**
   * The configured database: {@code store.database_url} (password from {@code
   * PERPETUA_STORE_DATABASE_PASSWORD}), else the embedded H2 file in {@code dataDir}.
   */
  public static DatabaseConfig databaseConfig(
      PerpetuaConfig config, Path dataDir, Map<String, String> env) {
    String url = config.store().databaseUrl();
    if (url.isBlank()) {
      return DatabaseConfig.embedded(dataDir);
    }
    return DatabaseConfig.of(
        url,
        config.store().databaseUser(),
        env.getOrDefault("PERPETUA_STORE_DATABASE_PASSWORD", ""));
  }
}
