package io.perpetua.signals.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rolling structures equal a brute-force recomputation at every step (seeded random walks). */
class RollingWindowsPropertyTest {

  @Test
  void windowedSums_equalBruteForce_atEveryStep_includingGaps() {
    for (int seed = 0; seed < 10; seed++) {
      Random r = new Random(seed);
      long bucket = 1 + r.nextInt(3);
      long[] windows = {bucket * 5, bucket * 17, bucket * 60};
      var sums = new WindowedSums(bucket, 2, windows);
      List<long[]> events = new ArrayList<>(); // time, column, value
      long t = r.nextInt(1000) - 500;
      for (int step = 0; step < 1000; step++) {
        t += r.nextInt(10) < 8 ? r.nextInt(3) : r.nextInt(200);
        int col = r.nextInt(2);
        long v = r.nextLong(2_000_000_000L) - 1_000_000_000L;
        sums.add(t, col, v);
        events.add(new long[] {t, col, v});
        long current = Math.floorDiv(t, bucket);
        for (int w = 0; w < windows.length; w++) {
          for (int c = 0; c < 2; c++) {
            long expect = 0;
            for (long[] e : events) {
              long b = Math.floorDiv(e[0], bucket);
              if (e[1] == c && b > current - windows[w] / bucket && b <= current) {
                expect += e[2];
              }
            }
            assertThat(sums.sum(w, c)).isEqualTo(expect);
            assertThat(sums.recompute(w, c)).isEqualTo(expect);
          }
        }
      }
    }
  }

  @Test
  void slidingMax_equalsBruteForce_atEveryStep() {
    Random r = new Random(3);
    var max = new SlidingMax(100, 1 << 12);
    List<double[]> events = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < 5000; i++) {
      t += r.nextInt(10) < 9 ? r.nextInt(5) : r.nextInt(300);
      double v = Math.exp(r.nextGaussian() * 2);
      max.add(t, v);
      events.add(new double[] {t, v});
      long probe = t + r.nextInt(120);
      double expect = 0;
      for (double[] e : events) {
        if (e[0] > probe - 100 && e[0] <= probe) {
          expect = Math.max(expect, e[1]);
        }
      }
      assertThat(max.max(probe)).isEqualTo(expect);
    }
    assertThat(max.dropped()).isZero();
  }

  @Test
  void logHistogramQuantiles_matchExactNearestRank_withinOneBin() {
    Random r = new Random(5);
    double res = 0.025;
    var h = new SlidingLogHistogram(600, 60, 1e-4, 1e6, res);
    List<double[]> events = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < 3000; i++) {
      t += r.nextInt(3);
      double q = 0.01 * Math.pow(1 - r.nextDouble(), -1 / 1.5);
      h.add(t, q);
      events.add(new double[] {t, q});
      if (i % 25 != 0) {
        continue;
      }
      long slice = Math.floorDiv(t, 60);
      double[] window =
          events.stream()
              .filter(e -> Math.floorDiv((long) e[0], 60) > slice - 10)
              .mapToDouble(e -> e[1])
              .sorted()
              .toArray();
      assertThat(h.count()).isEqualTo(window.length);
      double[] both = new double[2];
      h.quantiles(0.95, 0.99, both);
      assertThat(both[0]).isEqualTo(h.quantile(0.95));
      assertThat(both[1]).isEqualTo(h.quantile(0.99));
      for (double p : new double[] {0.5, 0.95, 0.99}) {
        double exact = window[(int) Math.ceil(p * window.length) - 1];
        assertThat(h.quantile(p) / exact).isCloseTo(1.0, within(res));
      }
    }
  }

  @Test
  void atr_equalsBruteForceWilderOnCandles_atEveryTrade() {
    Random r = new Random(9);
    var atr = new AtrTracker(300, 14, 288);
    List<double[]> trades = new ArrayList<>();
    long t = 0;
    double p = 100;
    for (int i = 0; i < 6000; i++) {
      t += r.nextInt(10) < 9 ? r.nextInt(20) : r.nextInt(1500);
      p = Math.max(1, p + r.nextGaussian() * 0.3);
      atr.add(t, p);
      trades.add(new double[] {t, p});
      if (i % 50 == 0) {
        double[] expect = bruteAtr(trades, t, 300, 14);
        assertThat(atr.atr()).isEqualTo(expect[0], within(1e-9));
        if (!Double.isNaN(expect[0])) {
          assertThat(atr.percentile()).isEqualTo(expect[1], within(1e-9));
          assertThat(atr.percentile()).isEqualTo(atr.percentile()); // pure read
        }
      }
    }
  }

  /** Candles from scratch (empty periods flat at the previous close), then Wilder. */
  private static double[] bruteAtr(List<double[]> trades, long now, long candleMs, int n) {
    long first = Math.floorDiv((long) trades.get(0)[0], candleMs);
    long current = Math.floorDiv(now, candleMs);
    List<Double> trs = new ArrayList<>();
    double prevClose = Double.NaN;
    for (long c = first; c < current; c++) {
      double h = Double.NaN;
      double l = Double.NaN;
      double close = Double.NaN;
      for (double[] tr : trades) {
        if (Math.floorDiv((long) tr[0], candleMs) == c) {
          h = Double.isNaN(h) ? tr[1] : Math.max(h, tr[1]);
          l = Double.isNaN(l) ? tr[1] : Math.min(l, tr[1]);
          close = tr[1];
        }
      }
      if (Double.isNaN(h)) {
        h = l = close = prevClose;
      }
      trs.add(
          Double.isNaN(prevClose)
              ? h - l
              : Math.max(h - l, Math.max(Math.abs(h - prevClose), Math.abs(l - prevClose))));
      prevClose = close;
    }
    if (trs.size() < n) {
      return new double[] {Double.NaN, Double.NaN};
    }
    List<Double> values = new ArrayList<>();
    double a = 0;
    for (int i = 0; i < n; i++) {
      a += trs.get(i);
    }
    a /= n;
    values.add(a);
    for (int i = n; i < trs.size(); i++) {
      a = (a * (n - 1) + trs.get(i)) / n;
      values.add(a);
    }
    List<Double> last = values.subList(Math.max(0, values.size() - 288), values.size());
    final double cur = a;
    double pct = 100.0 * last.stream().filter(v -> v <= cur).count() / last.size();
    return new double[] {a, pct};
  }

  @Test
  void cvdMomentum_neverInventsAFirstSlope() {
    var m = new CvdMomentum();
    m.update(10);
    assertThat(m.slope()).isNaN();
    assertThat(m.acceleration()).isNaN();
    m.update(15);
    assertThat(m.slope()).isEqualTo(5);
    assertThat(m.acceleration()).isNaN();
    m.update(17);
    assertThat(m.slope()).isEqualTo(2);
    assertThat(m.acceleration()).isEqualTo(-3);
    var restored = new CvdMomentum();
    restored.restore(m.snapshot());
    restored.update(20);
    assertThat(restored.slope()).isEqualTo(3);
    assertThat(restored.acceleration()).isEqualTo(1);
    assertThat(Arrays.asList(m.snapshot().previousCvd())).containsExactly(17.0);
  }
}
