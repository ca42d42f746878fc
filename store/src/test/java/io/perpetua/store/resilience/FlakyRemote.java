package io.perpetua.store.resilience;

import io.perpetua.store.memory.InMemoryStateCache;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.port.StateCache;
import java.util.Map;
import java.util.Optional;

/** A remote cache a test can take away ({@link #up} false) and bring back, emptied or not. */
final class FlakyRemote implements StateCache {
  volatile boolean up = true;
  volatile InMemoryStateCache data = new InMemoryStateCache();

  /** A restart that loses everything: a new, empty store. */
  void restartEmpty() {
    data = new InMemoryStateCache();
  }

  private InMemoryStateCache reach() {
    if (!up) {
      throw new ServiceUnavailableException("Redis unavailable at test:0", null);
    }
    return data;
  }

  @Override
  public Optional<String> get(String key) {
    return reach().get(key);
  }

  @Override
  public void put(String key, String value) {
    reach().put(key, value);
  }

  @Override
  public void putAll(Map<String, String> entries) {
    reach().putAll(entries);
  }

  @Override
  public void delete(String key) {
    reach().delete(key);
  }

  @Override
  public Map<String, String> scan(String prefix) {
    return reach().scan(prefix);
  }

  @Override
  public void close() {}
}
