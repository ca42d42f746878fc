package io.perpetua.trading.kernel;

import io.perpetua.core.InstrumentId;
import java.util.List;

/**
 * The bars the kernel replays: instruments, bar open times and time-major close and quote-volume
 * columns ({@code value[t × n + i]}, NaN where absent). Arrays are shared, not copied.
 *
 * @param instruments instruments in dense-index order
 * @param openTimes bar open times, strictly increasing
 * @param barMillis bar interval
 * @param close closes
 * @param quoteVolume USDT volumes
 */
public record MarketPanel(
    List<InstrumentId> instruments,
    long[] openTimes,
    long barMillis,
    double[] close,
    double[] quoteVolume) {
  /** Validates the shapes. */
  public MarketPanel {
    instruments = List.copyOf(instruments);
    if (close.length != openTimes.length * instruments.size()
        || quoteVolume.length != close.length) {
      throw new IllegalArgumentException("panel arrays do not match times × instruments");
    }
    if (barMillis <= 0) {
      throw new IllegalArgumentException("bar interval must be positive");
    }
  }

  /** Number of bars. */
  public int size() {
    return openTimes.length;
  }

  /** Close time of bar {@code t}. */
  public long closeTime(int t) {
    return openTimes[t] + barMillis;
  }

  /** The close of instrument {@code i} at bar {@code t}. */
  public double close(int t, int i) {
    return close[t * instruments.size() + i];
  }
}
