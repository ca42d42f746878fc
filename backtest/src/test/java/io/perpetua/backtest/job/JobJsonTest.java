package io.perpetua.backtest.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.JobJson;
import io.perpetua.jobs.Metrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobJsonTest {
  @Test
  void request_roundTrips_withParametersOfEveryJsonType() {
    BacktestRequest r =
        Fixtures.request(
            "tpl_grid",
            Map.of(
                "grid_levels",
                8,
                "upper_price",
                "72000",
                "ratio",
                0.5,
                "on",
                true,
                "l",
                List.of(1)));
    assertThat(JobJson.readRequest(JobJson.writeRequest(r))).isEqualTo(r);
  }

  @Test
  void metrics_roundTrip_includingNonFiniteValues() {
    Metrics m =
        new Metrics(
            0.1,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            1,
            2,
            -0.1,
            5,
            6,
            0.5,
            Double.NaN,
            1.5,
            3,
            4.5,
            0.2);
    assertThat(JobJson.readMetrics(JobJson.writeMetrics(m))).isEqualTo(m);
  }

  @Test
  void equityAndTrades_roundTrip() {
    BacktestResult result = Fixtures.result(Fixtures.request());
    EquityCurve back = JobJson.readEquity(JobJson.writeEquity(result.equity()));
    assertThat(back.timesMs()).containsExactly(result.equity().timesMs());
    assertThat(back.equity()).containsExactly(result.equity().equity());
    assertThat(JobJson.readTrades(JobJson.writeTrades(result.trades()))).isEqualTo(result.trades());
  }

  @Test
  void corruptText_failsNamingWhatWasBeingRead() {
    assertThatThrownBy(() -> JobJson.readMetrics("{not json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Metrics");
  }
}
