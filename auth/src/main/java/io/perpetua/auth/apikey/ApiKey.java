package io.perpetua.auth.apikey;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A credential of the signed job API as stored: a public key id, the user it acts for, and the
 * SHA-256 of its signing secret (never the secret; see {@code docs/api.md}, "Signing"). Immutable.
 *
 * @param keyId public identifier, {@code pk_} + 24 lower-case hex digits
 * @param owner the user whose jobs the key submits and reads
 * @param secretSha256 lower-case hex SHA-256 of the signing secret
 * @param createdAt when it was issued
 * @param revokedAt when it was revoked, or null while active
 */
public record ApiKey(
    String keyId, String owner, String secretSha256, Instant createdAt, Instant revokedAt) {
  private static final Pattern KEY_ID = Pattern.compile("pk_[0-9a-f]{24}");
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9_.@-]{1,128}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Validates. */
  public ApiKey {
    if (!isValidKeyId(keyId)) {
      throw new IllegalArgumentException("key id must be pk_ + 24 hex digits: '" + keyId + "'");
    }
    if (owner == null || !OWNER.matcher(owner).matches()) {
      throw new IllegalArgumentException(
          "owner must be 1..128 characters of letters, digits, _ . @ -: '" + owner + "'");
    }
    if (secretSha256 == null || !SHA256.matcher(secretSha256).matches()) {
      throw new IllegalArgumentException("secretSha256 must be 64 lower-case hex digits");
    }
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Whether {@code value} has the shape of a key id. */
  public static boolean isValidKeyId(String value) {
    return value != null && KEY_ID.matcher(value).matches();
  }

  /** Whether {@code value} is an acceptable owner name. */
  public static boolean isValidOwner(String value) {
    return value != null && OWNER.matcher(value).matches();
  }

  /** Whether the key is still valid. */
  public boolean active() {
    return revokedAt == null;
  }

  /** A revoked copy. */
  public ApiKey revoked(Instant at) {
    return new ApiKey(keyId, owner, secretSha256, createdAt, Objects.requireNonNull(at, "at"));
  }
}
