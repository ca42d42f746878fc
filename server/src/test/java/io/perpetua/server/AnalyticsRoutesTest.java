package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.core.time.Times;
import io.perpetua.server.v1.AnalyticsRoutes;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.PortfolioSnapshot;
import io.perpetua.trading.port.TradingHistory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The portfolio analytics endpoints (spec 000 §3.4) over HTTP, on five daily NAV snapshots whose
 * values are worked out by hand below, and their bad-input answers.
 */
class AnalyticsRoutesTest {
  private static final long DAY0 = Times.parseInstant("2026-02-26T00:00:00Z");
  // NAV at day 0..4: peak 10,100 on day 1, trough 9,898 on day 2 (-2 %), a new high on day 4
  private static final double[] NAV = {10_000, 10_100, 9_898, 9_997, 10_200};

  private TestServer api;

  private TestServer start(List<PortfolioSnapshot> snapshots) {
    api =
        TestServer.start(
            new AnalyticsRoutes(
                () -> new Snapshots(snapshots),
                Fixtures.populated(),
                "paper",
                (symbols, end, days) -> {
                  double[][] r = new double[symbols.size()][days];
                  for (int s = 0; s < r.length; s++) {
                    for (int d = 0; d < days; d++) {
                      r[s][d] = ((d + s) % 3 - 1) * 0.01 * (s + 1);
                    }
                  }
                  return r;
                }));
    return api;
  }

  private static List<PortfolioSnapshot> fiveDays() {
    List<PortfolioSnapshot> out = new ArrayList<>();
    for (int d = 0; d < NAV.length; d++) {
      for (PortfolioSnapshot.Interval i : PortfolioSnapshot.Interval.values()) {
        out.add(new PortfolioSnapshot(i, DAY0 + d * Times.DAY_MS, NAV[d], NAV[d], 0, 0, 0));
      }
    }
    return out;
  }

  @AfterEach
  void stop() {
    if (api != null) {
      api.server.stop();
    }
  }

  @Test
  void everyRoute_exampleAndLiveResponse_matchTheGeneratedSchema() {
    start(fiveDays());
    int checked =
        OpenApiChecks.everyRoute(
            api,
            path ->
                path.matches("/api/v1/portfolio/(nav|pnl|drawdown|position-deviation|volatility)"));
    assertThat(checked).isEqualTo(5);
    JsonNode symbols = api.get("/api/v1/portfolio/volatility?level=symbol").json();
    assertThat(symbols.at("/data/symbols")).hasSize(3);
  }

  @Test
  void nav_pnl_drawdown_matchTheHandComputedValues() {
    start(fiveDays());
    JsonNode nav = api.get("/api/v1/portfolio/nav").data();
    assertThat(nav.get("initial_nav").asDouble()).isEqualTo(10_000);
    assertThat(nav.get("current_nav").asDouble()).isEqualTo(10_200);
    assertThat(nav.get("total_return").asDouble()).isEqualTo(0.02);
    assertThat(nav.get("datapoints")).hasSize(5);
    JsonNode window =
        api.get("/api/v1/portfolio/nav?start_date=2026-02-27&end_date=2026-02-28").data();
    assertThat(window.get("datapoints").findValuesAsText("timestamp"))
        .containsExactly("2026-02-27T00:00:00Z", "2026-02-28T00:00:00Z");

    // days 1..4 against the day before: +100, -202, +99, +203; day 0 is the base
    JsonNode pnl = api.get("/api/v1/portfolio/pnl").data();
    assertThat(pnl.get("daily_pnl").findValuesAsText("pnl"))
        .containsExactly("100.0", "-202.0", "99.0", "203.0");
    assertThat(pnl.at("/summary/total_pnl").asDouble()).isEqualTo(200);
    assertThat(pnl.at("/summary/avg_daily_pnl").asDouble()).isEqualTo(50);
    assertThat(pnl.at("/summary/best_day/date").asText()).isEqualTo("2026-03-02");
    assertThat(pnl.at("/summary/worst_day/pnl").asDouble()).isEqualTo(-202);
    assertThat(pnl.at("/summary/win_rate").asDouble()).isEqualTo(0.75);
    assertThat(pnl.get("daily_pnl").get(1).get("pnl_pct").asDouble())
        .isEqualTo(-0.02); // -202/10100

    // trough 9,898 / peak 10,100 - 1 = -2 % on day 2; 10,200 regains the peak 2 days later
    JsonNode dd = api.get("/api/v1/portfolio/drawdown").data();
    assertThat(dd.get("max_drawdown").asDouble()).isEqualTo(-0.02);
    assertThat(dd.get("max_drawdown_date").asText()).isEqualTo("2026-02-28");
    assertThat(dd.get("current_drawdown").asDouble()).isEqualTo(0.0);
    assertThat(dd.get("recovery_days").asLong()).isEqualTo(2);

    JsonNode vol = api.get("/api/v1/portfolio/volatility?period=7d").data();
    // daily returns 0.01, -0.02, 0.010002..., 0.020306...: sample sd 0.0174... (checked in
    // PortfolioVolatilityTest); here only the route's annualisation and field names
    assertThat(vol.get("volatility_timeseries")).isEmpty(); // 4 returns < a 30-day window
    double daily = vol.at("/metrics/daily_volatility").asDouble();
    assertThat(vol.at("/metrics/annualized_volatility").asDouble())
        .isCloseTo(daily * Math.sqrt(365), within(1.2e-5)); // both rounded to 6 dp
  }

  /**
   * A run that started at 22:00 the day before DAY0 with 10,000 and paid fees in the first
   * rebalance: hourly snapshots from the start, daily ones from the first midnight (9,992.96).
   */
  private static List<PortfolioSnapshot> startedBeforeMidnight() {
    List<PortfolioSnapshot> out = new ArrayList<>();
    for (long t = DAY0 - 2 * Times.HOUR_MS; t <= DAY0 + 2 * Times.DAY_MS; t += Times.HOUR_MS) {
      double nav = t < DAY0 ? 10_000 : 9_992.96 + (t - DAY0) / Times.HOUR_MS;
      out.add(new PortfolioSnapshot(PortfolioSnapshot.Interval.HOURLY, t, nav, nav, 0, 0, 0));
      if (t % Times.DAY_MS == 0) {
        out.add(new PortfolioSnapshot(PortfolioSnapshot.Interval.DAILY, t, nav, nav, 0, 0, 0));
      }
    }
    return out;
  }

  @Test
  void nav_initialAndCurrentNav_doNotDependOnTheInterval() {
    start(startedBeforeMidnight());
    JsonNode daily = api.get("/api/v1/portfolio/nav?interval=daily").data();
    JsonNode hourly = api.get("/api/v1/portfolio/nav?interval=hourly").data();
    assertThat(daily.get("initial_nav").asDouble()).isEqualTo(10_000);
    assertThat(hourly.get("initial_nav").asDouble()).isEqualTo(10_000);
    assertThat(daily.get("current_nav")).isEqualTo(hourly.get("current_nav"));
    assertThat(daily.get("total_return")).isEqualTo(hourly.get("total_return"));
    assertThat(daily.get("datapoints")).hasSize(3);
    assertThat(hourly.get("datapoints")).hasSize(51);
    JsonNode day1 =
        api.get("/api/v1/portfolio/nav?interval=daily&start_date=2026-02-27&end_date=2026-02-27")
            .data();
    JsonNode hour1 =
        api.get("/api/v1/portfolio/nav?interval=hourly&start_date=2026-02-27&end_date=2026-02-27")
            .data();
    assertThat(day1.get("initial_nav")).isEqualTo(hour1.get("initial_nav"));
    assertThat(day1.get("current_nav")).isEqualTo(hour1.get("current_nav"));
  }

  @Test
  void pnl_outsideTheDataRange_isAnEmptyList_not404() {
    start(fiveDays());
    for (String range :
        new String[] {"start_date=2026-04-01", "start_date=2025-01-01&end_date=2025-01-31"}) {
      TestServer.Response r = api.get("/api/v1/portfolio/pnl?" + range);
      assertThat(r.status()).as(range + " " + r.body()).isEqualTo(200);
      assertThat(r.data().get("daily_pnl")).as(range).isEmpty();
      assertThat(r.data().at("/summary/best_day").isNull()).isTrue();
    }
  }

  @Test
  void volatility_ratiosNeedTheMinimumSample() {
    start(fiveDays()); // four daily returns: volatility yes, annualised ratios no
    JsonNode m = api.get("/api/v1/portfolio/volatility?period=30d").data().get("metrics");
    assertThat(m.get("daily_volatility").asDouble()).isPositive();
    assertThat(m.get("sharpe_ratio").isNull()).as(m.toString()).isTrue();
    assertThat(m.get("sortino_ratio").isNull()).as(m.toString()).isTrue();
    assertThat(m.get("calmar_ratio").isNull()).as(m.toString()).isTrue();
  }

  @Test
  void positionDeviation_classifiesEverySymbol() {
    start(fiveDays());
    JsonNode data = api.get("/api/v1/portfolio/position-deviation").data();
    // targets BTC +1/60, DOGE -1/60; positions BTC long, ETH short, SOL long (fixtures)
    assertThat(data.at("/summary/total_symbols").asInt()).isEqualTo(4);
    assertThat(data.at("/summary/matched").asInt()).isZero(); // BTC is a warning, not a match
    assertThat(data.at("/summary/warning").asInt()).isEqualTo(1);
    assertThat(data.at("/summary/missing").asInt()).isEqualTo(1);
    assertThat(data.at("/summary/extra").asInt()).isEqualTo(2);
    for (JsonNode d : data.get("deviations")) {
      String expected =
          switch (d.get("symbol").asText()) {
            case "DOGE/USDT:USDT" -> "missing";
            case "ETH/USDT:USDT", "SOL/USDT:USDT" -> "extra";
            default -> "warning"; // BTC: 314 / 10,234.56 = 0.03068 vs 0.01667 (+84 %)
          };
      assertThat(d.get("status").asText()).as(d.toString()).isEqualTo(expected);
    }
  }

  @Test
  void badInput_namesTheField_andNoSnapshotIs404() {
    start(fiveDays());
    for (String[] c :
        new String[][] {
          {"/api/v1/portfolio/nav?interval=weekly", "interval"},
          {"/api/v1/portfolio/nav?start_date=2026-02-30", "start_date"},
          {"/api/v1/portfolio/nav?start_date=2026-03-02&end_date=2026-03-01", "end_date"},
          {"/api/v1/portfolio/pnl?end_date=03/01/2026", "end_date"},
          {"/api/v1/portfolio/drawdown?start_date=yesterday", "start_date"},
          {"/api/v1/portfolio/volatility?level=asset", "level"},
          {"/api/v1/portfolio/volatility?period=1y", "period"},
          {"/api/v1/portfolio/nav?foo=1", "foo"}
        }) {
      TestServer.Response r = api.get(c[0]);
      assertThat(r.status()).as(c[0] + " " + r.body()).isEqualTo(400);
      assertThat(r.code()).isEqualTo(40001);
      assertThat(r.message()).as(c[0]).contains(c[1]);
    }
    api.server.stop();
    start(List.of());
    TestServer.Response r = api.get("/api/v1/portfolio/nav");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.code()).isEqualTo(40401);
  }

  /** Snapshots only; the other reads are unused here. */
  private record Snapshots(List<PortfolioSnapshot> all) implements TradingHistory {
    @Override
    public List<PortfolioSnapshot> snapshots(
        String accountId, PortfolioSnapshot.Interval interval, long fromMs, long toMs) {
      return all.stream()
          .filter(s -> s.interval() == interval && s.timeMs() >= fromMs && s.timeMs() <= toMs)
          .toList();
    }

    @Override
    public Page<OrderRecord> orders(Query query) {
      return new Page<>(List.of(), 0);
    }

    @Override
    public Page<Fill> fills(Query query) {
      return new Page<>(List.of(), 0);
    }

    @Override
    public Page<RebalanceCompleted> rebalances(Query query) {
      return new Page<>(List.of(), 0);
    }

    @Override
    public List<OrderRecord> openOrders() {
      return List.of();
    }
  }
}
