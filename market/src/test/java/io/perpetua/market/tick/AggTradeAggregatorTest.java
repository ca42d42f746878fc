package io.perpetua.market.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggTradeAggregatorTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");

  @Test
  void consecutiveTradesWithSameSidePriceAndTime_merge_withExactQuantitySum() {
    List<AggTrade> out = new ArrayList<>();
    var agg = new AggTradeAggregator(out::add);
    agg.add(BTC, 1, 1_000_000, 100.0, 10_000_000, true); // 0.1
    agg.add(BTC, 2, 1_000_000, 100.0, 20_000_000, true); // 0.2 -> 0.3 exactly
    agg.add(BTC, 3, 1_000_000, 100.5, 10_000_000, true); // other price
    agg.add(BTC, 4, 1_000_000, 100.5, 10_000_000, false); // other side
    agg.add(BTC, 5, 1_000_001, 100.5, 10_000_000, false); // other microsecond
    agg.flush();
    assertThat(out).hasSize(4);
    assertThat(out.get(0).aggId()).isEqualTo(1);
    assertThat(out.get(0).quantity()).isEqualTo(0.3);
    assertThat(out.get(0).takerBuy()).isTrue();
    assertThat(out.get(0).timeMs()).isEqualTo(1000);
    assertThat(out.get(2).buyerMaker()).isTrue();
    assertThat(agg.trades()).isEqualTo(5);
    assertThat(agg.aggregates()).isEqualTo(4);
  }

  @Test
  void nonIncreasingIds_areRejected() {
    var agg = new AggTradeAggregator(t -> {});
    agg.add(BTC, 5, 1, 1.0, 1, true);
    assertThatThrownBy(() -> agg.add(BTC, 5, 2, 1.0, 1, true))
        .hasMessageContaining("trade ids must increase");
  }
}
