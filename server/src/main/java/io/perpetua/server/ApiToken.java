package io.perpetua.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The secret bearer token that protects the API, passed in by the composition root (from the
 * environment or a secret file). It never leaves this object: {@link #toString()} is redacted and
 * there is no accessor; {@link #matches(String)} compares in constant time, independent of where
 * the first difference is and of the presented token's length (both sides are hashed first).
 * Immutable and thread-safe.
 */
public final class ApiToken {
  /** The shortest token accepted; shorter ones are guessable. */
  public static final int MIN_LENGTH = 16;

  private final byte[] digest;

  private ApiToken(byte[] digest) {
    this.digest = digest;
  }

  /**
   * A token.
   *
   * @throws IllegalArgumentException if it is shorter than {@link #MIN_LENGTH} characters or has
   *     whitespace or control characters (which an HTTP header cannot carry intact)
   */
  public static ApiToken of(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "API token must have at least " + MIN_LENGTH + " characters");
    }
    if (secret.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new IllegalArgumentException("API token must not contain whitespace or controls");
    }
    return new ApiToken(sha256(secret));
  }

  /** Whether {@code candidate} is this token; constant-time. A null candidate never matches. */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(candidate));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Redacted. */
  @Override
  public String toString() {
    return "ApiToken[redacted]";
  }
}
