package io.perpetua.store.memory;

/**
 * A message id {@code <ms>-<seq>} as Redis Streams assigns them; ordered by time then sequence.
 *
 * @param ms milliseconds part, {@code >= 0}
 * @param seq sequence within the millisecond, {@code >= 0}
 */
record StreamId(long ms, long seq) implements Comparable<StreamId> {
  /** The id before every message ({@code 0-0}). */
  static final StreamId ZERO = new StreamId(0, 0);

  /** Validates the parts. */
  StreamId {
    if (ms < 0 || seq < 0) {
      throw new IllegalArgumentException("invalid stream id " + ms + "-" + seq);
    }
  }

  /** Parses {@code <ms>-<seq>}, or {@code <ms>} meaning {@code <ms>-0}. */
  static StreamId parse(String text) {
    if (text == null || !text.matches("\\d{1,19}(-\\d{1,19})?")) {
      throw new IllegalArgumentException("invalid bus id '" + text + "': expected <ms>-<seq>");
    }
    int dash = text.indexOf('-');
    try {
      return dash < 0
          ? new StreamId(Long.parseLong(text), 0)
          : new StreamId(
              Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid bus id '" + text + "': out of range", e);
    }
  }

  /** The next id at time {@code nowMs}: later than this one even if the clock went back. */
  StreamId next(long nowMs) {
    return nowMs > ms ? new StreamId(nowMs, 0) : new StreamId(ms, Math.incrementExact(seq));
  }

  @Override
  public int compareTo(StreamId other) {
    int byMs = Long.compare(ms, other.ms);
    return byMs != 0 ? byMs : Long.compare(seq, other.seq);
  }

  @Override
  public String toString() {
    return ms + "-" + seq;
  }
}
