package io.perpetua.server.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives API-key signing secrets from the master key, so that no secret is ever stored: {@code
 * secret = "sk_" + base64url(HMAC-SHA256(masterKey, "perpetua-api-key-v1:" + keyId))}. The database
 * keeps only {@code SHA-256(secret)} (hex), which reveals nothing usable and lets the server notice
 * a changed master key. Whoever holds the master key can recompute every secret; whoever holds only
 * the database cannot.
 *
 * <p>The master key is the UTF-8 text of {@code PERPETUA_MASTER_KEY} (at least {@value #MIN_LENGTH}
 * characters), else of the file {@code master.key} in the data directory, created on first use with
 * 256 random bits (base64url) and owner-only permissions. Immutable and thread-safe; {@link
 * #toString()} is redacted.
 */
public final class ApiKeySecrets {
  /** The environment variable holding the master key. */
  public static final String ENV = "PERPETUA_MASTER_KEY";

  /** The master key file in the data directory. */
  public static final String FILE = "master.key";

  /** Shortest master key accepted, characters. */
  public static final int MIN_LENGTH = 32;

  private static final String HMAC = "HmacSHA256";
  private static final String CONTEXT = "perpetua-api-key-v1:";

  private final byte[] masterKey;

  private ApiKeySecrets(byte[] masterKey) {
    this.masterKey = masterKey;
  }

  /**
   * Secrets under the master key {@code text}.
   *
   * @throws IllegalArgumentException if it is shorter than {@value #MIN_LENGTH} characters
   */
  public static ApiKeySecrets of(String text) {
    Objects.requireNonNull(text, "master key");
    if (text.strip().length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "the master key must have at least " + MIN_LENGTH + " characters");
    }
    return new ApiKeySecrets(text.strip().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The master key from {@code env} ({@value #ENV}) or the key file in {@code dataDir}, created if
   * absent.
   *
   * @throws UncheckedIOException if the file cannot be read or created
   */
  public static ApiKeySecrets resolve(Path dataDir, Map<String, String> env) {
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return of(fromEnv);
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.isRegularFile(file)) {
        return of(Files.readString(file, StandardCharsets.UTF_8));
      }
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Files.createDirectories(dataDir);
      Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // non-POSIX file system: keep the default permissions
      }
      Files.writeString(tmp, key + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return of(key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the master key at " + file, e);
    }
  }

  /** The signing secret of key {@code keyId}. */
  public String secretFor(String keyId) {
    byte[] mac = hmac(masterKey, (CONTEXT + keyId).getBytes(StandardCharsets.UTF_8));
    return "sk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
  }

  /** Lower-case hex SHA-256 of {@code secret} (what the database stores). */
  public static String sha256Hex(String secret) {
    return HexFormat.of().formatHex(sha256(secret.getBytes(StandardCharsets.UTF_8)));
  }

  /** SHA-256 of {@code bytes}. */
  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** HMAC-SHA256 of {@code data} under {@code key}. */
  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(data);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  /** Redacted. */
  @Override
  public String toString() {
    return "ApiKeySecrets[redacted]";
  }
}
