package io.perpetua.backtest.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.backtest.report.FundingHtml;
import io.perpetua.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FundingResearchTest {
  private static final long H = 3_600_000L;

  @Test
  void yearlyMeans_onSharedFiles_equalAnIndependentComputation() throws IOException {
    Path dir = SharedData.require("funding");
    List<FundingYield> yields = FundingResearch.yearly(FundingData.load(dir));
    Map<String, double[]> expected = independentYearlyMeans(dir);
    assertThat(yields).hasSize(expected.size());
    for (FundingYield y : yields) {
      double[] e = expected.get(y.asset() + "|" + y.venue() + "|" + y.year());
      assertThat(e).as(y.toString()).isNotNull();
      assertThat(y.settlements()).as(y.toString()).isEqualTo((int) e[1]);
      assertThat(y.mean8hRate()).as(y.toString()).isCloseTo(e[0] / e[1], within(1e-12));
      assertThat(y.annualisedYield()).isCloseTo(e[0] / e[1] * 1095, within(1e-10));
      assertThat(y.negativeShare()).isCloseTo(e[2] / e[1], within(1e-12));
    }
    // 7 venues x 2 assets: binance and gate 2020-2023, bybit/htx/kucoin/mexc 2021-2023, dydx
    // 2022-23
    assertThat(yields).hasSize(2 * (4 + 4 + 4 * 3 + 2));
    assertThat(yields)
        .filteredOn(y -> y.venue().equals("dydx"))
        .extracting(FundingYield::settlements)
        .containsOnly(8760);
  }

  /**
   * Yearly sums straight from the CSV text: dates minus 3 h (Gate and dYdX as written), hourly dYdX
   * rates times 8; {sum, count, negatives} by asset|venue|year.
   */
  private static Map<String, double[]> independentYearlyMeans(Path dir) throws IOException {
    Map<String, double[]> out = new HashMap<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        String[] name = f.getFileName().toString().split("_");
        String asset = name[0].split("-")[0];
        String venue = name[1];
        long shift = venue.equals("gate") || venue.equals("dydx") ? 0 : 3 * H;
        double scale = venue.equals("dydx") ? 8 : 1;
        List<String> lines = Files.readAllLines(f);
        long previous = Long.MIN_VALUE;
        for (String line : lines.subList(1, lines.size())) {
          String[] c = line.split(",");
          String date = c[1].trim().replace(' ', 'T');
          long t = LocalDateTime.parse(date).toInstant(ZoneOffset.UTC).toEpochMilli() - shift;
          t = Math.floorDiv(t + 500, 1000) * 1000;
          if (t == previous) {
            continue; // the same settlement twice
          }
          previous = t;
          int year = LocalDateTime.ofEpochSecond(t / 1000, 0, ZoneOffset.UTC).getYear();
          double rate = Double.parseDouble(c[2]) * scale;
          double[] acc = out.computeIfAbsent(asset + "|" + venue + "|" + year, k -> new double[3]);
          acc[0] += rate;
          acc[1]++;
          acc[2] += rate < 0 ? 1 : 0;
        }
      }
    }
    return out;
  }

  @Test
  void hourlyHistory_isNormalisedToEightHours() {
    long[] t = new long[48];
    double[] r = new double[48];
    for (int i = 0; i < 48; i++) {
      t[i] = i * H;
      r[i] = 0.00001;
    }
    var series = series("dydx", t, r);
    FundingHistory h = FundingHistory.of(series);
    assertThat(h.intervalHours()).isEqualTo(1);
    FundingYield y = FundingResearch.yearly(List.of(h)).get(0);
    assertThat(y.mean8hRate()).isCloseTo(0.00008, within(1e-15));
    assertThat(y.annualisedYield()).isCloseTo(0.00008 * 1095, within(1e-12));
  }

  @Test
  void spreads_compareCommonWindowsOnly() {
    FundingHistory a =
        FundingHistory.of(
            series("aa", new long[] {0, 8 * H, 16 * H}, new double[] {3e-4, 1e-4, 0}));
    FundingHistory b =
        FundingHistory.of(
            series("bb", new long[] {8 * H, 16 * H, 24 * H}, new double[] {2e-4, 1e-4, 9e-3}));
    FundingSpread s = FundingResearch.spreads(List.of(a, b)).get(0);
    assertThat(s.windows()).isEqualTo(2);
    assertThat(s.meanAnnualised()).isCloseTo((-1e-4 - 1e-4) / 2 * 1095, within(1e-12));
    assertThat(s.meanAbsAnnualised()).isCloseTo(1e-4 * 1095, within(1e-12));
  }

  @Test
  void carry_entersAboveThreshold_exitsBelow_andPaysCostsBothWays() {
    // 8-hourly: 0.0003 (32.85 %/yr) x4, then 0 x4; lookback 8 h = the latest settlement only.
    long[] t = new long[8];
    double[] r = new double[8];
    for (int i = 0; i < 8; i++) {
      t[i] = i * 8 * H;
      r[i] = i < 4 ? 0.0003 : 0;
    }
    CarryRules rules = new CarryRules(0.10, 0.05, 8, 0.001, 0.0005, 0.0002, 2);
    CarryResult c = CarryBacktest.run(FundingHistory.of(series("bin", t, r)), rules);
    // entered after settlement 0, earns settlements 1..3, exits after settlement 4 (rate 0)
    assertThat(c.entries()).isEqualTo(1);
    assertThat(c.funding()).isCloseTo(3 * 0.0003, within(1e-15));
    assertThat(c.fees()).isCloseTo(2 * 0.0015, within(1e-15));
    assertThat(c.slippage()).isCloseTo(2 * 0.0004, within(1e-15));
    assertThat(c.returnOnCapital()).isCloseTo((0.0009 - 0.003 - 0.0008) / 2, within(1e-15));
    assertThat(c.heldShare()).isCloseTo(4 / 8.0, within(1e-12)); // settlements 1..4 held
  }

  @Test
  void carry_neverEntersWhileFundingIsNegative() {
    long[] t = {0, 8 * H, 16 * H, 24 * H};
    double[] r = {0.002, -0.0001, -0.0001, 0.0};
    // the 24 h signal stays far above the entry threshold, but the latest rate is negative
    CarryRules rules = new CarryRules(0.10, 0.0, 24, 0, 0, 0, 2);
    FundingHistory h = FundingHistory.of(series("bin", t, r));
    CarryResult c = CarryBacktest.run(h, rules);
    assertThat(c.entries()).isEqualTo(1); // entered after the first (positive) settlement only
    assertThat(c.funding()).isCloseTo(-0.0002, within(1e-15));
    double[] neg = {-0.0001, 0.002, 0.002, 0.0};
    assertThat(CarryBacktest.run(FundingHistory.of(series("bin", t, neg)), rules).entries())
        .isEqualTo(1);
    double[] allNeg = {-0.0001, -0.0001, -0.0001, -0.0001};
    assertThat(CarryBacktest.run(FundingHistory.of(series("bin", t, allNeg)), rules).entries())
        .isZero();
  }

  @Test
  void rules_rejectBadInput_namingTheField() {
    assertThatThrownBy(() -> new CarryRules(0.05, 0.10, 24, 0, 0, 0, 2))
        .hasMessageStartingWith("exit:");
    assertThatThrownBy(() -> new CarryRules(0.1, 0, 0, 0, 0, 0, 2))
        .hasMessageStartingWith("lookback_hours:");
    assertThatThrownBy(() -> new CarryRules(0.1, 0, 24, -1e-3, 0, 0, 2))
        .hasMessageStartingWith("spot_fee:");
  }

  @Test
  void report_onSharedFiles_hasTablesChartsAndAssumptions() throws IOException {
    FundingReport report =
        FundingReport.of(FundingData.load(SharedData.require("funding")), CarryRules.DEFAULTS);
    assertThat(report.carries()).hasSize(14);
    assertThat(report.spreads()).hasSize(2 * 21);
    String html = FundingHtml.render(report);
    assertThat(html).contains("<svg").contains("Assumptions").doesNotContain("<script");
    assertThat(report.text()).contains("binance").contains("dydx").contains("Assumptions:");
  }

  private static io.perpetua.market.FundingSeries series(String venue, long[] t, double[] r) {
    var b =
        io.perpetua.market.FundingSeries.builder(
            venue, new io.perpetua.core.InstrumentId("BTC", "USDT", "USDT"));
    for (int i = 0; i < t.length; i++) {
      b.add(t[i], r[i]);
    }
    return b.build();
  }
}
