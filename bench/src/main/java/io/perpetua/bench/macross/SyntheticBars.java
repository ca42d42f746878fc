package io.perpetua.bench.macross;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.market.BarSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic hourly random walks for benchmarks and tests that must run without the shared data:
 * staggered listings, prices on a 0.0001 tick (so ties happen as on real data), and a flat,
 * volume-less stretch in the first symbol (as after a halt). Every series runs to the last bar: a
 * panel kernel stalls when an instrument stops pricing with an order in flight (the order never
 * fills and the kernel makes no further decision), which the rule's other implementations cannot
 * mirror. Stateless.
 */
public final class SyntheticBars {
  private static final long HOUR = Timeframe.H1.millis();
  private static final long START = 1_700_000_000_000L / HOUR * HOUR;

  private SyntheticBars() {}

  /**
   * {@code symbols} series ending at bar {@code bars}; when {@code staggered}, all but the first
   * list up to a quarter of that later.
   */
  public static MaCrossData of(int symbols, int bars, long seed, boolean staggered) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<BarSeries> out = new ArrayList<>(symbols);
    for (int s = 0; s < symbols; s++) {
      int first = s == 0 || !staggered ? 0 : rnd.nextInt(bars / 4);
      BarSeries.Builder b = BarSeries.builder(InstrumentId.usdtPerp("SYN" + s), Timeframe.H1);
      double price = 10 + rnd.nextDouble() * 1000;
      for (int k = first; k < bars; k++) {
        boolean halted = s == 0 && k >= bars / 2 && k < bars / 2 + 200;
        if (!halted) {
          price *= Math.exp(rnd.nextGaussian() * 0.01);
        }
        double close = Math.max(0.0001, Math.round(price * 10_000) / 10_000.0);
        double volume = halted ? 0 : 1 + rnd.nextDouble() * 100;
        b.add(START + k * HOUR, close, close, close, close, volume, volume * close);
      }
      out.add(b.build());
    }
    return MaCrossData.of(out);
  }
}
