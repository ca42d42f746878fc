package io.perpetua.app.cli;

import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves where Perpetua lives: the repository root ({@code -Dperpetua.home}, set by the launcher;
 * else the working directory), the configuration and the data directory. Stateless.
 */
public final class Home {
  private Home() {}

  /** The home directory. */
  public static Path root() {
    String home = System.getProperty("perpetua.home");
    return Path.of(home != null ? home : ".").toAbsolutePath().normalize();
  }

  /** Loads the configuration from {@code file} (or {@code PERPETUA_CONFIG}) and the environment. */
  public static PerpetuaConfig config(Path file) {
    Map<String, String> env = System.getenv();
    Path f = file;
    if (f == null && env.get("PERPETUA_CONFIG") != null) {
      f = Path.of(env.get("PERPETUA_CONFIG"));
    }
    return ConfigLoader.load(f, env);
  }

  /** A configured path, relative to the home directory unless absolute. */
  public static Path resolve(String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? p : root().resolve(p).normalize();
  }
}
