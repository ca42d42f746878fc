package io.perpetua.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The API keys of the signed job API (a port: in memory for tests, JDBC in the platform). Keys are
 * never deleted, only revoked, so a key id is never reused. Thread-safe.
 */
public interface ApiKeyStore {
  /**
   * Stores a new key.
   *
   * @throws IllegalArgumentException if the key id exists
   */
  void insert(ApiKey key);

  /** The key, active or revoked. */
  Optional<ApiKey> find(String keyId);

  /** Every key, oldest first. */
  List<ApiKey> list();

  /**
   * Revokes an active key.
   *
   * @return false if there is no such key or it is already revoked
   */
  boolean revoke(String keyId, Instant at);
}
