package io.perpetua.app;

import io.perpetua.trading.kernel.Pacer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Paces a replay at {@code speed} event-milliseconds per wall-millisecond, anchored at the first
 * event it sees; {@link #stop()} ends the wait at once (Ctrl-C). Thread-safe.
 */
public final class WallClockPacer implements Pacer {
  private final double speed;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private long anchorEventMs = Long.MIN_VALUE;
  private long anchorWallNanos;

  /** A pacer at {@code speed} (3600 = one event hour per wall second). */
  public WallClockPacer(double speed) {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be positive");
    }
    this.speed = speed;
  }

  @Override
  public boolean awaitEventTime(long eventTimeMs) {
    if (anchorEventMs == Long.MIN_VALUE) {
      anchorEventMs = eventTimeMs;
      anchorWallNanos = System.nanoTime();
    }
    long dueNanos = anchorWallNanos + (long) ((eventTimeMs - anchorEventMs) / speed * 1_000_000L);
    long wait = dueNanos - System.nanoTime();
    try {
      return wait <= 0 ? stopped.getCount() > 0 : !stopped.await(wait, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits {@code ms} of wall time; false when stopped (at once, or during the wait). */
  public boolean pause(long ms) throws InterruptedException {
    return !stopped.await(ms, TimeUnit.MILLISECONDS);
  }

  /** True once {@link #stop()} was called. */
  public boolean stopped() {
    return stopped.getCount() == 0;
  }

  /** Asks the replay to stop. */
  public void stop() {
    stopped.countDown();
  }
}
