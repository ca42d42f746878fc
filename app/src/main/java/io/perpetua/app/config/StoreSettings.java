package io.perpetua.app.config;

import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.redis.RedisConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code store} section checked and converted once at the edge: the database URL (empty for the
 * embedded H2 file, else {@code jdbc:postgresql://host[:port]/database} or an H2 URL), the Redis
 * URL ({@code redis://host[:port][/db]}) and the start-up connect timeout. Values echoed in
 * messages have any credentials masked. Stateless.
 */
public final class StoreSettings {
  private static final Pattern SUBPROTOCOL = Pattern.compile("^jdbc:([A-Za-z0-9]+):");
  private static final Pattern POSTGRES =
      Pattern.compile("^jdbc:postgresql://([^/?#:]+)(?::([^/?#]*))?/([^/?#]+)(?:\\?.*)?$");

  private StoreSettings() {}

  /** Fails with a {@link ConfigException} naming the key of the first invalid value. */
  static void validate(PerpetuaConfig.Store store) {
    validateDatabaseUrl(store.databaseUrl());
    if (!store.redisUrl().isBlank()) {
      redisConfig(store.redisUrl(), "");
    }
    if (store.connectTimeoutSeconds() < 1) {
      throw new ConfigException(
          "store.connect_timeout_seconds",
          "must be at least 1, was " + store.connectTimeoutSeconds());
    }
  }

  private static void validateDatabaseUrl(String url) {
    if (url.isBlank()) {
      return;
    }
    String key = "store.database_url";
    String shown = DatabaseConfig.mask(url);
    Matcher sub = SUBPROTOCOL.matcher(url);
    if (!sub.find()) {
      throw new ConfigException(
          key,
          "expected empty (embedded H2) or jdbc:postgresql://host[:port]/database, was '"
              + shown
              + "'");
    }
    String kind = sub.group(1);
    if (kind.equals("h2")) {
      return;
    }
    if (!kind.equals("postgresql")) {
      throw new ConfigException(
          key,
          "unsupported database '" + kind + "' (supported: postgresql, h2), was '" + shown + "'");
    }
    Matcher pg = POSTGRES.matcher(url);
    if (!pg.matches()) {
      throw new ConfigException(
          key, "expected jdbc:postgresql://host[:port]/database, was '" + shown + "'");
    }
    String port = pg.group(2);
    if (port != null && !port.matches("\\d{1,5}")) {
      throw new ConfigException(key, "port must be a number, was '" + port + "'");
    }
  }

  /**
   * The Redis client settings of {@code store.redis_url} ({@code redis://host[:port][/db]}, default
   * port 6379, database 0); the password comes from {@code PERPETUA_STORE_REDIS_PASSWORD} only.
   */
  public static RedisConfig redisConfig(PerpetuaConfig.Store store, Map<String, String> env) {
    String password = env.get("PERPETUA_STORE_REDIS_PASSWORD");
    return redisConfig(store.redisUrl(), password == null ? "" : password);
  }

  private static RedisConfig redisConfig(String url, String password) {
    String key = "store.redis_url";
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null || !"redis".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new ConfigException(
          key, "expected redis://host[:port][/db], was '" + DatabaseConfig.mask(url) + "'");
    }
    RedisConfig rc = RedisConfig.of(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379);
    String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
    if (!path.isEmpty()) {
      try {
        rc = rc.withDatabase(Integer.parseInt(path));
      } catch (NumberFormatException e) {
        throw new ConfigException(key, "database must be a number, was '" + path + "'", e);
      }
    }
    return password.isBlank() ? rc : rc.withPassword(password);
  }
}
