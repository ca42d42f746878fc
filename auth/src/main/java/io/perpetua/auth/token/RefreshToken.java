package io.perpetua.auth.token;

import java.time.Instant;
import java.util.Objects;

/**
 * A refresh token as stored: only the SHA-256 of the secret, the family it belongs to (every token
 * rotated from one login shares it), and its life. A token is good once: rotating it sets {@link
 * #rotatedAt}; presenting it again revokes the family. Immutable.
 *
 * @param tokenHash SHA-256 hex of the token
 * @param family the login it descends from
 * @param username whose it is
 * @param issuedAt when it was issued
 * @param expiresAt when it expires
 * @param rotatedAt when it was exchanged for a new pair, or null
 * @param revokedAt when its family was revoked (logout, reuse, ban), or null
 */
public record RefreshToken(
    String tokenHash,
    String family,
    String username,
    Instant issuedAt,
    Instant expiresAt,
    Instant rotatedAt,
    Instant revokedAt) {
  /** Validates. */
  public RefreshToken {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
