package io.perpetua.store.memory;

import io.perpetua.trading.port.StateCache;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An in-memory {@link StateCache}: a sorted map behind a read-write lock.
 *
 * <p>Thread-safe. {@link #putAll} and {@link #scan} hold the lock for their whole duration, so a
 * scan sees each {@code putAll} entirely or not at all. Nothing survives the process. {@link
 * #close} clears the map.
 */
public final class InMemoryStateCache implements StateCache {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<String, String> entries = new TreeMap<>();

  /** An empty cache. */
  public InMemoryStateCache() {}

  @Override
  public Optional<String> get(String key) {
    Objects.requireNonNull(key, "key");
    lock.readLock().lock();
    try {
      return Optional.ofNullable(entries.get(key));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void put(String key, String value) {
    putAll(Map.of(key, value));
  }

  @Override
  public void putAll(Map<String, String> values) {
    Map<String, String> copy = new TreeMap<>();
    values.forEach(
        (k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
    lock.writeLock().lock();
    try {
      entries.putAll(copy);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void delete(String key) {
    Objects.requireNonNull(key, "key");
    lock.writeLock().lock();
    try {
      entries.remove(key);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Map<String, String> scan(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    lock.readLock().lock();
    try {
      SortedMap<String, String> out = new TreeMap<>();
      for (Map.Entry<String, String> e : entries.tailMap(prefix, true).entrySet()) {
        if (!e.getKey().startsWith(prefix)) {
          break;
        }
        out.put(e.getKey(), e.getValue());
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      entries.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
