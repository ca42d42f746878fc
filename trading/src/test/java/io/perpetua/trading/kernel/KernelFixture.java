package io.perpetua.trading.kernel;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.core.time.ManualClock;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.signals.strategy.RankLongShortStrategy;
import io.perpetua.trading.venue.SimulatedVenue;
import io.perpetua.trading.venue.SimulatedVenueConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Builds a seeded random-walk panel and a baseline_rev kernel over it. */
final class KernelFixture {
  static final long START = 1_700_006_400_000L; // 2023-11-15T00:00:00Z

  final MarketPanel panel;
  final List<Instrument> instruments = new ArrayList<>();

  KernelFixture(int symbols, int bars, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<InstrumentId> ids = new ArrayList<>();
    for (int i = 0; i < symbols; i++) {
      ids.add(InstrumentId.usdtPerp(String.format("S%03d", i)));
    }
    long[] times = new long[bars];
    double[] close = new double[bars * symbols];
    double[] vol = new double[bars * symbols];
    double[] px = new double[symbols];
    for (int i = 0; i < symbols; i++) {
      px[i] = Math.pow(10, rnd.nextDouble(-1, 4));
    }
    for (int t = 0; t < bars; t++) {
      times[t] = START + t * 3_600_000L;
      for (int i = 0; i < symbols; i++) {
        boolean listed = t >= (i % 7) * 24; // staggered listings
        px[i] *= Math.exp(rnd.nextGaussian() * 0.01);
        close[t * symbols + i] = listed ? px[i] : Double.NaN;
        vol[t * symbols + i] = listed ? 1e6 * (1 + i) * rnd.nextDouble(0.5, 1.5) : Double.NaN;
      }
    }
    panel = new MarketPanel(ids, times, 3_600_000L, close, vol);
    for (int i = 0; i < symbols; i++) {
      instruments.add(Instrument.derivedFrom(ids.get(i), close[(bars - 1) * symbols + i]));
    }
  }

  private KernelFixture(MarketPanel panel, List<Instrument> instruments) {
    this.panel = panel;
    this.instruments.addAll(instruments);
  }

  /**
   * The same market as a live panel: the first {@code historyBars} bars, room for the rest, which
   * {@link #appendNext} adds one at a time from this fixture's complete panel.
   */
  KernelFixture live(int historyBars) {
    int n = panel.instruments().size();
    MarketPanel history =
        new MarketPanel(
            panel.instruments(),
            java.util.Arrays.copyOf(panel.openTimes(), historyBars),
            panel.barMillis(),
            java.util.Arrays.copyOf(panel.close(), historyBars * n),
            java.util.Arrays.copyOf(panel.quoteVolume(), historyBars * n));
    return new KernelFixture(
        MarketPanel.growable(history, panel.size() - historyBars), instruments);
  }

  /** Appends to {@code live} the next bar of this fixture's complete panel; false at the end. */
  boolean appendNext(KernelFixture live) {
    int t = live.panel.size();
    if (t >= panel.size()) {
      return false;
    }
    int n = panel.instruments().size();
    live.panel.append(
        panel.openTimes()[t],
        java.util.Arrays.copyOfRange(panel.close(), t * n, (t + 1) * n),
        java.util.Arrays.copyOfRange(panel.quoteVolume(), t * n, (t + 1) * n));
    return true;
  }

  TradingKernel kernel(KernelPorts ports, FundingSchedule funding) {
    return kernel(ports, funding, KernelConfig.DEFAULT_MAINTENANCE_MARGIN_RATE);
  }

  /** A kernel running {@code strategy} on {@code cron} every {@code rebalanceDays} days. */
  TradingKernel kernel(
      KernelPorts ports,
      io.perpetua.signals.strategy.CrossSectionalStrategy strategy,
      String cron,
      int rebalanceDays) {
    ManualClock clock = new ManualClock(Long.MIN_VALUE / 2);
    Map<InstrumentId, Instrument> byId = new HashMap<>();
    instruments.forEach(x -> byId.put(x.id(), x));
    SimulatedVenue venue = new SimulatedVenue(byId, SimulatedVenueConfig.defaults(), clock);
    KernelConfig config =
        new KernelConfig(
            "bt", Money.parse("10000"), CronSchedule.parse(cron), rebalanceDays, false);
    return new TradingKernel(
        config,
        panel,
        FundingSchedule.none(),
        instruments,
        strategy,
        AssetPoolDefinition.defaultPool(),
        new FeatureRegistry(),
        venue,
        clock,
        ports);
  }

  TradingKernel kernel(KernelPorts ports, FundingSchedule funding, double maintenanceMarginRate) {
    ManualClock clock = new ManualClock(Long.MIN_VALUE / 2); // the kernel must anchor it
    Map<InstrumentId, Instrument> byId = new HashMap<>();
    instruments.forEach(x -> byId.put(x.id(), x));
    SimulatedVenue venue = new SimulatedVenue(byId, SimulatedVenueConfig.defaults(), clock);
    return kernel(ports, funding, maintenanceMarginRate, venue, clock);
  }

  /** The baseline kernel on {@code venue}, whose clock is {@code clock}. */
  TradingKernel kernel(
      KernelPorts ports,
      FundingSchedule funding,
      double maintenanceMarginRate,
      io.perpetua.trading.port.PriceDrivenVenue venue,
      ManualClock clock) {
    var strategy =
        new RankLongShortStrategy(
            StrategyId.of("baseline_rev"),
            "default",
            List.of("zscore_neg_ret_2h", "zscore_neg_ret_4h"),
            new double[] {0.5, 0.5},
            30,
            30,
            1.0);
    KernelConfig config =
        new KernelConfig(
            "paper",
            Money.parse("10000"),
            CronSchedule.parse("59 23 * * *"),
            1,
            ports.journal() != null,
            maintenanceMarginRate);
    return new TradingKernel(
        config,
        panel,
        funding,
        instruments,
        strategy,
        AssetPoolDefinition.defaultPool(),
        new FeatureRegistry(),
        venue,
        clock,
        ports);
  }

  /** The latest close of {@code id} at or before bar {@code t} (the kernel's mark). */
  double lastClose(InstrumentId id, int t) {
    int i = panel.instruments().indexOf(id);
    for (int k = t; k >= 0; k--) {
      double c = panel.close(k, i);
      if (c > 0) {
        return c;
      }
    }
    return Double.NaN;
  }

  /** Funding every 8 h at a fixed rate for every instrument. */
  FundingSchedule funding(double rate) {
    return (from, to, sink) -> {
      long first = (Math.floorDiv(from, 28_800_000L) + 1) * 28_800_000L;
      for (long t = first; t <= to; t += 28_800_000L) {
        for (int i = 0; i < instruments.size(); i++) {
          sink.settle(i, t, rate);
        }
      }
    };
  }
}
