package io.perpetua.auth.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a secret from the environment: {@code NAME} itself, else the file named by {@code
 * NAME_FILE} (Docker/Kubernetes secrets, or a Vault agent's rendered file), trimmed. Never logs the
 * value. Stateless.
 */
public final class Secrets {
  private Secrets() {}

  /**
   * The secret {@code name}, if set.
   *
   * @throws UncheckedIOException if {@code NAME_FILE} names a file that cannot be read
   */
  public static Optional<String> read(Map<String, String> env, String name) {
    String direct = env.get(name);
    if (direct != null && !direct.isBlank()) {
      return Optional.of(direct.strip());
    }
    String file = env.get(name + "_FILE");
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    try {
      String value = Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8).strip();
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the secret file named by " + name + "_FILE", e);
    }
  }
}
