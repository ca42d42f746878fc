package io.perpetua.trading.port;

import java.util.Map;
import java.util.Optional;

/**
 * A key-value store of current state (the {@code quant:*} keys of the platform spec). Values are
 * JSON text. Thread-safe; {@link #putAll} is atomic (readers see all or none of the writes).
 */
public interface StateCache extends AutoCloseable {
  /** The value at {@code key}. */
  Optional<String> get(String key);

  /** Sets {@code key}. */
  void put(String key, String value);

  /** Sets several keys atomically. */
  void putAll(Map<String, String> entries);

  /** Removes {@code key}; no-op when absent. */
  void delete(String key);

  /** All keys starting with {@code prefix} and their values. */
  Map<String, String> scan(String prefix);

  @Override
  void close();
}
