package io.perpetua.market;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;

/** Small series for tests. */
final class TestSeries {
  static final long H = 3_600_000L;
  static final long T0 = 1_700_000_000_000L / H * H;

  private TestSeries() {}

  /** Hourly bars of {@code base} at {@code T0 + k·H} for each k, close = 100 + k. */
  static BarSeries hourly(String base, int... hours) {
    BarSeries.Builder b = BarSeries.builder(InstrumentId.usdtPerp(base), Timeframe.H1);
    for (int k : hours) {
      double c = 100 + k;
      b.add(T0 + k * H, c - 0.5, c + 1, c - 1, c, 10 + k, c * (10 + k));
    }
    return b.build();
  }

  static int[] range(int from, int to) {
    int[] out = new int[to - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = from + i;
    }
    return out;
  }
}
