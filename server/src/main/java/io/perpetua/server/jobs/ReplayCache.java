package io.perpetua.server.jobs;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The signatures seen within the freshness window, so that a captured request cannot be replayed
 * while its timestamp is still accepted. Bounded: each entry expires when its timestamp leaves the
 * window (after which the timestamp check rejects a replay anyway), and when {@code capacity}
 * unexpired entries exist a new request is refused ({@link Outcome#FULL}) rather than an entry
 * evicted early, so the cache never forgets a signature that could still be replayed. Thread-safe
 * (synchronized).
 */
final class ReplayCache {
  /** What {@link #record} found. */
  enum Outcome {
    /** First time seen; now recorded. */
    NEW,
    /** Seen before within the window. */
    REPLAYED,
    /** Not recorded: the cache is full of unexpired entries. */
    FULL
  }

  private record Entry(long expiresAtMs, String key) {}

  private final int capacity;
  private final Map<String, Long> seen = new HashMap<>();
  private final PriorityQueue<Entry> byExpiry =
      new PriorityQueue<>((a, b) -> Long.compare(a.expiresAtMs(), b.expiresAtMs()));

  ReplayCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1");
    }
    this.capacity = capacity;
  }

  /** Records {@code key}, valid until {@code expiresAtMs}, at time {@code nowMs}. */
  synchronized Outcome record(String key, long expiresAtMs, long nowMs) {
    while (!byExpiry.isEmpty() && byExpiry.peek().expiresAtMs() < nowMs) {
      Entry e = byExpiry.poll();
      seen.remove(e.key(), e.expiresAtMs());
    }
    if (seen.containsKey(key)) {
      return Outcome.REPLAYED;
    }
    if (seen.size() >= capacity) {
      return Outcome.FULL;
    }
    seen.put(key, expiresAtMs);
    byExpiry.add(new Entry(expiresAtMs, key));
    return Outcome.NEW;
  }

  /** Entries held. */
  synchronized int size() {
    return seen.size();
  }
}
