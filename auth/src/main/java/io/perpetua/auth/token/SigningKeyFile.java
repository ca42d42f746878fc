package io.perpetua.auth.token;

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
 * The JWT signing key: {@code PERPETUA_JWT_SIGNING_KEY} (or {@code ..._FILE}) when set, base64;
 * else the file {@code jwt-signing-key} in the data directory; else 256 random bits generated on
 * first start and written there with owner-only permissions (0600) before first use. There is no
 * default key. Stateless.
 */
public final class SigningKeyFile {
  /** The file name inside the data directory. */
  public static final String FILE = "jwt-signing-key";

  /** The environment variable. */
  public static final String ENV = "PERPETUA_JWT_SIGNING_KEY";

  private SigningKeyFile() {}

  /**
   * The key bytes for {@code dataDir}.
   *
   * @throws IllegalArgumentException if a configured key is not base64 of at least 32 bytes
   */
  public static byte[] resolve(Path dataDir, Map<String, String> env) {
    var configured = Secrets.read(env, ENV);
    if (configured.isPresent()) {
      return decode(configured.get(), ENV);
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.isRegularFile(file)) {
        return decode(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Files.createDirectories(dataDir);
      Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // non-POSIX file system: keep the default permissions
      }
      Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n");
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the JWT signing key at " + file, e);
    }
  }

  private static byte[] decode(String text, String where) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the JWT signing key in " + where + " is not base64");
    }
    if (key.length < 32) {
      throw new IllegalArgumentException("the JWT signing key in " + where + " has < 256 bits");
    }
    return key;
  }
}
