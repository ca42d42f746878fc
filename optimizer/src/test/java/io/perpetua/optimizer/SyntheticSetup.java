package io.perpetua.optimizer;

import io.perpetua.backtest.engine.BacktestEngine;
import io.perpetua.backtest.engine.CatalogMarketSource;
import io.perpetua.backtest.engine.StrategyTemplates;
import io.perpetua.core.Timeframe;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.BarSeries;
import io.perpetua.market.FundingCatalog;
import io.perpetua.market.synthetic.SyntheticMarket;
import io.perpetua.signals.feature.SharedFeatures;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.schedule.CronSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A synthetic 20-symbol hourly catalog and a small baseline_rev for optimiser tests. */
public final class SyntheticSetup {
  public static final SyntheticMarket MARKET =
      SyntheticMarket.generate(
          SyntheticMarket.Config.defaults().withSymbolCount(20).withBars(Timeframe.H1, 120 * 24));

  private SyntheticSetup() {}

  /**
   * Writes the market to {@code dir}; bars opening at or after {@code perturbFromMs} are shaken.
   */
  public static void write(Path dir, long perturbFromMs) throws IOException {
    BarCatalog bars = new BarCatalog(dir.resolve("catalog"));
    FundingCatalog funding = new FundingCatalog(dir.resolve("catalog"));
    SplittableRandom random = new SplittableRandom(99);
    for (BarSeries s : MARKET.series().values()) {
      BarSeries.Builder b = BarSeries.builder(s.instrument(), s.timeframe(), s.size());
      for (int i = 0; i < s.size(); i++) {
        double f = s.openTimeMs(i) >= perturbFromMs ? 1 + 0.05 * (random.nextDouble() - 0.5) : 1;
        double close = s.close(i) * f;
        b.add(
            s.openTimeMs(i),
            s.open(i),
            Math.max(s.high(i), Math.max(s.open(i), close)),
            Math.min(s.low(i), Math.min(s.open(i), close)),
            close,
            s.volume(i),
            s.quoteVolume(i));
      }
      bars.write(b.build());
    }
    for (var f : MARKET.funding().values()) {
      funding.write(f);
    }
  }

  /** The engine over the catalog in {@code dir}. */
  public static BacktestEngine engine(Path dir) {
    return engine(dir, null);
  }

  /** The engine over the catalog in {@code dir}, sharing features through {@code shared}. */
  public static BacktestEngine engine(Path dir, SharedFeatures shared) {
    return new BacktestEngine(
        templates(),
        new CachingMarketSource(
            new CatalogMarketSource(
                new BarCatalog(dir.resolve("catalog")),
                new FundingCatalog(dir.resolve("catalog")),
                "synthetic",
                false),
            4),
        BacktestEngine.Options.defaults(),
        shared);
  }

  /** baseline_rev with 5 long / 5 short of a 20-symbol pool, daily. */
  public static StrategyTemplates templates() {
    return new StrategyTemplates(
        Map.of(
            "baseline_rev",
            new StrategyTemplates.Template(
                "rank_long_short",
                new AssetPoolDefinition("default", "usdt_volume", 100, 30, 24, 0),
                CronSchedule.parse("59 23 * * *"),
                1,
                Map.of(
                    "features",
                    List.of("zscore_neg_ret_2h", "zscore_neg_ret_4h"),
                    "long_n",
                    5,
                    "short_n",
                    5))));
  }

  /** Day {@code d} of the synthetic data. */
  public static Instant day(int d) {
    return Instant.ofEpochMilli(MARKET.config().startMs()).plusSeconds(d * 86_400L);
  }

  /** A request for baseline_rev over days [from, to). */
  public static BacktestRequest request(int from, int to) {
    return new BacktestRequest(
        "baseline_rev",
        Map.of(),
        List.of(),
        "1h",
        "kline",
        day(from),
        day(to),
        10_000,
        1,
        5,
        2,
        2,
        0,
        null,
        365);
  }
}
