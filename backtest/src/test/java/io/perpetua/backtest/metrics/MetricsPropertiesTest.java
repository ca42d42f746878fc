package io.perpetua.backtest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.Metrics;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

class MetricsPropertiesTest {
  private static final long HOUR = 3_600_000L;

  /** A curve marked every {@code stepHours} from 2024-01-01 with equity compounded from r. */
  static EquityCurve curve(List<Double> returns, double start, int stepHours) {
    long t0 = 1_704_067_200_000L;
    long[] times = new long[returns.size() + 1];
    double[] equity = new double[returns.size() + 1];
    times[0] = t0;
    equity[0] = start;
    for (int k = 0; k < returns.size(); k++) {
      times[k + 1] = t0 + (k + 1) * stepHours * HOUR;
      equity[k + 1] = equity[k] * (1 + returns.get(k));
    }
    return new EquityCurve(times, equity);
  }

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void assertSameValue(double actual, double expected) {
    if (Double.isNaN(expected)) {
      assertThat(actual).isNaN();
    } else {
      assertThat(actual).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
    }
  }

  @Property
  void scalingEquity_leavesEveryRatioUnchanged(
      @ForAll @Size(min = 2, max = 300) List<@DoubleRange(min = -0.3, max = 0.3) Double> r,
      @ForAll @DoubleRange(min = 1e-3, max = 1e6) @Scale(4) double scale,
      @ForAll @IntRange(min = 1, max = 30) int stepHours) {
    EquityCurve a = curve(r, 1000, stepHours);
    double[] scaled = a.equity().clone();
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] *= scale;
    }
    EquityCurve b = new EquityCurve(a.timesMs(), scaled);
    Metrics ma = MetricsCalculator.compute(a, List.of(), new double[0], 365);
    Metrics mb = MetricsCalculator.compute(b, List.of(), new double[0], 365);
    assertSameValue(mb.totalReturn(), ma.totalReturn());
    assertSameValue(mb.cagr(), ma.cagr());
    assertSameValue(mb.volatility(), ma.volatility());
    assertSameValue(mb.sharpe(), ma.sharpe());
    assertSameValue(mb.sortino(), ma.sortino());
    assertSameValue(mb.maxDrawdown(), ma.maxDrawdown());
    assertSameValue(mb.calmar(), ma.calmar());
  }

  @Property
  void risingCurve_hasZeroDrawdown(
      @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = 0, max = 0.2) Double> r,
      @ForAll @IntRange(min = 1, max = 48) int stepHours) {
    Metrics m = MetricsCalculator.compute(curve(r, 500, stepHours), List.of(), new double[0], 365);
    assertThat(m.maxDrawdown()).isEqualTo(0.0);
    assertThat(m.calmar()).isNaN();
    assertThat(ReturnsMetrics.fromReturns(array(r), 365).maxDrawdown()).isEqualTo(0.0);
  }

  @Property
  void maxDrawdown_isBetweenMinusOneAndZero_andIsTheMinimumOfTheSeries(
      @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = -0.99, max = 2) Double> r) {
    EquityCurve c = curve(r, 100, 6);
    Metrics m = MetricsCalculator.compute(c, List.of(), new double[0], 365);
    assertThat(m.maxDrawdown()).isBetween(-1.0, 0.0);
    double min = 0;
    for (double d : Drawdowns.series(c.equity())) {
      assertThat(d).isBetween(-1.0, 0.0);
      min = Math.min(min, d);
    }
    assertThat(m.maxDrawdown()).isEqualTo(min);
    assertThat(m.maxDrawdownPeakMs()).isLessThanOrEqualTo(m.maxDrawdownTroughMs());
    assertThat(ReturnsMetrics.fromReturns(array(r), 365).maxDrawdown()).isBetween(-1.0, 0.0);
  }

  @Property
  void annualisation_scalesSharpeSortinoAndVolatilityBySqrtP(
      @ForAll @Size(min = 3, max = 200) List<@DoubleRange(min = -0.2, max = 0.2) Double> r,
      @ForAll @IntRange(min = 1, max = 10_000) int p) {
    double[] x = array(r);
    double root = Math.sqrt(p);
    assertSameValue(ReturnStatistics.sharpe(x, p), ReturnStatistics.sharpe(x, 1) * root);
    assertSameValue(ReturnStatistics.sortino(x, p), ReturnStatistics.sortino(x, 1) * root);
    assertSameValue(ReturnStatistics.volatility(x, p), ReturnStatistics.volatility(x, 1) * root);
  }

  @Property
  void sharpe_isInvariantToScalingReturns(
      @ForAll @Size(min = 3, max = 200) List<@DoubleRange(min = -0.2, max = 0.2) Double> r,
      @ForAll @DoubleRange(min = 0.01, max = 100) double k) {
    double[] x = array(r);
    double[] y = x.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] *= k;
    }
    assertSameValue(ReturnStatistics.sharpe(y, 365), ReturnStatistics.sharpe(x, 365));
    assertSameValue(ReturnStatistics.sortino(y, 365), ReturnStatistics.sortino(x, 365));
  }

  @Property
  void resampledReturns_compoundToTheTotalReturn(
      @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = -0.5, max = 0.5) Double> r,
      @ForAll @IntRange(min = 1, max = 72) int stepHours) {
    EquityCurve c = curve(r, 1000, stepHours);
    double growth = 1;
    for (double x : Resampling.dailyReturns(c)) {
      growth *= 1 + x;
    }
    double[] e = c.equity();
    assertThat(growth).isCloseTo(e[e.length - 1] / e[0], within(1e-9 * growth + 1e-12));
    // (1 + r) loses relative precision when r is close to -1, hence the absolute term
    double months = 1;
    MonthlyReturns table = MonthlyReturns.of(c);
    for (int y = table.firstYear(); y <= table.lastYear(); y++) {
      double yr = table.yearReturn(y);
      months *= Double.isNaN(yr) ? 1 : 1 + yr;
    }
    assertThat(months).isCloseTo(e[e.length - 1] / e[0], within(1e-9 * months + 1e-12));
  }
}
