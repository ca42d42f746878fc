package io.perpetua.signals.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.InstrumentId;
import org.junit.jupiter.api.Test;

/** The whale gate's largest trades are large (≥ P99) trades only, as in the original system. */
class FlowStateLargeTradeTest {
  @Test
  void largestNotionalPerSide_countsOnlyTradesAtOrAboveP99() {
    // BTC before 100 trades: P99 is the floor, 10
    FlowState s = new FlowState(SymbolFlowConfig.defaults(InstrumentId.fromVenueSymbol("BTCUSDT")));
    s.onTrade(1_000, 30_000, 5, true); // $150k but 5 < P99: not a large trade
    s.onTrade(2_000, 100, 12, false); // $1,200 and 12 ≥ P99: large
    s.onTrade(3_000, 100, 10, true); // exactly P99: large, $1,000

    FlowInputs in = s.inputs(FlowWindow.M30, FlowWindow.H4, Double.NaN, Double.NaN);

    assertThat(in.maxBuyNotional()).isEqualTo(1_000);
    assertThat(in.maxSellNotional()).isEqualTo(1_200);
    assertThat(in.largeBuyQty()).isEqualTo(10);
    assertThat(in.largeSellQty()).isEqualTo(12);
  }
}
