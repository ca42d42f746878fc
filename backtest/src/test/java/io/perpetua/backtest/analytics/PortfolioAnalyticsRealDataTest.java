package io.perpetua.backtest.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.backtest.metrics.Drawdowns;
import io.perpetua.backtest.metrics.MetricsCalculator;
import io.perpetua.backtest.metrics.Resampling;
import io.perpetua.backtest.metrics.ReturnStatistics;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.testing.SharedData;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.Metrics;
import io.perpetua.market.BarSeries;
import io.perpetua.market.csv.ErrorPolicy;
import io.perpetua.market.csv.KlineCsvReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden test on real data: a buy-and-hold BTCUSDT NAV (10 000 USDT × close / first close, one
 * point per daily bar, 2021–2025) analysed by {@link PortfolioAnalytics} and by the backtest
 * metrics must give the same numbers.
 */
class PortfolioAnalyticsRealDataTest {
  private static final double TOL = 1e-10;
  private static List<NavPoint> nav;
  private static EquityCurve curve;

  @BeforeAll
  static void load() throws Exception {
    var file = SharedData.require("binance-um-klines/1d/BTCUSDT-1d.csv.gz");
    BarSeries bars =
        new KlineCsvReader(ErrorPolicy.STOP)
            .read(file, InstrumentId.usdtPerp("BTC"), Timeframe.D1)
            .series()
            .slice(
                Instant.parse("2021-01-01T00:00:00Z").toEpochMilli(),
                Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    nav = new ArrayList<>(bars.size());
    double first = bars.close(0);
    for (int i = 0; i < bars.size(); i++) {
      nav.add(new NavPoint(bars.openTimeMs(i), 10_000 * bars.close(i) / first));
    }
    curve =
        new EquityCurve(
            nav.stream().mapToLong(NavPoint::timeMs).toArray(),
            nav.stream().mapToDouble(NavPoint::nav).toArray());
  }

  @Test
  void realBtc_portfolioVolatility_agreesWithMetricsCalculator() {
    assertThat(nav.size()).isGreaterThan(1500);
    int returns = nav.size() - 1;
    Metrics m = MetricsCalculator.compute(curve, List.of(), new double[0], 365);
    VolatilityReport v = PortfolioAnalytics.portfolioVolatility(nav, returns, 365, 30, 1);
    assertThat(v.returns()).isEqualTo(returns);
    assertThat(v.annualizedVolatility()).isCloseTo(m.volatility(), within(TOL));
    assertThat(v.sharpe()).isCloseTo(m.sharpe(), within(TOL));
    assertThat(v.sortino()).isCloseTo(m.sortino(), within(TOL));
    assertThat(v.calmar()).isCloseTo(m.calmar(), within(TOL));
    // BTC's annualised volatility is tens of percent, not a unit slip
    assertThat(v.annualizedVolatility()).isBetween(0.3, 1.0);

    double[] r = Resampling.dailyReturns(curve);
    assertThat(v.dailyVolatility())
        .isCloseTo(ReturnStatistics.sampleStandardDeviation(r), within(TOL));
    // one rolling value per day from the 30th return; the last is the last 30 returns' volatility
    assertThat(v.rolling()).hasSize(returns - 29);
    assertThat(v.rolling().getLast().volatility())
        .isCloseTo(
            ReturnStatistics.volatility(Arrays.copyOfRange(r, r.length - 30, r.length), 365),
            within(TOL));
    assertThat(v.rolling().getLast().date()).isEqualTo(LocalDate.of(2025, 12, 31));

    // a 90-day period is the last 90 returns
    VolatilityReport q = PortfolioAnalytics.portfolioVolatility(nav, 90, 365, 30, 1);
    double[] last90 = Arrays.copyOfRange(r, r.length - 90, r.length);
    assertThat(q.annualizedVolatility())
        .isCloseTo(ReturnStatistics.volatility(last90, 365), within(TOL));
    assertThat(q.sharpe()).isCloseTo(ReturnStatistics.sharpe(last90, 365), within(TOL));
    assertThat(q.rolling()).hasSize(90);
  }

  @Test
  void realBtc_drawdown_agreesWithDrawdowns() {
    Metrics m = MetricsCalculator.compute(curve, List.of(), new double[0], 365);
    DrawdownReport d = PortfolioAnalytics.drawdown(nav);
    assertThat(d.maxDrawdown()).isEqualTo(m.maxDrawdown());
    assertThat(d.maxDrawdown()).isBetween(-0.9, -0.5);
    assertThat(d.maxDrawdownDate())
        .isEqualTo(
            LocalDate.ofInstant(Instant.ofEpochMilli(m.maxDrawdownTroughMs()), ZoneOffset.UTC));
    double[] series = Drawdowns.series(curve.equity());
    assertThat(d.drawdownCurve())
        .extracting(DrawdownPoint::drawdown)
        .containsExactly(Arrays.stream(series).boxed().toArray(Double[]::new));
    assertThat(d.currentDrawdown()).isEqualTo(series[series.length - 1]);

    DailyPnlReport pnl = PortfolioAnalytics.dailyPnl(nav, Double.NaN);
    assertThat(pnl.summary().days()).isEqualTo(nav.size() - 1);
    assertThat(pnl.summary().totalPnl())
        .isCloseTo(nav.getLast().nav() - nav.getFirst().nav(), within(1e-6));
  }
}
