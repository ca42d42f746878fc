package io.perpetua.app;

import io.perpetua.server.ApiToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Where the API token comes from: {@code PERPETUA_API_TOKEN}, else the file {@code api-token} in
 * the data directory, else a new random token (256 bits, base64url) written there with owner-only
 * permissions. Stateless.
 */
public final class TokenStore {
  /** The token file name inside the data directory. */
  public static final String FILE = "api-token";

  /**
   * The resolved token.
   *
   * @param token the token
   * @param source {@code env}, {@code file} or {@code generated}
   * @param file the token file (null when from the environment)
   */
  public record Resolved(ApiToken token, String source, Path file) {}

  private TokenStore() {}

  /** Resolves the token for {@code dataDir}. */
  public static Resolved resolve(Path dataDir, Map<String, String> env) {
    String fromEnv = env.get("PERPETUA_API_TOKEN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new Resolved(ApiToken.of(fromEnv.trim()), "env", null);
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.isRegularFile(file)) {
        return new Resolved(
            ApiToken.of(Files.readString(file, StandardCharsets.UTF_8).trim()), "file", file);
      }
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // non-POSIX file system: keep the default permissions
      }
      Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return new Resolved(ApiToken.of(secret), "generated", file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the API token at " + file, e);
    }
  }
}
