package io.perpetua.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.InstrumentId;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PanelMarketViewTest {
  /** The O(1) window sum equals the looping definition at every cursor and window. */
  @Property(tries = 200)
  void quoteVolumeSum_equalsBruteForce(
      @ForAll @IntRange(min = 1, max = 5) int n,
      @ForAll @IntRange(min = 1, max = 60) int len,
      @ForAll @IntRange(min = 0, max = 70) int window,
      @ForAll long seed) {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    double[] close = new double[n * len];
    double[] qv = new double[n * len];
    long[] times = new long[len];
    for (int t = 0; t < len; t++) {
      times[t] = t * 60_000L;
      for (int i = 0; i < n; i++) {
        boolean missing = rnd.nextInt(5) == 0;
        close[t * n + i] = missing ? Double.NaN : 1;
        qv[t * n + i] = missing ? Double.NaN : rnd.nextDouble(0, 1e6);
      }
    }
    List<InstrumentId> ids = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(InstrumentId.usdtPerp("X" + i));
    }
    PanelMarketView fast = new PanelMarketView(ids, times, 60_000L, close, qv);
    MarketView slow =
        new MarketView() {
          @Override
          public long time() {
            return fast.time();
          }

          @Override
          public long barMillis() {
            return 60_000L;
          }

          @Override
          public int instrumentCount() {
            return n;
          }

          @Override
          public InstrumentId instrument(int i) {
            return ids.get(i);
          }

          @Override
          public int history() {
            return fast.history();
          }

          @Override
          public double close(int i, int b) {
            return fast.close(i, b);
          }

          @Override
          public double quoteVolume(int i, int b) {
            return fast.quoteVolume(i, b);
          }
        };
    for (int t = 0; t < len; t++) {
      fast.moveTo(t, times[t] + 60_000L);
      for (int i = 0; i < n; i++) {
        assertThat(fast.quoteVolumeSum(i, window))
            .isCloseTo(slow.quoteVolumeSum(i, window), within(1e-3));
      }
    }
  }

  @Test
  void view_cannotSeeTheFuture() {
    PanelMarketView v = ArrayView.of(new double[][] {{1, 2, 3}}, new double[] {1});
    v.moveTo(1, 2 * 3_600_000L);
    assertThat(v.close(0, 0)).isEqualTo(2);
    assertThatThrownBy(() -> v.close(0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> v.moveTo(2, 2 * 3_600_000L)).hasMessageContaining("has not closed");
  }
}
