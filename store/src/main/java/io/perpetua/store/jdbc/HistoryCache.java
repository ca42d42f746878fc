package io.perpetua.store.jdbc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * History reads (pages of orders, fills, rebalances; open orders) kept until the journal's next
 * commit: the API's polled pages are read from the database once per change instead of once per
 * request. Exact as long as the journal holding this cache is the only writer of its tables, as the
 * platform's journal is: every commit moves the generation on, and an entry read under an older
 * generation is never served (a read racing a commit is stored under the generation it started in,
 * so it is dropped on its next lookup).
 *
 * <p>Thread-safe. Bounded: when {@value #MAX_ENTRIES} reads are held, the next new one clears it.
 */
final class HistoryCache {
  static final int MAX_ENTRIES = 512;

  private record Entry(long generation, Object value) {}

  private final AtomicLong generation = new AtomicLong();
  private final Map<Object, Entry> entries = new ConcurrentHashMap<>();

  /** The value read for {@code key} in the current generation, or what {@code read} returns. */
  @SuppressWarnings("unchecked")
  <T> T get(Object key, Supplier<T> read) {
    long g = generation.get();
    Entry e = entries.get(key);
    if (e != null && e.generation() == g) {
      return (T) e.value();
    }
    T value = read.get();
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(key, new Entry(g, value));
    return value;
  }

  /** Forgets everything read so far; called after every commit (and failed commit). */
  void invalidate() {
    generation.incrementAndGet();
    entries.clear();
  }
}
