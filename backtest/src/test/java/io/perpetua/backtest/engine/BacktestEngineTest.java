package io.perpetua.backtest.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.backtest.BacktestCancelledException;
import io.perpetua.backtest.job.InvalidJobException;
import io.perpetua.backtest.job.JobField;
import io.perpetua.backtest.job.JobValidator;
import io.perpetua.backtest.job.StrategyCatalog;
import io.perpetua.backtest.job.StrategyTemplate;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.testing.SharedData;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.jobs.RunActivity;
import io.perpetua.jobs.SymbolAttribution;
import io.perpetua.jobs.TradeRecord;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.BarSeries;
import io.perpetua.market.FundingCatalog;
import io.perpetua.market.csv.ErrorPolicy;
import io.perpetua.market.importer.KlineImporter;
import io.perpetua.market.synthetic.SyntheticMarket;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskLimits;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestEngineTest {
  @TempDir static Path dir;
  static BacktestEngine engine;
  static SyntheticMarket market;

  @BeforeAll
  static void catalog() throws Exception {
    market =
        SyntheticMarket.generate(
            SyntheticMarket.Config.defaults().withSymbolCount(20).withBars(Timeframe.H1, 90 * 24));
    BarCatalog bars = new BarCatalog(dir.resolve("catalog"));
    FundingCatalog funding = new FundingCatalog(dir.resolve("catalog"));
    for (var s : market.series().values()) {
      bars.write(s);
    }
    for (var f : market.funding().values()) {
      funding.write(f);
    }
    var baseline =
        new StrategyTemplates.Template(
            "rank_long_short",
            new io.perpetua.signals.pool.AssetPoolDefinition(
                "default", "usdt_volume", 100, 30, 24, 0),
            CronSchedule.parse("59 23 * * *"),
            1,
            Map.of(
                "features",
                List.of("zscore_neg_ret_2h", "zscore_neg_ret_4h"),
                "long_n",
                5,
                "short_n",
                5));
    baselineTemplate = baseline;
    barCatalog = bars;
    fundingCatalog = funding;
    engine = new BacktestEngine(templates(), source(), BacktestEngine.Options.defaults());
  }

  private static StrategyTemplates.Template baselineTemplate;
  private static BarCatalog barCatalog;
  private static FundingCatalog fundingCatalog;

  private static StrategyTemplates templates() {
    return new StrategyTemplates(Map.of("baseline_rev", baselineTemplate));
  }

  private static CatalogMarketSource source() {
    return new CatalogMarketSource(barCatalog, fundingCatalog, "synthetic", false);
  }

  private static Instant day(int d) {
    return Instant.ofEpochMilli(market.config().startMs()).plusSeconds(d * 86_400L);
  }

  static BacktestRequest request(
      String strategy,
      Map<String, Object> params,
      List<String> symbols,
      String source,
      double slippageBps) {
    return new BacktestRequest(
        strategy,
        params,
        symbols,
        "1h",
        source,
        day(40),
        day(85),
        10_000,
        1,
        5,
        2,
        slippageBps,
        0,
        null,
        365);
  }

  @Test
  void riskLimits_standInFrontOfBacktestOrders_withMoneyScaledToTheCapital() {
    BacktestRequest req = request("baseline_rev", Map.of(), List.of(), "kline", 2);
    BacktestResult free = engine.run(req, p -> {}, () -> false);
    String traded = free.trades().get(0).symbol();
    var blacklisted =
        io.perpetua.trading.risk.RiskConfig.unlimited()
            .limits()
            .withBlacklist(java.util.Set.of(io.perpetua.core.InstrumentId.parse(traded)));
    var config =
        new io.perpetua.trading.risk.RiskConfig(
            blacklisted, io.perpetua.trading.risk.CircuitBreakers.off(), 0.8);
    BacktestEngine limited =
        new BacktestEngine(
            templates(), source(), BacktestEngine.Options.defaults().withRisk(config, 10_000));
    BacktestResult r = limited.run(req, p -> {}, () -> false);
    assertThat(r.trades()).extracting(t -> t.symbol()).doesNotContain(traded).isNotEmpty();
    // an order-value cap written for a 1,000 USDT account scales 10x for this 10,000 run
    var capped =
        new io.perpetua.trading.risk.RiskConfig(
            new io.perpetua.trading.risk.RiskLimits(
                1, 10, 1, 0, 200, 100, java.util.Set.of(), true),
            io.perpetua.trading.risk.CircuitBreakers.off(),
            0.8);
    BacktestResult tight =
        new BacktestEngine(
                templates(), source(), BacktestEngine.Options.defaults().withRisk(capped, 10_000))
            .run(req, p -> {}, () -> false);
    BacktestResult scaled =
        new BacktestEngine(
                templates(), source(), BacktestEngine.Options.defaults().withRisk(capped, 1_000))
            .run(req, p -> {}, () -> false);
    assertThat(tight.trades()).isEmpty(); // each of the 10 positions is ~1,000 USDT > 200
    assertThat(scaled.trades().size()).isPositive(); // written for 1,000 USDT: 2,000 here
  }

  @Test
  void baselineRev_curveMetricsCostsAndAttribution_areConsistent() {
    List<Double> progress = new ArrayList<>();
    BacktestResult r =
        engine.run(
            request("baseline_rev", Map.of(), List.of(), "kline", 2), progress::add, () -> false);
    assertThat(r.equity().equity()[0]).isEqualTo(10_000);
    assertThat(r.equity().size()).isEqualTo(45 * 24 + 1);
    assertThat(r.rebalances()).isBetween(44, 46);
    assertThat(progress).isSortedAccordingTo(Double::compare).last().isEqualTo(1.0);
    double net = r.equity().equity()[r.equity().size() - 1] - 10_000;
    var c = r.costs();
    assertThat(c.netPnl()).isCloseTo(net, within(1e-9));
    assertThat(c.grossPnl() - c.fees() - c.slippage() + c.funding()).isCloseTo(net, within(1e-6));
    assertThat(c.fees()).isPositive();
    assertThat(c.slippage()).isPositive();
    assertThat(c.funding()).isNotZero();
    // per-symbol attribution (from round trips, in doubles) adds up to the exact account result
    double attributed = r.attribution().stream().mapToDouble(SymbolAttribution::netPnl).sum();
    assertThat(attributed).isCloseTo(net, within(0.05));
    assertThat(r.attribution().stream().mapToDouble(SymbolAttribution::fees).sum())
        .isCloseTo(c.fees(), within(1e-6));
    assertThat(r.metrics().totalTrades()).isEqualTo(r.trades().size()).isPositive();
    assertThat(r.metrics().maxDrawdown()).isBetween(-1.0, 0.0);
  }

  @Test
  void slippage_isTheBpsOfTradedNotional() {
    BacktestResult none =
        engine.run(request("baseline_rev", Map.of(), List.of(), "kline", 0), p -> {}, () -> false);
    BacktestResult ten =
        engine.run(request("baseline_rev", Map.of(), List.of(), "kline", 10), p -> {}, () -> false);
    assertThat(none.costs().slippage()).isLessThan(1.0); // only tick rounding
    double traded = ten.attribution().stream().mapToDouble(SymbolAttribution::tradedNotional).sum();
    assertThat(ten.costs().slippage())
        .isCloseTo(traded * 10 / 10_000, within(traded * 0.2 / 10_000 + 1));
    assertThat(ten.equity().equity()[ten.equity().size() - 1])
        .isLessThan(none.equity().equity()[none.equity().size() - 1]);
  }

  @Test
  void run_isDeterministic() {
    var a =
        engine.run(
            request("baseline_rev", Map.of("long_n", 3, "short_n", 3), List.of(), "kline", 2),
            p -> {},
            () -> false);
    var b =
        engine.run(
            request("baseline_rev", Map.of("long_n", 3, "short_n", 3), List.of(), "kline", 2),
            p -> {},
            () -> false);
    assertThat(a.equity().equity()).containsExactly(b.equity().equity());
    assertThat(a.trades()).isEqualTo(b.trades());
  }

  @Test
  void lateListings_areNeverTradedBeforeTheyExist() {
    BacktestResult r =
        engine.run(request("baseline_rev", Map.of(), List.of(), "kline", 2), p -> {}, () -> false);
    for (TradeRecord t : r.trades()) {
      var series = market.series().get(io.perpetua.core.InstrumentId.parse(t.symbol()));
      assertThat(t.entryTimeMs()).isGreaterThan(series.firstOpenTimeMs());
    }
  }

  @Test
  void grid_onOneSymbol_tradesOnlyLongAndOnlyWhenLevelsAreCrossed() {
    var series = market.series().values().iterator().next();
    String symbol = series.instrument().venueSymbol();
    double mid = series.close(series.size() / 2);
    BacktestResult r =
        engine.run(
            request(
                "tpl_grid",
                Map.of(
                    "grid_levels",
                    8,
                    "upper_price",
                    String.valueOf(mid * 1.3),
                    "lower_price",
                    String.valueOf(mid * 0.7)),
                List.of(symbol),
                "kline",
                2),
            p -> {},
            () -> false);
    assertThat(r.orders()).isPositive().isLessThan(45 * 24);
    assertThat(r.trades()).allSatisfy(t -> assertThat(t.side()).isEqualTo("long"));
  }

  @Test
  void dollarBars_run() {
    BacktestResult r =
        engine.run(
            request("baseline_rev", Map.of(), List.of(), "dollar_bar", 2), p -> {}, () -> false);
    assertThat(r.rebalances()).isPositive();
  }

  @Test
  void cancel_stopsTheRun() {
    boolean[] cancel = {false};
    assertThatThrownBy(
            () ->
                engine.run(
                    request("baseline_rev", Map.of(), List.of(), "kline", 2),
                    p -> cancel[0] = p > 0.3,
                    () -> cancel[0]))
        .isInstanceOf(BacktestCancelledException.class);
  }

  @Test
  void badRequests_nameTheField() {
    var ok = request("baseline_rev", Map.of(), List.of(), "kline", 2);
    assertThatThrownBy(
            () ->
                engine.run(
                    new BacktestRequest(
                        "nope",
                        Map.of(),
                        List.of(),
                        "1h",
                        "kline",
                        ok.start(),
                        ok.end(),
                        10_000,
                        1,
                        5,
                        2,
                        2,
                        0,
                        null,
                        365),
                    p -> {},
                    () -> false))
        .hasMessageContaining("strategy")
        .hasMessageContaining("nope");
    assertThatThrownBy(
            () ->
                engine.run(
                    new BacktestRequest(
                        "baseline_rev",
                        Map.of(),
                        List.of(),
                        "1h",
                        "kline",
                        ok.end(),
                        ok.start(),
                        10_000,
                        1,
                        5,
                        2,
                        2,
                        0,
                        null,
                        365),
                    p -> {},
                    () -> false))
        .hasMessageStartingWith("end");
    assertThatThrownBy(
            () ->
                engine.run(
                    new BacktestRequest(
                        "baseline_rev",
                        Map.of(),
                        List.of(),
                        "1h",
                        "kline",
                        ok.start(),
                        ok.end(),
                        -5,
                        1,
                        5,
                        2,
                        2,
                        0,
                        null,
                        365),
                    p -> {},
                    () -> false))
        .hasMessageStartingWith("capital");
    assertThatThrownBy(
            () ->
                engine.run(
                    request("baseline_rev", Map.of(), List.of("NOPEUSDT"), "kline", 2),
                    p -> {},
                    () -> false))
        .hasMessageContaining("symbols")
        .hasMessageContaining("NOPEUSDT");
    assertThatThrownBy(
            () ->
                engine.run(
                    request("baseline_rev", Map.of(), List.of(), "ticks", 2), p -> {}, () -> false))
        .hasMessageContaining("data_source");
    assertThatThrownBy(
            () ->
                engine.run(
                    request("baseline_rev", Map.of("long_n", -2), List.of(), "kline", 2),
                    p -> {},
                    () -> false))
        .hasMessageContaining("long_n");
  }

  /**
   * A catalog of the synthetic market plus ZEROUSDT (bars without any volume: a frozen symbol) and
   * GONEUSDT (bars only long before the run); dollar bars must skip both, and say why.
   */
  @Test
  void dollarBars_symbolsWithoutBarsOrVolumeInTheWindow_areSkippedAndReported() throws Exception {
    Path root = dir.resolve("edge");
    BarCatalog bars = new BarCatalog(root);
    for (var s : market.series().values()) {
      bars.write(s);
    }
    var template = market.series().values().iterator().next();
    var zero = BarSeries.builder(InstrumentId.usdtPerp("ZERO"), Timeframe.H1);
    var gone = BarSeries.builder(InstrumentId.usdtPerp("GONE"), Timeframe.H1);
    for (int i = 0; i < template.size(); i++) {
      double c = template.close(i);
      zero.add(template.openTimeMs(i), c, c, c, c, 0, 0);
    }
    for (int i = 0; i < 48; i++) {
      gone.add(template.openTimeMs(0) - (500 - i) * 3_600_000L, 5, 5, 5, 5, 1, 5);
    }
    bars.write(zero.build());
    bars.write(gone.build());
    var edge =
        new BacktestEngine(
            templates(),
            new CatalogMarketSource(bars, new FundingCatalog(root), "synthetic", false),
            BacktestEngine.Options.defaults());

    BacktestResult r =
        edge.run(
            request("baseline_rev", Map.of(), List.of(), "dollar_bar", 2), p -> {}, () -> false);

    assertThat(r.trades()).isNotEmpty();
    assertThat(r.activity().skipped())
        .extracting(RunActivity.SkippedSymbol::symbol)
        .containsExactly("GONEUSDT", "ZEROUSDT");
    assertThat(r.activity().skipped().get(0).reason()).startsWith("no 1h bars between ");
    assertThat(r.activity().skipped().get(1).reason()).startsWith("no traded volume between ");
    // time bars need no volume: only the symbol without bars is skipped
    BacktestResult kline =
        edge.run(request("baseline_rev", Map.of(), List.of(), "kline", 2), p -> {}, () -> false);
    assertThat(kline.activity().skipped())
        .extracting(RunActivity.SkippedSymbol::symbol)
        .containsExactly("GONEUSDT");
  }

  @Test
  void riskLimitsRejectingEveryOrder_areReportedByRule_withWhyNothingTraded() {
    var symbols =
        market.series().keySet().stream().limit(3).map(InstrumentId::venueSymbol).toList();
    var limits = RiskLimits.unlimited();
    var onlyPositionCap =
        new RiskConfig(
            new RiskLimits(
                0.15,
                limits.maxTotalExposure(),
                limits.maxDrawdownHalt(),
                0,
                0,
                limits.maxDailyTurnover(),
                java.util.Set.of(),
                true),
            io.perpetua.trading.risk.CircuitBreakers.off(),
            0.8);
    BacktestResult r =
        new BacktestEngine(
                templates(),
                source(),
                BacktestEngine.Options.defaults().withRisk(onlyPositionCap, 10_000))
            .run(request("baseline_rev", Map.of(), symbols, "kline", 2), p -> {}, () -> false);

    RunActivity a = r.activity();
    assertThat(r.trades()).isEmpty();
    assertThat(a.ordersSent()).isZero();
    assertThat(a.rebalances()).isPositive();
    assertThat(a.rejections())
        .extracting(RunActivity.Rejections::rule)
        .containsExactly("max_position_pct");
    assertThat(a.ordersRejected()).isPositive();
    assertThat(a.rejections().get(0).example()).contains("15");
    assertThat(a.idleReason())
        .contains(
            "no trades: all "
                + a.ordersRejected()
                + " orders were rejected by the pre-trade checks (max_position_pct "
                + a.ordersRejected()
                + ")");
    BacktestResult free =
        engine.run(request("baseline_rev", Map.of(), symbols, "kline", 2), p -> {}, () -> false);
    assertThat(free.activity().idleReason()).isEmpty();
    assertThat(free.activity().fills()).isPositive();
  }

  @Test
  void timeframe4h_isResampledFromTheStoredHourlyBars() {
    // features over whole 4h bars (the default 2h window is not a number of 4h bars)
    BacktestRequest hourly =
        request(
            "baseline_rev",
            Map.of("features", List.of("zscore_neg_ret_4h", "zscore_neg_ret_8h")),
            List.of(),
            "kline",
            2);
    BacktestResult r = engine.run(at(hourly, "4h", hourly.parameters()), p -> {}, () -> false);
    assertThat(r.equity().size()).isEqualTo(45 * 6 + 1); // one point per 4h bar close
    assertThat(r.equity().timesMs()[1] % (4 * 3_600_000L)).isZero();
    assertThat(r.trades()).isNotEmpty();
  }

  @Test
  void jobValidator_strategyWhoseFeaturesDoNotFitTheTimeframe_isRefusedBeforeAJobExists() {
    StrategyTemplates t = templates();
    JobValidator validator =
        new JobValidator(
            StrategyCatalog.of(
                List.of(
                    StrategyTemplate.checkedBy(
                        "baseline_rev",
                        StrategyTemplate.ParameterCheck.withTimeframe(
                            (o, tf) -> t.check("baseline_rev", o, tf))))),
            s -> true,
            List.of(Timeframe.H1));
    BacktestRequest hourly = request("baseline_rev", Map.of(), List.of(), "kline", 2);
    validator.validate(hourly);
    assertThatThrownBy(() -> validator.validate(at(hourly, "4h", Map.of())))
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo(JobField.TIMEFRAME))
        .hasMessageStartingWith("strategy 'baseline_rev' cannot run on 4h bars: zscore_neg_ret_2h");
    validator.validate(
        at(hourly, "4h", Map.of("features", List.of("zscore_neg_ret_4h", "zscore_neg_ret_8h"))));
  }

  private static BacktestRequest at(
      BacktestRequest r, String timeframe, Map<String, Object> parameters) {
    return new BacktestRequest(
        r.strategy(),
        parameters,
        r.symbols(),
        timeframe,
        r.dataSource(),
        r.start(),
        r.end(),
        r.capital(),
        r.leverage(),
        r.feeBps(),
        r.makerFeeBps(),
        r.slippageBps(),
        r.impactLambda(),
        r.rebalanceDays(),
        r.periodsPerYear());
  }

  @Test
  void timeframeNotServable_isRefusedNamingWhatIs() {
    BacktestRequest hourly = request("baseline_rev", Map.of(), List.of(), "kline", 2);
    assertThatThrownBy(
            () -> engine.run(at(hourly, "1m", hourly.parameters()), p -> {}, () -> false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("timeframe: no 1m bars: the catalog holds 1h; servable");
  }

  /** The spec-004 example: tpl_grid on BTCUSDT, 2025-Q1, on the real hourly bars. */
  @Test
  void golden_gridOnRealBtc_2025Q1() throws Exception {
    Path file = SharedData.require("binance-um-klines/1h/BTCUSDT-1h.csv.gz");
    Path root = dir.resolve("real");
    new KlineImporter(new BarCatalog(root), ErrorPolicy.STOP).importPath(file);
    var real =
        new BacktestEngine(
            new StrategyTemplates(Map.of()),
            new CatalogMarketSource(
                new BarCatalog(root), new FundingCatalog(root), "binance", true),
            BacktestEngine.Options.defaults());
    BacktestResult r =
        real.run(
            new BacktestRequest(
                "tpl_grid",
                Map.of("grid_levels", 8, "upper_price", "110000", "lower_price", "80000"),
                List.of("BTCUSDT"),
                "1h",
                "kline",
                Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-03-31T23:59:59Z"),
                10_000,
                1,
                5,
                2,
                2,
                0,
                null,
                365),
            p -> {},
            () -> false);
    assertThat(r.orders()).isPositive();
    assertThat(r.equity().size()).isEqualTo(90 * 24 + 1);
    assertThat(r.metrics().sharpe()).isFinite();
    assertThat(r.costs().funding()).as("fallback funding on a long book is paid").isNegative();
  }
}
