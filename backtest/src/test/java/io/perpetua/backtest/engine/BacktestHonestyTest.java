package io.perpetua.backtest.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.backtest.report.DisclosuresHtml;
import io.perpetua.backtest.report.Halts;
import io.perpetua.backtest.report.HtmlReport;
import io.perpetua.backtest.report.ResultJson;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.jobs.Disclosures;
import io.perpetua.jobs.RunActivity;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.BarSeries;
import io.perpetua.market.FundingCatalog;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.trading.risk.CircuitBreakers;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskLimits;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a backtest must not hide or make up: a risk halt is stated with its dates and the figures
 * without it, and the instrument filters do not come from bars after the last decision.
 */
class BacktestHonestyTest {
  static final long START = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  static final long HOUR = 3_600_000L;
  static final int DAYS = 80;
  @TempDir static Path dir;
  static BarCatalog bars;
  static FundingCatalog funding;

  /**
   * Six hourly random walks; {@code AAAUSDT} trades near 9 for 60 days, then climbs past 90, so the
   * magnitude of its price (and the tick and step derived from it) changes late in the data.
   */
  @BeforeAll
  static void catalog() throws Exception {
    bars = new BarCatalog(dir.resolve("catalog"));
    funding = new FundingCatalog(dir.resolve("catalog"));
    Random rnd = new Random(7);
    String[] names = {"AAAUSDT", "BBBUSDT", "CCCUSDT", "DDDUSDT", "EEEUSDT", "BTCUSDT"};
    for (int s = 0; s < names.length; s++) {
      var b = BarSeries.builder(InstrumentId.fromVenueSymbol(names[s]), Timeframe.H1);
      double price = s == 0 ? 9.0 : 20 + 30 * s;
      for (int h = 0; h < DAYS * 24; h++) {
        double open = price;
        double drift = s == 0 && h >= 60 * 24 ? 0.008 : 0;
        price = price * Math.exp(drift + 0.01 * rnd.nextGaussian());
        double hi = Math.max(open, price) * 1.001;
        double lo = Math.min(open, price) * 0.999;
        double vol = 1_000 + rnd.nextInt(500);
        b.add(START + h * HOUR, open, hi, lo, price, vol, vol * price);
      }
      bars.write(b.build());
    }
  }

  static StrategyTemplates templates() {
    return new StrategyTemplates(
        Map.of(
            "rev",
            new StrategyTemplates.Template(
                "rank_long_short",
                new AssetPoolDefinition("default", "usdt_volume", 100, 30, 24, 0),
                CronSchedule.parse("59 23 * * *"),
                1,
                Map.of("features", List.of("zscore_neg_ret_4h"), "long_n", 2, "short_n", 2))));
  }

  static BacktestEngine engine(RiskConfig risk) {
    return new BacktestEngine(
        templates(),
        new CatalogMarketSource(bars, funding, "none", false)
            .withSpotBars(Map.of("1h", List.of("CCCUSDT"), "1d", List.of("DDDUSDT"))),
        BacktestEngine.Options.defaults().withRisk(risk, 10_000));
  }

  static BacktestRequest request(int startDay, int endDay) {
    return new BacktestRequest(
        "rev",
        Map.of(),
        List.of(),
        "1h",
        "kline",
        Instant.ofEpochMilli(START + startDay * 24 * HOUR),
        Instant.ofEpochMilli(START + endDay * 24 * HOUR),
        10_000,
        1,
        5,
        2,
        0,
        0,
        null,
        365);
  }

  @Test
  void drawdownHalt_isStatedWithDates_inResultJsonReportAndSummary_withFiguresWithoutIt() {
    RiskConfig halting =
        new RiskConfig(
            new RiskLimits(
                Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY,
                0.002,
                0,
                0,
                Double.POSITIVE_INFINITY,
                Set.of(),
                true),
            CircuitBreakers.off(),
            0.8);
    BacktestResult r = engine(halting).run(request(36, 56), p -> {}, () -> false);
    RunActivity a = r.activity();
    assertThat(a.skippedRebalances()).isNotEmpty();
    assertThat(a.halts()).hasSize(1);
    RunActivity.Halt h = a.halts().get(0);
    assertThat(h.reason()).isEqualTo("max_drawdown_halt");
    assertThat(h.skippedRebalances()).isEqualTo(a.skippedRebalances().size());
    assertThat(h.toMs())
        .isEqualTo(a.skippedRebalances().get(a.skippedRebalances().size() - 1).timeMs());
    // the strategy's own figures, halting rules off, differ from the halted book's
    assertThat(a.unhalted()).isNotNull();
    BacktestResult free = engine(RiskConfig.unlimited()).run(request(36, 56), p -> {}, () -> false);
    assertThat(a.unhalted().totalReturn()).isEqualTo(free.metrics().totalReturn());
    // every due rebalance either happened or is listed as skipped
    assertThat(r.rebalances() + a.skippedRebalances().size()).isEqualTo(free.rebalances());
    assertThat(a.unhalted().totalReturn()).isNotEqualTo(r.metrics().totalReturn());

    String from = io.perpetua.core.time.Times.isoDate(h.fromMs());
    String line = Halts.lines(a).get(0);
    assertThat(line).contains("max_drawdown_halt", from, h.skippedRebalances() + " rebalances");
    assertThat(Halts.comparison(r.metrics(), a)).hasSize(4).allMatch(l -> l.contains("without"));
    String html = HtmlReport.render(r, false, 10, 5);
    assertThat(html).contains("id=\"halts\"", from, "without halts", "id=\"skipped-rebalances\"");
    JsonNode json = ResultJson.toTree(r).get("activity");
    assertThat(json.get("halts").get(0).get("reason").asText()).isEqualTo("max_drawdown_halt");
    assertThat(json.get("halts").get(0).get("from").asText()).startsWith(from);
    assertThat(json.get("skipped_rebalances")).hasSize(a.skippedRebalances().size());
    assertThat(json.get("metrics_without_halts").get("total_return").asDouble())
        .isEqualTo(free.metrics().totalReturn());
  }

  @Test
  void runWithoutHalt_statesNone() {
    BacktestResult r = engine(RiskConfig.unlimited()).run(request(36, 56), p -> {}, () -> false);
    assertThat(r.activity().skippedRebalances()).isEmpty();
    assertThat(r.activity().unhalted()).isNull();
    assertThat(HtmlReport.render(r, false, 10, 5)).doesNotContain("id=\"halts\"");
    assertThat(ResultJson.toTree(r).get("activity").get("metrics_without_halts").isNull()).isTrue();
  }

  @Test
  void result_doesNotChange_whenOnlyTheEndMovesPastTheLastDecision() {
    // AAA's price leaves its magnitude after day 60: filters from the range's last close would
    // give it other tick and step sizes in the longer run, and change its earlier trades
    BacktestEngine e = engine(RiskConfig.unlimited());
    BacktestResult shortRun = e.run(request(36, 58), p -> {}, () -> false);
    BacktestResult longRun = e.run(request(36, 79), p -> {}, () -> false);
    long[] t = shortRun.equity().timesMs();
    double[] shortEquity = shortRun.equity().equity();
    double[] longEquity = Arrays.copyOf(longRun.equity().equity(), t.length);
    assertThat(Arrays.copyOf(longRun.equity().timesMs(), t.length)).containsExactly(t);
    assertThat(longEquity).containsExactly(shortEquity);
    assertThat(longRun.trades().stream().filter(x -> x.exitTimeMs() <= t[t.length - 1]).toList())
        .isEqualTo(shortRun.trades());
  }

  @Test
  void report_showsGrossOfCostFigures_benchmarks_fundingFallback_spotBars_andPoolSizes()
      throws Exception {
    BacktestResult r = engine(RiskConfig.unlimited()).run(request(36, 56), p -> {}, () -> false);
    Disclosures d = r.disclosures();
    double capital = r.request().capital();
    double last = r.equity().equity()[r.equity().size() - 1];
    // fees and slippage added back
    assertThat(d.grossOfCosts().totalReturn())
        .isCloseTo((last + r.costs().fees() + r.costs().slippage()) / capital - 1, within(1e-9))
        .isGreaterThan(r.metrics().totalReturn());
    // BTC held from the first measured close (the bar opening at the start) to the last
    BarSeries btc =
        bars.read(
                InstrumentId.fromVenueSymbol("BTCUSDT"),
                Timeframe.H1,
                START,
                START + DAYS * 24 * HOUR)
            .orElseThrow();
    int first = btc.indexOf(START + 36 * 24 * HOUR);
    int end = btc.indexOf(START + 56 * 24 * HOUR - HOUR);
    assertThat(d.benchmarks())
        .extracting(Disclosures.Benchmark::name)
        .containsExactly("btc_buy_and_hold", "equal_weight_universe");
    assertThat(d.benchmarks().get(0).metrics().totalReturn())
        .isCloseTo(btc.close(end) / btc.close(first) - 1, within(1e-12));
    // no funding history in the catalog: every settlement came from the fallback rate
    assertThat(d.fundingFromFallback()).isEqualTo(1.0);
    assertThat(d.spotSymbols()).containsExactly("CCCUSDT");
    assertThat(d.poolSizes()).hasSizeGreaterThanOrEqualTo(19).allMatch(p -> p.poolSize() == 6);
    String html = HtmlReport.render(r, false, 10, 5);
    assertThat(html).contains("id=\"benchmarks\"", "btc_buy_and_hold", "CCCUSDT", "100.0 %");
    JsonNode json = ResultJson.toTree(r).get("disclosures");
    assertThat(json.get("benchmarks")).hasSize(2);
    assertThat(json.get("spot_symbols").get(0).asText()).isEqualTo("CCCUSDT");
    assertThat(json.get("pool_sizes")).hasSize(d.poolSizes().size());
    assertThat(DisclosuresHtml.lines(r)).anyMatch(l -> l.startsWith("strategy gross of costs"));
  }
}
