package io.perpetua.signals.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.perpetua.core.InstrumentId;
import io.perpetua.signals.PanelMarketView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SharedFeaturesTest {
  private static final long HOUR = 3_600_000L;
  private static final int N = 6;
  private static final int BARS = 40;

  private final List<InstrumentId> ids = new ArrayList<>();
  private final long[] opens = new long[BARS];
  private final double[] close = new double[BARS * N];
  private final double[] volume = new double[BARS * N];

  SharedFeaturesTest() {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < N; i++) {
      ids.add(InstrumentId.parse("S" + i + "/USDT:USDT"));
    }
    for (int t = 0; t < BARS; t++) {
      opens[t] = t * HOUR;
      for (int i = 0; i < N; i++) {
        close[t * N + i] = 100 + 10 * r.nextDouble();
        volume[t * N + i] = 1;
      }
    }
  }

  private PanelMarketView view(int cursor) {
    PanelMarketView v = new PanelMarketView(ids, opens, HOUR, close, volume);
    v.moveTo(cursor, opens[cursor] + HOUR);
    return v;
  }

  private static double[] compute(CrossSectionalFeature f, PanelMarketView v, boolean[] pool) {
    double[] out = new double[N];
    f.compute(v, pool, new double[N], out);
    return out;
  }

  private static long[] bits(double[] a) {
    return Arrays.stream(a).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  @Test
  void aSecondRunOverTheSameData_getsBitIdenticalValues_fromTheStore() {
    SharedFeatures shared = new SharedFeatures();
    SharedFeatures.Scope scope = shared.scope(close);
    boolean[] pool = {true, true, false, true, true, true};
    CrossSectionalFeature plain = new FeatureRegistry().resolve("zscore_neg_ret_2h");
    CrossSectionalFeature first = new FeatureRegistry(scope).resolve("zscore_neg_ret_2h");
    CrossSectionalFeature second = new FeatureRegistry(scope).resolve("zscore_neg_ret_2h");
    for (int t = 5; t < BARS; t++) {
      long[] expected = bits(compute(plain, view(t), pool));
      assertArrayEquals(expected, bits(compute(first, view(t), pool)), "first run, bar " + t);
      assertArrayEquals(expected, bits(compute(second, view(t), pool)), "second run, bar " + t);
    }
    assertEquals(BARS - 5, scope.size());
    assertEquals(BARS - 5, scope.hits());
  }

  @Test
  void whatChangesTheValues_isPartOfTheKey_poolParametersTimeAndData() {
    SharedFeatures shared = new SharedFeatures();
    SharedFeatures.Scope scope = shared.scope(close);
    boolean[] all = new boolean[N];
    Arrays.fill(all, true);
    boolean[] fewer = all.clone();
    fewer[0] = false;
    FeatureRegistry registry = new FeatureRegistry(scope);
    FeatureRegistry plain = new FeatureRegistry();
    String[] names = {"zscore_neg_ret_2h", "zscore_neg_ret_4h", "zscore_ret_2h"};
    for (String name : names) {
      for (boolean[] pool : List.of(all, fewer)) {
        for (int t : new int[] {10, 11}) {
          assertArrayEquals(
              bits(compute(plain.resolve(name), view(t), pool)),
              bits(compute(registry.resolve(name), view(t), pool)),
              name + " at bar " + t + " with pool " + Arrays.toString(pool));
        }
      }
    }
    assertEquals(names.length * 2 * 2, scope.size());
    assertEquals(0, scope.hits());
    assertNotSame(scope, shared.scope(close.clone()), "another data set has its own values");
  }
}
