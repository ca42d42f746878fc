package io.perpetua.analytics.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PositionDeviationTest {
  private static final double EPS = 1e-9;

  @Test
  void positionDeviation_specExamples() {
    PositionDeviationReport r =
        PortfolioAnalytics.positionDeviation(
            Map.of("BTC/USDT:USDT", 0.0167, "XRP/USDT:USDT", -0.0167),
            Map.of("BTC/USDT:USDT", 0.0155),
            1_000L);
    PositionDeviation xrp = r.deviations().get(0);
    PositionDeviation btc = r.deviations().get(1);
    // 0.0155 − 0.0167 = −0.0012; −0.0012 / 0.0167 × 100 = −7.19 (the spec rounds to −7.2)
    assertThat(btc.symbol()).isEqualTo("BTC/USDT:USDT");
    assertThat(btc.deviation()).isCloseTo(-0.0012, within(EPS));
    assertThat(btc.deviationPct()).isCloseTo(-0.12 / 0.0167, within(EPS));
    assertThat(btc.deviationPct()).isCloseTo(-7.2, within(0.05));
    assertThat(btc.status()).isEqualTo(DeviationStatus.ACCEPTABLE);
    // 0 − (−0.0167) = 0.0167; 0.0167 / |−0.0167| × 100 = 100
    assertThat(xrp.symbol()).isEqualTo("XRP/USDT:USDT");
    assertThat(xrp.actualWeight()).isEqualTo(0.0);
    assertThat(xrp.deviation()).isCloseTo(0.0167, within(EPS));
    assertThat(xrp.deviationPct()).isCloseTo(100.0, within(EPS));
    assertThat(xrp.status()).isEqualTo(DeviationStatus.MISSING);
    assertThat(r.checkedAtMs()).isEqualTo(1_000L);
  }

  @Test
  void positionDeviation_handComputed_statusesOrderAndSummary() {
    Map<String, Double> target = new HashMap<>();
    target.put("BTC", 0.0167); // actual 0.0155: −0.0012, −7.19 % → acceptable
    target.put("XRP", -0.0167); // no position: +0.0167, 100 % → missing
    target.put("ETH", 0.02); // actual 0.026: +0.006, 30 % → warning
    target.put("SOL", 0.01); // actual −0.01: −0.02, −200 % → warning (no status beyond 50 %)
    target.put("DOGE", 0.0); // actual 0 too → left out
    target.put("ADA", 1e-13); // counts as 0, no position → left out
    Map<String, Double> actual = new HashMap<>();
    actual.put("BTC", 0.0155);
    actual.put("ETH", 0.026);
    actual.put("SOL", -0.01);
    actual.put("LINK", 0.005); // no target: +0.005, pct undefined → extra
    actual.put("DOGE", 0.0);
    actual.put("AVAX", 5e-13); // counts as 0 → left out
    PositionDeviationReport r = PortfolioAnalytics.positionDeviation(target, actual, 0);
    // by |deviation|: SOL 0.02, XRP 0.0167, ETH 0.006, LINK 0.005, BTC 0.0012
    assertThat(r.deviations())
        .extracting(PositionDeviation::symbol)
        .containsExactly("SOL", "XRP", "ETH", "LINK", "BTC");
    assertThat(r.deviations())
        .extracting(PositionDeviation::status)
        .containsExactly(
            DeviationStatus.WARNING,
            DeviationStatus.MISSING,
            DeviationStatus.WARNING,
            DeviationStatus.EXTRA,
            DeviationStatus.ACCEPTABLE);
    assertThat(r.deviations().get(0).deviationPct()).isCloseTo(-200, within(EPS));
    assertThat(r.deviations().get(2).deviationPct()).isCloseTo(30, within(EPS));
    PositionDeviation link = r.deviations().get(3);
    assertThat(link.targetWeight()).isEqualTo(0.0);
    assertThat(link.deviation()).isEqualTo(0.005);
    assertThat(link.deviationPct()).isNaN();

    DeviationSummary s = r.summary();
    assertThat(s.totalSymbols()).isEqualTo(5);
    // one status per symbol: BTC acceptable, SOL and ETH warning, XRP missing, LINK extra
    assertThat(s.matched()).isEqualTo(1);
    assertThat(s.warning()).isEqualTo(2);
    assertThat(s.missing()).isEqualTo(1);
    assertThat(s.extra()).isEqualTo(1);
    assertThat(s.matched() + s.warning() + s.missing() + s.extra()).isEqualTo(s.totalSymbols());
    // mean |pct| over the symbols with a target: (7.1856 + 100 + 30 + 200) / 4 = 84.2964
    assertThat(s.avgDeviationPct()).isCloseTo((0.12 / 0.0167 + 100 + 30 + 200) / 4, within(EPS));
    assertThat(s.maxDeviationPct()).isCloseTo(200, within(EPS));
  }

  @Test
  void positionDeviation_tenPercentBoundary_isWarning() {
    // 0.6875 − 0.625 = 0.0625 exactly; 0.0625 / 0.625 × 100 = 10 → warning
    // 0.68 − 0.625 = 0.055 → 8.8 % → acceptable
    PositionDeviationReport r =
        PortfolioAnalytics.positionDeviation(
            Map.of("X", 0.625, "Y", 0.625), Map.of("X", 0.6875, "Y", 0.68), 0);
    assertThat(r.deviations()).extracting(PositionDeviation::symbol).containsExactly("X", "Y");
    assertThat(r.deviations().get(0).deviationPct()).isEqualTo(10.0);
    assertThat(r.deviations().get(0).status()).isEqualTo(DeviationStatus.WARNING);
    assertThat(r.deviations().get(1).status()).isEqualTo(DeviationStatus.ACCEPTABLE);
  }

  @Test
  void positionDeviation_equalDeviations_sortedBySymbol() {
    // Z: 0.02 − 0.01 = +0.01, A: 0 − 0.01 = −0.01: same magnitude → A before Z
    PositionDeviationReport r =
        PortfolioAnalytics.positionDeviation(Map.of("Z", 0.01, "A", 0.01), Map.of("Z", 0.02), 0);
    assertThat(r.deviations()).extracting(PositionDeviation::symbol).containsExactly("A", "Z");
  }

  @Test
  void positionDeviation_empty_zeroCountsUndefinedAverages() {
    PositionDeviationReport r = PortfolioAnalytics.positionDeviation(Map.of(), Map.of(), 5);
    assertThat(r.deviations()).isEmpty();
    assertThat(r.summary().totalSymbols()).isZero();
    assertThat(r.summary().avgDeviationPct()).isNaN();
    assertThat(r.summary().maxDeviationPct()).isNaN();
    // only extras: nothing has a target, so no average either
    PositionDeviationReport extras =
        PortfolioAnalytics.positionDeviation(Map.of(), Map.of("A", 0.1), 5);
    assertThat(extras.summary().extra()).isEqualTo(1);
    assertThat(extras.summary().avgDeviationPct()).isNaN();
  }

  @Test
  void positionDeviation_nonFiniteWeight_isRejected() {
    assertThatThrownBy(
            () -> PortfolioAnalytics.positionDeviation(Map.of("A", Double.NaN), Map.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target weight of A");
  }

  @Test
  void deviationStatus_codesRoundTrip() {
    for (DeviationStatus s : DeviationStatus.values()) {
      assertThat(DeviationStatus.parse(s.code())).isEqualTo(s);
    }
    assertThat(List.of(DeviationStatus.values()))
        .extracting(DeviationStatus::code)
        .containsExactly("acceptable", "warning", "missing", "extra");
    assertThatThrownBy(() -> DeviationStatus.parse("ok"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
