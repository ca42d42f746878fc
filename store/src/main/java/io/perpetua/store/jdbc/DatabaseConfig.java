package io.perpetua.store.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to reach the journal database: a JDBC URL (H2 or PostgreSQL), credentials and a pool size.
 *
 * <p>Immutable. The password, and any password embedded in the URL, never appear in {@link
 * #toString()} or in {@link #safeUrl()}; messages name the database with {@code safeUrl()}.
 *
 * @param url JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/perpetua}
 * @param user user name (may be empty)
 * @param password password (may be empty, never null)
 * @param maxPoolSize maximum pooled connections, {@code >= 1}
 */
public record DatabaseConfig(String url, String user, String password, int maxPoolSize) {
  /** The default pool size. */
  public static final int DEFAULT_POOL_SIZE = 4;

  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([?&;]password=)([^&;]*)");
  private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/@:]*):([^/@]*)@");

  /** Validates the settings; null user/password become empty. */
  public DatabaseConfig {
    if (url == null || !url.startsWith("jdbc:")) {
      throw new IllegalArgumentException("database url must be a jdbc: URL");
    }
    user = Objects.requireNonNullElse(user, "");
    password = Objects.requireNonNullElse(password, "");
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be >= 1, was " + maxPoolSize);
    }
  }

  /** A database at {@code url} with the default pool size. */
  public static DatabaseConfig of(String url, String user, String password) {
    return new DatabaseConfig(url, user, password, DEFAULT_POOL_SIZE);
  }

  /**
   * The embedded default: an H2 file database {@code <dataDir>/perpetua.mv.db}, opened by this
   * process only.
   */
  public static DatabaseConfig embedded(Path dataDir) {
    Path file = dataDir.toAbsolutePath().normalize().resolve("perpetua");
    // WRITE_DELAY=0: by default H2 keeps commits in memory for up to 500 ms, so a killed process
    // lost its last checkpoints and an emergency stop the API had already acknowledged
    return of("jdbc:h2:file:" + file + ";AUTO_SERVER=FALSE;WRITE_DELAY=0", "sa", "");
  }

  /** True for an H2 URL. */
  public boolean isH2() {
    return url.startsWith("jdbc:h2:");
  }

  /** The URL with any embedded password replaced by {@code ***}. */
  public String safeUrl() {
    return mask(url);
  }

  /**
   * {@code url} (any text, e.g. a configuration value that is not a valid URL) with embedded
   * passwords ({@code password=...}, {@code //user:pass@}) replaced by {@code ***}.
   */
  public static String mask(String url) {
    String masked = URL_PASSWORD.matcher(url).replaceAll("$1***");
    return URL_USER_INFO.matcher(masked).replaceAll("$1:***@");
  }

  /** The secrets to keep out of messages: the password and any password embedded in the URL. */
  List<String> secrets() {
    List<String> out = new ArrayList<>();
    if (!password.isEmpty()) {
      out.add(password);
    }
    Matcher m = URL_PASSWORD.matcher(url);
    while (m.find()) {
      if (!m.group(2).isEmpty()) {
        out.add(m.group(2));
      }
    }
    Matcher u = URL_USER_INFO.matcher(url);
    while (u.find()) {
      if (!u.group(2).isEmpty()) {
        out.add(u.group(2));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "DatabaseConfig[url="
        + safeUrl()
        + ", user="
        + user
        + ", password="
        + (password.isEmpty() ? "none" : "***")
        + ", maxPoolSize="
        + maxPoolSize
        + "]";
  }
}
