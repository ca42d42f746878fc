package io.perpetua.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReturnsMetricsTest {
  @Test
  void fromReturns_handComputed() {
    // r = [0.01, -0.02, 0.03, -0.01, 0.02]; wealth 1, 1.01, 0.9898, 1.019494, 1.00929906,
    // 1.0294850412. Total return 0.0294850412.
    // Drawdown: peak 1.01 (index 1) -> 0.9898 (index 2): 0.9898 / 1.01 - 1 = -0.02 (the later
    // 1.019494 -> 1.00929906 is -0.01). CAGR (P = 365, n = 5) = 1.0294850412^73 - 1 = 7.3418612.
    ReturnsMetrics m =
        ReturnsMetrics.fromReturns(new double[] {0.01, -0.02, 0.03, -0.01, 0.02}, 365);
    assertThat(m.periods()).isEqualTo(5);
    assertThat(m.periodsPerYear()).isEqualTo(365);
    assertThat(m.totalReturn()).isCloseTo(0.0294850412, within(1e-12));
    assertThat(m.maxDrawdown()).isCloseTo(-0.02, within(1e-12));
    assertThat(m.maxDrawdownPeak()).isEqualTo(1);
    assertThat(m.maxDrawdownTrough()).isEqualTo(2);
    assertThat(m.cagr()).isCloseTo(7.341861200917917, within(1e-9));
    assertThat(m.calmar()).isCloseTo(7.341861200917917 / 0.02, within(1e-6));
    assertThat(m.sharpe()).isCloseTo(5.527941708708923, within(1e-12));
    assertThat(m.sortino()).isCloseTo(11.462983904725679, within(1e-12));
    assertThat(m.volatility()).isCloseTo(0.396169155790806, within(1e-14));
  }

  @Test
  void fromReturns_oneYearOfDailyReturns_cagrIsTotalReturn() {
    double[] r = new double[365];
    java.util.Arrays.fill(r, 0.001);
    ReturnsMetrics m = ReturnsMetrics.fromReturns(r, 365);
    assertThat(m.cagr()).isCloseTo(m.totalReturn(), within(1e-12));
    assertThat(m.totalReturn()).isCloseTo(Math.pow(1.001, 365) - 1, within(1e-12));
    assertThat(m.maxDrawdown()).isZero();
    assertThat(m.calmar()).isNaN();
  }

  @Test
  void fromReturns_empty_isAllNaN() {
    ReturnsMetrics m = ReturnsMetrics.fromReturns(new double[0], 365);
    assertThat(m.periods()).isZero();
    assertThat(m.totalReturn()).isNaN();
    assertThat(m.cagr()).isNaN();
    assertThat(m.sharpe()).isNaN();
    assertThat(m.sortino()).isNaN();
    assertThat(m.maxDrawdown()).isNaN();
    assertThat(m.volatility()).isNaN();
  }

  @Test
  void fromReturns_agreesWithAnIndependentTextbookComputation() {
    // Reference written from the published definitions, independently of the production code:
    // compounded wealth with a start value (empyrical's convention), sample variance via the
    // one-pass sum of squares, downside semi-variance over all n (Sortino & Price, target 0).
    Random random = new Random(20240101);
    for (int trial = 0; trial < 20; trial++) {
      int n = 30 + random.nextInt(700);
      double[] r = new double[n];
      for (int i = 0; i < n; i++) {
        r[i] = 0.0004 + 0.03 * random.nextGaussian();
      }
      int p = trial % 2 == 0 ? 365 : 252;
      ReturnsMetrics m = ReturnsMetrics.fromReturns(r, p);

      double sum = 0;
      double sumSq = 0;
      double downSq = 0;
      double wealth = 100;
      double peak = 100;
      double mdd = 0;
      for (double x : r) {
        sum += x;
        sumSq += x * x;
        downSq += x < 0 ? x * x : 0;
        wealth = wealth + wealth * x;
        peak = Math.max(peak, wealth);
        mdd = Math.min(mdd, (wealth - peak) / peak);
      }
      double mean = sum / n;
      double var = (sumSq - n * mean * mean) / (n - 1);
      double sharpe = mean / Math.sqrt(var) * Math.sqrt(p);
      double sortino = mean / Math.sqrt(downSq / n) * Math.sqrt(p);
      double years = n / (double) p;
      double cagr = Math.pow(wealth / 100, 1 / years) - 1;

      assertThat(m.sharpe()).isCloseTo(sharpe, within(1e-9 * Math.max(1, Math.abs(sharpe))));
      assertThat(m.sortino()).isCloseTo(sortino, within(1e-9 * Math.max(1, Math.abs(sortino))));
      assertThat(m.volatility()).isCloseTo(Math.sqrt(var * p), within(1e-10));
      assertThat(m.totalReturn()).isCloseTo(wealth / 100 - 1, within(1e-9));
      assertThat(m.maxDrawdown()).isCloseTo(mdd, within(1e-12));
      assertThat(m.cagr()).isCloseTo(cagr, within(1e-9 * Math.max(1, Math.abs(cagr))));
      assertThat(m.calmar()).isCloseTo(cagr / -mdd, within(1e-8 * Math.max(1, Math.abs(cagr))));
    }
  }

  @Test
  void fromReturns_knownSymmetricSeries() {
    // +1 %, -1 % alternating 10 times: mean 0 -> Sharpe 0 and Sortino 0;
    // std = sqrt(20 * 0.0001 / 19); downside = sqrt(10 * 0.0001 / 20) = sqrt(0.00005)
    double[] r = new double[20];
    for (int i = 0; i < 20; i++) {
      r[i] = i % 2 == 0 ? 0.01 : -0.01;
    }
    ReturnsMetrics m = ReturnsMetrics.fromReturns(r, 365);
    assertThat(m.sharpe()).isCloseTo(0, within(1e-12));
    assertThat(m.sortino()).isCloseTo(0, within(1e-12));
    assertThat(m.volatility()).isCloseTo(Math.sqrt(20 * 0.0001 / 19 * 365), within(1e-12));
    // each pair compounds to 1.01 * 0.99 = 0.9999
    assertThat(m.totalReturn()).isCloseTo(Math.pow(0.9999, 10) - 1, within(1e-12));
    // from the first peak 1.01 down to 0.9999^10 after the last loss
    assertThat(m.maxDrawdown()).isCloseTo(Math.pow(0.9999, 10) / 1.01 - 1, within(1e-12));
  }
}
