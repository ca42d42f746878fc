package io.perpetua.server.stream;

/**
 * The last {@code capacity} messages of one channel in a ring, addressed by sequence number; the
 * numbers start after the hub's base (its epoch's, {@link StreamHub#epoch}). Appending is O(1) and
 * never waits for readers beyond a short monitor hold. Thread-safe.
 */
final class StreamChannel {
  private final String name;
  private final StreamMessage[] ring;
  private final String[] rendered;
  private long base;
  private long next;

  StreamChannel(String name, int capacity, long base) {
    this.name = name;
    this.ring = new StreamMessage[capacity];
    this.rendered = new String[capacity];
    this.base = base;
    this.next = base + 1;
  }

  /**
   * Restarts the numbering after {@code newBase} when that is ahead (a new epoch): the messages
   * held so far are dropped, so a client behind is told of the gap.
   */
  synchronized void restartAfter(long newBase) {
    if (newBase + 1 > next) {
      java.util.Arrays.fill(ring, null);
      java.util.Arrays.fill(rendered, null);
      base = newBase;
      next = newBase + 1;
    }
  }

  /** The last sequence number before this process's first (its epoch's base). */
  synchronized long base() {
    return base;
  }

  String name() {
    return name;
  }

  /** Appends a message and returns it (with its sequence number). */
  synchronized StreamMessage append(String type, long timeMs, Object data) {
    StreamMessage m = new StreamMessage(next, name, type, timeMs, data);
    int slot = slot(next);
    ring[slot] = m;
    rendered[slot] = null;
    next++;
    return m;
  }

  /** The sequence number the next message will get. */
  synchronized long next() {
    return next;
  }

  /** The oldest sequence number still held (equal to {@link #next()} when empty). */
  synchronized long first() {
    return Math.max(base + 1, next - ring.length);
  }

  /** The message {@code seq}, or null when it is not (or no longer) held. */
  synchronized StreamMessage get(long seq) {
    if (seq >= next || seq < first()) {
      return null;
    }
    return ring[slot(seq)];
  }

  /** The cached JSON of message {@code seq}, or null when not rendered (or not held). */
  synchronized String rendered(long seq) {
    return seq >= next || seq < first() ? null : rendered[slot(seq)];
  }

  /** Caches the JSON of message {@code seq} if it is still held. */
  synchronized void cache(long seq, String json) {
    if (seq < next && seq >= first()) {
      rendered[slot(seq)] = json;
    }
  }

  private int slot(long seq) {
    return (int) Math.floorMod(seq, (long) ring.length);
  }
}
