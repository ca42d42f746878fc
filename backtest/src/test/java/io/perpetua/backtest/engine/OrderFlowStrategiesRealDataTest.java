package io.perpetua.backtest.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.testing.SharedData;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.jobs.TradeRecord;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.FundingCatalog;
import io.perpetua.market.csv.ErrorPolicy;
import io.perpetua.market.importer.KlineImporter;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.schedule.CronSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ofi_14d} and {@code rev_x_inv_vpin} on the real shared data through the backtest engine
 * (the same kernel as paper and live). The shared klines have no taker-buy column, so every order
 * flow value is a bulk-volume-classification estimate.
 */
class OrderFlowStrategiesRealDataTest {
  @TempDir static Path dir;
  static BarCatalog daily;
  static BarCatalog hourly;

  @BeforeAll
  static void importData() throws Exception {
    daily = new BarCatalog(dir.resolve("daily"));
    new KlineImporter(daily, ErrorPolicy.STOP)
        .importPath(SharedData.require("binance-um-klines/1d"));
    hourly = new BarCatalog(dir.resolve("hourly"));
    Path h = dir.resolve("h1");
    Files.createDirectories(h);
    for (String s :
        List.of("BTC", "ETH", "SOL", "XRP", "DOGE", "LINK", "ADA", "AVAX", "BNB", "DOT", "LTC")) {
      String name = s + "USDT-1h.csv.gz";
      Files.copy(SharedData.require("binance-um-klines/1h/" + name), h.resolve(name));
    }
    new KlineImporter(hourly, ErrorPolicy.STOP).importPath(h);
  }

  static BacktestEngine engine(BarCatalog bars, String id, StrategyTemplates.Template t) {
    return new BacktestEngine(
        new StrategyTemplates(Map.of(id, t)),
        new CatalogMarketSource(bars, new FundingCatalog(dir.resolve("none")), "binance", true),
        BacktestEngine.Options.defaults());
  }

  static BacktestRequest request(String id, String timeframe, String start, String end) {
    return new BacktestRequest(
        id,
        Map.of(),
        List.of(),
        timeframe,
        "kline",
        Instant.parse(start + "T00:00:00Z"),
        Instant.parse(end + "T00:00:00Z"),
        10_000,
        1,
        5,
        2,
        2,
        0,
        null,
        365);
  }

  @Test
  void ofi14d_onTheT50MonthlyPool_rebalancesEvery14Days_15Long15Short() {
    var template =
        new StrategyTemplates.Template(
            "rank_long_short",
            AssetPoolDefinition.t50Monthly(),
            CronSchedule.parse("59 23 * * *"),
            14,
            Map.of(
                "features", List.of("ofi_14d", "zscore_ofi_14d"),
                "feature_weights", List.of(0.0, 1.0),
                "long_n", 15,
                "short_n", 15,
                "min_candidates", 30));
    BacktestResult r =
        engine(daily, "ofi_14d", template)
            .run(request("ofi_14d", "1d", "2024-01-01", "2025-01-01"), p -> {}, () -> false);
    assertThat(r.rebalances()).isBetween(26, 27); // 366 days / 14
    assertThat(r.activity().traded()).isTrue();
    assertThat(r.trades()).isNotEmpty();
    // 30 positions of 1/30 of the equity each: one trade's entry notional is near 333 USDT
    TradeRecord t = r.trades().get(0);
    assertThat(t.quantity() * t.entryPrice()).isBetween(150.0, 700.0);
    // WAVES froze on 2024-06-12: the tradable-now pool rule keeps it out of later decisions
    assertThat(r.trades())
        .filteredOn(x -> x.symbol().startsWith("WAVES"))
        .allMatch(x -> x.entryTimeMs() < Instant.parse("2024-06-13T00:00:00Z").toEpochMilli());
    System.out.printf(
        "ofi_14d 2024 (1d, 130 symbols): total return %.4f, sharpe %.3f, max dd %.4f, %d trades%n",
        r.metrics().totalReturn(),
        r.metrics().sharpe(),
        r.metrics().maxDrawdown(),
        r.trades().size());
  }

  @Test
  void revXInvVpin_onHourlyBars_tradesDaily() {
    var template =
        new StrategyTemplates.Template(
            "rev_x_inv_vpin",
            AssetPoolDefinition.defaultPool(),
            CronSchedule.parse("59 23 * * *"),
            1,
            Map.of("long_n", 3, "short_n", 3));
    BacktestResult r =
        engine(hourly, "rev_x_inv_vpin", template)
            .run(request("rev_x_inv_vpin", "1h", "2024-01-01", "2024-04-01"), p -> {}, () -> false);
    assertThat(r.rebalances()).isBetween(90, 92);
    assertThat(r.activity().traded()).isTrue();
    assertThat(r.trades().size()).isGreaterThan(50);
    System.out.printf(
        "rev_x_inv_vpin 2024Q1 (1h, 11 symbols): total return %.4f, sharpe %.3f, max dd %.4f,"
            + " %d trades%n",
        r.metrics().totalReturn(),
        r.metrics().sharpe(),
        r.metrics().maxDrawdown(),
        r.trades().size());
  }
}
