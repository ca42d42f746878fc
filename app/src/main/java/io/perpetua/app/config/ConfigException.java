package io.perpetua.app.config;

/** The configuration is invalid; the message names the key. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error about {@code key}. */
  public ConfigException(String key, String problem) {
    super("config key '" + key + "': " + problem);
  }

  /** An error about {@code key} with a cause. */
  public ConfigException(String key, String problem, Throwable cause) {
    super("config key '" + key + "': " + problem, cause);
  }
}
