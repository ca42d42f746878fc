package io.perpetua.auth.token;

import java.time.Instant;
import java.util.Optional;

/** Refresh tokens (a port: in memory for tests, JDBC in the platform). Thread-safe. */
public interface RefreshTokenStore {
  /** Stores a new token. */
  void insert(RefreshToken token);

  /** The token with this hash. */
  Optional<RefreshToken> find(String tokenHash);

  /**
   * Atomically marks the token rotated if it is neither rotated nor revoked (compare-and-set, so of
   * two concurrent refreshes with one token only one wins).
   *
   * @return false if it was already rotated or revoked, or is unknown
   */
  boolean rotate(String tokenHash, Instant at);

  /** Revokes every token of {@code family}. */
  void revokeFamily(String family, Instant at);

  /** Revokes every token of {@code username} (ban). */
  void revokeUser(String username, Instant at);

  /** Whether {@code family} was revoked. */
  boolean familyRevoked(String family);
}
