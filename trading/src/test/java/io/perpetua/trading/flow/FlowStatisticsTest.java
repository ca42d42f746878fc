package io.perpetua.trading.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.signals.flow.FlowTier;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowStatisticsTest {
  private static ClosedFlowTrade trade(long exit, double r, FlowTradeStatus st, double score) {
    return new ClosedFlowTrade(
        "t" + exit,
        StrategyId.of("s"),
        FlowFixtures.BTC,
        r > 0 ? FlowDirection.LONG : FlowDirection.SHORT,
        FlowTier.STANDARD,
        score,
        exit - 1000,
        exit,
        100,
        101,
        1,
        Money.of(200),
        st,
        r + 0.1,
        0.1,
        r,
        Money.of(r * 200),
        Money.of(20),
        0,
        0,
        false,
        1000,
        0.1);
  }

  @Test
  void winRatePayoffProfitFactorDrawdownAndBreakdowns() {
    var s =
        FlowStatistics.of(
            List.of(
                trade(1, 1.0, FlowTradeStatus.TP, 76),
                trade(2, -1.0, FlowTradeStatus.SL, 88),
                trade(3, -0.5, FlowTradeStatus.TIMEOUT, 79),
                trade(4, 2.0, FlowTradeStatus.TP, 91)));
    assertThat(s.trades()).isEqualTo(4);
    assertThat(s.winRate()).isEqualTo(0.5);
    assertThat(s.averageWinR()).isEqualTo(1.5);
    assertThat(s.averageLossR()).isEqualTo(-0.75);
    assertThat(s.payoffRatio()).isEqualTo(2.0);
    assertThat(s.profitFactor()).isEqualTo(2.0);
    assertThat(s.netR()).isEqualTo(1.5);
    assertThat(s.netMoney()).isCloseTo(300, within(1e-6));
    assertThat(s.maxDrawdownR()).isEqualTo(1.5);
    assertThat(s.feesR()).isCloseTo(0.4, within(1e-12));
    assertThat(s.byExit().get("tp")).isEqualTo(new FlowStatistics.Bucket(2, 2, 3.0));
    assertThat(s.byScoreBand()).containsOnlyKeys("70-80", "80-90", "90-100");
    assertThat(s.byDirection().get("long").trades()).isEqualTo(2);
    assertThat(s.byHour()).containsOnlyKeys(23);
    assertThat(s.sharpe())
        .isCloseTo(0.375 / Math.sqrt((1 + 1 + 0.25 + 4 - 4 * 0.375 * 0.375) / 3), within(1e-12));
    assertThat(FlowStatistics.of(List.of()).winRate()).isNaN();
  }
}
