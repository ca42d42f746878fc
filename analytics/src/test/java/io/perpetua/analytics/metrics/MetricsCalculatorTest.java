package io.perpetua.analytics.metrics;

import static io.perpetua.analytics.metrics.ResamplingTest.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.TradeRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsCalculatorTest {
  // Marks twice a day over three UTC days:
  //   Jan 1 00:00 100 (base), 12:00 110 | Jan 2 00:00 105, 12:00 99 | Jan 3 00:00 120, 12:00 114
  // Marks are bar closes: the 00:00 mark closes the day before (Resampling.period).
  // Daily closes: 105 (Jan 2 00:00), 120 (Jan 3 00:00), 114 -> resampled [100, 105, 120, 114]
  // Daily returns: 0.05, 120/105 - 1 = 0.142857..., 114/120 - 1 = -0.05
  // Full-curve drawdown: peak 110 (Jan 1 12:00) -> trough 99 (Jan 2 12:00): 99/110 - 1 = -0.1;
  // the later 120 -> 114 is only -5 %.
  // Total return 114/100 - 1 = 0.14. With periodsPerYear = 3 the three days are "a year", so
  // CAGR = 1.14^(3/3) - 1 = 0.14 and Calmar = 0.14 / 0.1 = 1.4.
  // mean = 0.0476190..., sample std = 0.0964506..., Sharpe = mean/std*sqrt(3) = 0.85513824...
  // downside deviation = sqrt(0.0025 / 3) = 0.0288675..., Sortino = mean/dd*sqrt(3) = 2.857142...
  static final EquityCurve CURVE =
      new EquityCurve(
          new long[] {
            t("2024-01-01T00:00:00Z"),
            t("2024-01-01T12:00:00Z"),
            t("2024-01-02T00:00:00Z"),
            t("2024-01-02T12:00:00Z"),
            t("2024-01-03T00:00:00Z"),
            t("2024-01-03T12:00:00Z")
          },
          new double[] {100, 110, 105, 99, 120, 114});

  // Trades: +30 over 1 h, -10 over 2 h, -5 over 3 h.
  // Win rate 1/3, profit factor 30 / 15 = 2, expected value 15 / 3 = 5, duration 2 h = 7200 s.
  static final List<TradeRecord> TRADES =
      List.of(
          trade("BTCUSDT", 0, 3_600_000, 30),
          trade("ETHUSDT", 0, 7_200_000, -10),
          trade("SOLUSDT", 3_600_000, 14_400_000, -5));

  static TradeRecord trade(String symbol, long entry, long exit, double net) {
    return new TradeRecord(symbol, "long", entry, exit, 1, 100, 100 + net, net, 0, 0, net);
  }

  @Test
  void compute_handComputedExample() {
    Metrics m = MetricsCalculator.compute(CURVE, TRADES, new double[] {0.5, 0.3}, 3);
    assertThat(m.totalReturn()).isCloseTo(0.14, within(1e-12));
    assertThat(m.cagr()).isCloseTo(0.14, within(1e-12));
    assertThat(m.maxDrawdown()).isCloseTo(-0.1, within(1e-12));
    assertThat(m.maxDrawdownPeakMs()).isEqualTo(t("2024-01-01T12:00:00Z"));
    assertThat(m.maxDrawdownTroughMs()).isEqualTo(t("2024-01-02T12:00:00Z"));
    assertThat(m.calmar()).isCloseTo(1.4, within(1e-10));
    assertThat(m.sharpe()).isCloseTo(0.8551382496180249, within(1e-12));
    assertThat(m.sortino()).isCloseTo(2.8571428571428523, within(1e-12));
    assertThat(m.volatility()).isCloseTo(0.1670573651932357, within(1e-12));
    assertThat(m.totalTrades()).isEqualTo(3);
    assertThat(m.winRate()).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(m.profitFactor()).isCloseTo(2.0, within(1e-15));
    assertThat(m.expectedValue()).isCloseTo(5.0, within(1e-15));
    assertThat(m.avgTradeDurationSeconds()).isCloseTo(7200.0, within(1e-9));
    assertThat(m.avgTurnover()).isCloseTo(0.4, within(1e-15));
  }

  @Test
  void compute_dailyPeriods_cagrUses365OverDays() {
    // 3 daily returns annualised with 365: 1.14^(365/3) - 1
    Metrics m = MetricsCalculator.compute(CURVE, TRADES, new double[0], 365);
    assertThat(m.cagr()).isCloseTo(Math.pow(1.14, 365.0 / 3) - 1, within(1e-3));
    assertThat(m.sharpe()).isCloseTo(0.8551382496180249 * Math.sqrt(365.0 / 3), within(1e-10));
    assertThat(m.avgTurnover()).isNaN();
  }

  @Test
  void compute_twelveHourPeriods_usesEveryMark() {
    // 12 h periods: every mark is a close, 5 returns from [100,110,105,99,120,114]
    Metrics m =
        MetricsCalculator.compute(CURVE, List.of(), new double[0], 730, Resampling.DAY_MS / 2);
    double[] r = Resampling.simpleReturns(CURVE.equity());
    assertThat(m.sharpe()).isCloseTo(ReturnStatistics.sharpe(r, 730), within(1e-12));
    assertThat(m.cagr()).isCloseTo(Math.pow(1.14, 730.0 / 5) - 1, within(1e-3));
  }

  @Test
  void compute_emptyInputs_areNaNNotExceptions() {
    Metrics m =
        MetricsCalculator.compute(
            new EquityCurve(new long[0], new double[0]), List.of(), new double[0], 365);
    assertThat(m.totalReturn()).isNaN();
    assertThat(m.cagr()).isNaN();
    assertThat(m.sharpe()).isNaN();
    assertThat(m.sortino()).isNaN();
    assertThat(m.maxDrawdown()).isNaN();
    assertThat(m.calmar()).isNaN();
    assertThat(m.winRate()).isNaN();
    assertThat(m.profitFactor()).isNaN();
    assertThat(m.expectedValue()).isNaN();
    assertThat(m.avgTradeDurationSeconds()).isNaN();
    assertThat(m.totalTrades()).isZero();
  }

  @Test
  void compute_singlePoint_isNaN() {
    Metrics m =
        MetricsCalculator.compute(
            new EquityCurve(new long[] {0}, new double[] {100}), List.of(), new double[0], 365);
    assertThat(m.totalReturn()).isNaN();
    assertThat(m.maxDrawdown()).isNaN();
    assertThat(m.maxDrawdownPeakMs()).isZero();
  }

  @Test
  void drawdownSeries_alignsWithCurve() {
    double[] dd = MetricsCalculator.drawdownSeries(CURVE);
    assertThat(dd).hasSize(CURVE.size());
    // 105 / 110 - 1, 99 / 110 - 1, 114 / 120 - 1
    assertThat(dd)
        .containsExactly(new double[] {0, 0, 105.0 / 110 - 1, -0.1, 0, -0.05}, within(1e-12));
  }
}
