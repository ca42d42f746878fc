package io.perpetua.auth.token;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link RefreshTokenStore} in memory, for tests. Thread-safe (synchronized). */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {
  private final Map<String, RefreshToken> tokens = new HashMap<>();

  @Override
  public synchronized void insert(RefreshToken token) {
    tokens.put(token.tokenHash(), token);
  }

  @Override
  public synchronized Optional<RefreshToken> find(String tokenHash) {
    return Optional.ofNullable(tokens.get(tokenHash));
  }

  @Override
  public synchronized boolean rotate(String tokenHash, Instant at) {
    RefreshToken t = tokens.get(tokenHash);
    if (t == null || t.rotatedAt() != null || t.revokedAt() != null) {
      return false;
    }
    tokens.put(
        tokenHash,
        new RefreshToken(
            t.tokenHash(), t.family(), t.username(), t.issuedAt(), t.expiresAt(), at, null));
    return true;
  }

  @Override
  public synchronized void revokeFamily(String family, Instant at) {
    tokens.replaceAll((k, t) -> t.family().equals(family) ? revoked(t, at) : t);
  }

  @Override
  public synchronized void revokeUser(String username, Instant at) {
    tokens.replaceAll((k, t) -> t.username().equals(username) ? revoked(t, at) : t);
  }

  @Override
  public synchronized boolean familyRevoked(String family) {
    return tokens.values().stream()
        .anyMatch(t -> t.family().equals(family) && t.revokedAt() != null);
  }

  private static RefreshToken revoked(RefreshToken t, Instant at) {
    return t.revokedAt() != null
        ? t
        : new RefreshToken(
            t.tokenHash(),
            t.family(),
            t.username(),
            t.issuedAt(),
            t.expiresAt(),
            t.rotatedAt(),
            at);
  }
}
