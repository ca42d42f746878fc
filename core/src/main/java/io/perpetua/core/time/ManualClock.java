package io.perpetua.core.time;

/**
 * A clock set explicitly by its driver (a replay loop or a test). Time never moves backwards.
 *
 * <p>Thread-safe: reads see the latest write.
 */
public final class ManualClock implements Clock {
  private volatile long now;

  /** Starts at {@code startMs}. */
  public ManualClock(long startMs) {
    this.now = startMs;
  }

  @Override
  public long nowMillis() {
    return now;
  }

  /** Moves to {@code timeMs}; refuses to move backwards. */
  public void set(long timeMs) {
    if (timeMs < now) {
      throw new IllegalArgumentException("clock cannot move backwards: " + timeMs + " < " + now);
    }
    now = timeMs;
  }
}
