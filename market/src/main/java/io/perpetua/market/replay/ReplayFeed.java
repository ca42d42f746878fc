package io.perpetua.market.replay;

import io.perpetua.core.InstrumentId;
import io.perpetua.market.AlignedBars;
import io.perpetua.market.FundingCatalog;
import io.perpetua.market.FundingSeries;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Walks an {@link AlignedBars} panel in time order, calling {@link BarStepListener#onStep} for each
 * step and, interleaved at their times, {@link FundingListener#onFunding} for the funding
 * settlements of the panel's instruments.
 *
 * <p>Order: a settlement at time {@code s} is delivered before the first step whose open time is at
 * or after {@code s} — so a settlement at {@code T} comes before the step of the bar opening at
 * {@code T}, and after the step of the bar that closed at {@code T}: it applies to the positions
 * held through that bar. Only settlements in {@code [time(0), time(last) + interval]} are
 * delivered; those after the last step's open time come after the last step. Settlements at the
 * same time are delivered in instrument (API symbol) order.
 *
 * <p>Immutable (the settlement schedule is merged once, at construction); {@link #run} allocates
 * nothing per step and may be called repeatedly and from several threads with separate listeners.
 */
public final class ReplayFeed {
  private static final int MAX_INSTRUMENTS = 1 << 16;

  private final AlignedBars bars;
  private final long[] fundingTimes;
  private final int[] fundingInstruments;
  private final double[] fundingRates;

  /**
   * A feed over {@code bars} with the given funding series (keyed by instrument; instruments not in
   * the panel are ignored, instruments without funding get none).
   */
  public ReplayFeed(AlignedBars bars, Map<InstrumentId, FundingSeries> funding) {
    this.bars = Objects.requireNonNull(bars, "bars");
    if (bars.instrumentCount() > MAX_INSTRUMENTS) {
      throw new IllegalArgumentException("too many instruments: " + bars.instrumentCount());
    }
    FundingSeries[] series = new FundingSeries[bars.instrumentCount()];
    int events = 0;
    long from = bars.size() == 0 ? 0 : bars.time(0);
    long to = bars.size() == 0 ? 0 : bars.time(bars.size() - 1) + bars.timeframe().millis() + 1;
    for (int i = 0; i < series.length; i++) {
      FundingSeries s = funding.get(bars.instrument(i));
      if (s != null) {
        series[i] = s.slice(from, to);
        events += series[i].size();
      }
    }
    long[] keys = new long[events];
    int k = 0;
    for (int i = 0; i < series.length; i++) {
      for (int j = 0; series[i] != null && j < series[i].size(); j++) {
        keys[k++] = Math.addExact(Math.multiplyExact(series[i].timeMs(j), MAX_INSTRUMENTS), i);
      }
    }
    Arrays.sort(keys);
    fundingTimes = new long[events];
    fundingInstruments = new int[events];
    fundingRates = new double[events];
    for (int e = 0; e < events; e++) {
      int i = (int) Math.floorMod(keys[e], (long) MAX_INSTRUMENTS);
      long time = Math.floorDiv(keys[e], (long) MAX_INSTRUMENTS);
      fundingTimes[e] = time;
      fundingInstruments[e] = i;
      fundingRates[e] = series[i].rate(series[i].indexOf(time));
    }
  }

  /** A feed over {@code bars} without funding. */
  public static ReplayFeed barsOnly(AlignedBars bars) {
    return new ReplayFeed(bars, Map.of());
  }

  /** A feed over {@code bars} with the funding {@code catalog} holds for them on {@code venue}. */
  public static ReplayFeed withFunding(AlignedBars bars, FundingCatalog catalog, String venue)
      throws IOException {
    Map<InstrumentId, FundingSeries> funding = new HashMap<>();
    for (InstrumentId id : bars.instruments()) {
      catalog.read(venue, id).ifPresent(s -> funding.put(id, s));
    }
    return new ReplayFeed(bars, funding);
  }

  /** The panel replayed. */
  public AlignedBars bars() {
    return bars;
  }

  /** Number of funding settlements the replay delivers. */
  public int settlementCount() {
    return fundingTimes.length;
  }

  /** Replays the bars only. */
  public void run(BarStepListener steps) {
    run(steps, FundingListener.NONE);
  }

  /** Replays steps and settlements in the documented order. */
  public void run(BarStepListener steps, FundingListener funding) {
    int e = 0;
    int n = fundingTimes.length;
    for (int t = 0; t < bars.size(); t++) {
      long time = bars.time(t);
      while (e < n && fundingTimes[e] <= time) {
        deliver(funding, e++);
      }
      steps.onStep(bars, t);
    }
    while (e < n) {
      deliver(funding, e++);
    }
  }

  private void deliver(FundingListener funding, int e) {
    funding.onFunding(bars.instrument(fundingInstruments[e]), fundingTimes[e], fundingRates[e]);
  }
}
