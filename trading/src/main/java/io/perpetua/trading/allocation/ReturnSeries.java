package io.perpetua.trading.allocation;

import java.util.Arrays;
import java.util.Objects;

/**
 * One strategy's net return observations (daily returns of its virtual book's NAV, or per-trade
 * returns), oldest first. Immutable.
 *
 * @param strategy the strategy
 * @param timesMs when each return was earned (end of its period)
 * @param returns the net returns (fractions)
 */
public record ReturnSeries(String strategy, long[] timesMs, double[] returns) {
  private static final long DAY_MS = 86_400_000L;

  /** Validates; copies the arrays. */
  public ReturnSeries {
    Objects.requireNonNull(strategy, "strategy");
    if (timesMs.length != returns.length) {
      throw new IllegalArgumentException(strategy + ": one time per return");
    }
    timesMs = timesMs.clone();
    returns = returns.clone();
  }

  /** The returns of consecutive values of {@code navs} at {@code timesMs} (NAV points). */
  public static ReturnSeries fromNav(String strategy, long[] timesMs, double[] navs) {
    int n = Math.max(0, navs.length - 1);
    long[] t = new long[n];
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = timesMs[i + 1];
      r[i] = navs[i] > 0 ? navs[i + 1] / navs[i] - 1 : 0.0;
    }
    return new ReturnSeries(strategy, t, r);
  }

  /** The observations of the smoothing window ending at {@code nowMs}. */
  public ReturnSeries window(AllocationConfig config, long nowMs) {
    int end = 0;
    while (end < timesMs.length && timesMs[end] <= nowMs) {
      end++;
    }
    int start;
    if (config.windowInTrades()) {
      start = Math.max(0, end - config.windowSize());
    } else {
      long from = nowMs - config.windowSize() * DAY_MS;
      start = end;
      while (start > 0 && timesMs[start - 1] > from) {
        start--;
      }
    }
    return new ReturnSeries(
        strategy, Arrays.copyOfRange(timesMs, start, end), Arrays.copyOfRange(returns, start, end));
  }

  /** The number of observations. */
  public int size() {
    return returns.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReturnSeries s
        && strategy.equals(s.strategy)
        && Arrays.equals(timesMs, s.timesMs)
        && Arrays.equals(returns, s.returns);
  }

  @Override
  public int hashCode() {
    return Objects.hash(strategy, Arrays.hashCode(timesMs), Arrays.hashCode(returns));
  }

  @Override
  public String toString() {
    return "ReturnSeries[" + strategy + ", " + returns.length + " returns]";
  }
}
