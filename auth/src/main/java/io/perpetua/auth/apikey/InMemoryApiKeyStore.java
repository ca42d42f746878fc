package io.perpetua.auth.apikey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An {@link ApiKeyStore} in memory, for tests. Thread-safe (synchronized). */
public final class InMemoryApiKeyStore implements ApiKeyStore {
  private final Map<String, ApiKey> keys = new LinkedHashMap<>();

  @Override
  public synchronized void insert(ApiKey key) {
    Objects.requireNonNull(key, "key");
    if (keys.putIfAbsent(key.keyId(), key) != null) {
      throw new IllegalArgumentException("API key " + key.keyId() + " exists");
    }
  }

  @Override
  public synchronized Optional<ApiKey> find(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  @Override
  public synchronized List<ApiKey> list() {
    List<ApiKey> out = new ArrayList<>(keys.values());
    out.sort(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::keyId));
    return out;
  }

  @Override
  public synchronized boolean revoke(String keyId, Instant at) {
    ApiKey key = keys.get(keyId);
    if (key == null || !key.active()) {
      return false;
    }
    keys.put(keyId, key.revoked(at));
    return true;
  }
}
