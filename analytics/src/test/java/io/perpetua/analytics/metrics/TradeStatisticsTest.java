package io.perpetua.analytics.metrics;

import static io.perpetua.analytics.metrics.MetricsCalculatorTest.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TradeStatisticsTest {
  @Test
  void of_handComputed() {
    // nets 40, -10, 0, 20, -30: wins 2 of 5 (break-even is not a win)
    // gross profit 60, gross loss 40, PF 1.5, EV 20 / 5 = 4
    TradeStatistics s =
        TradeStatistics.of(
            List.of(
                trade("A", 0, 1000, 40),
                trade("A", 0, 2000, -10),
                trade("B", 0, 3000, 0),
                trade("B", 0, 4000, 20),
                trade("C", 0, 5000, -30)));
    assertThat(s.count()).isEqualTo(5);
    assertThat(s.winRate()).isCloseTo(0.4, within(1e-15));
    assertThat(s.grossProfit()).isCloseTo(60, within(1e-12));
    assertThat(s.grossLoss()).isCloseTo(40, within(1e-12));
    assertThat(s.profitFactor()).isCloseTo(1.5, within(1e-15));
    assertThat(s.expectedValue()).isCloseTo(4, within(1e-15));
    assertThat(s.avgDurationSeconds()).isCloseTo(3, within(1e-15));
  }

  @Test
  void profitFactor_noLoss_isInfinity_andNothing_isNaN() {
    assertThat(TradeStatistics.of(List.of(trade("A", 0, 1, 5))).profitFactor())
        .isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(TradeStatistics.of(List.of(trade("A", 0, 1, 0))).profitFactor()).isNaN();
    assertThat(TradeStatistics.of(List.of(trade("A", 0, 1, -5))).profitFactor()).isZero();
  }

  @Test
  void of_noTrades_isNaN() {
    TradeStatistics s = TradeStatistics.of(List.of());
    assertThat(s.count()).isZero();
    assertThat(s.winRate()).isNaN();
    assertThat(s.expectedValue()).isNaN();
    assertThat(s.avgDurationSeconds()).isNaN();
  }
}
