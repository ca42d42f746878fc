package io.perpetua.signals.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.order.OrderSide;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.Liquidation;
import io.perpetua.market.tick.MarkPriceUpdate;
import io.perpetua.market.tick.OpenInterestUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** FlowState's windows equal a brute-force recomputation over the trade list at every step. */
class FlowStatePropertyTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");

  @Test
  void cvdVwapLargeAndWhaleFlow_equalBruteForce_atEveryTrade() {
    var cfg = SymbolFlowConfig.defaults(BTC).withFloors(0.5, 1.0);
    var state = new FlowState(cfg);
    Random r = new Random(42);
    List<AggTrade> seen = new ArrayList<>();
    List<Boolean> large = new ArrayList<>();
    long t = 1_600_000_000_000L;
    double p = 10_000;
    for (int i = 0; i < 2500; i++) {
      t += r.nextInt(10) < 9 ? r.nextInt(2000) : r.nextInt(3_600_000);
      p = Math.max(100, p + r.nextGaussian() * 5);
      double q = Math.round(0.05 * Math.pow(1 - r.nextDouble(), -1 / 1.3) * 1e6) / 1e6;
      var trade = new AggTrade(BTC, i, t, Math.round(p * 10) / 10.0, q, r.nextBoolean());
      double p99Before = state.p99();
      boolean newBucket = state.tradeCount() == 0 || t / 1000 != state.nowMs() / 1000;
      state.onTrade(trade);
      seen.add(trade);
      if (!newBucket) {
        assertThat(state.p99()).isEqualTo(p99Before);
      }
      large.add(q >= state.p99());
      long bucketNow = t / 1000;
      for (FlowWindow w : FlowWindow.values()) {
        long qtyBuy = 0;
        long qtySell = 0;
        double pq = 0;
        double vol = 0;
        for (AggTrade s : seen) {
          if (s.timeMs() / 1000 > bucketNow - w.millis() / 1000) {
            long raw = Math.round(s.quantity() * 1e6);
            if (s.takerBuy()) {
              qtyBuy += raw;
            } else {
              qtySell += raw;
            }
            pq += s.notional();
            vol += s.quantity();
          }
        }
        assertThat(state.cvdRaw(w)).isEqualTo(qtyBuy - qtySell);
        assertThat(state.cvd(w)).isEqualTo((qtyBuy - qtySell) / 1e6);
        if (vol > 0) {
          assertThat(state.vwap(w)).isCloseTo(pq / vol, within(1e-6 * p));
        }
      }
      double largeBuy = 0;
      double largeSell = 0;
      double whaleBuy = 0;
      double whaleSell = 0;
      for (int k = 0; k < seen.size(); k++) {
        AggTrade s = seen.get(k);
        if (s.timeMs() / 1000 > bucketNow - 900) {
          if (large.get(k)) {
            largeBuy += s.takerBuy() ? s.quantity() : 0;
            largeSell += s.takerBuy() ? 0 : s.quantity();
          }
          if (s.notional() >= 100_000) {
            whaleBuy += s.takerBuy() ? s.notional() : 0;
            whaleSell += s.takerBuy() ? 0 : s.notional();
          }
        }
      }
      FlowInputs in = state.inputs(FlowWindow.M30, FlowWindow.H4, Double.NaN, Double.NaN);
      assertThat(in.largeBuyQty()).isCloseTo(largeBuy, within(1e-6));
      assertThat(in.largeSellQty()).isCloseTo(largeSell, within(1e-6));
      assertThat(in.whaleBuyUsd()).isCloseTo(whaleBuy, within(1e-3));
      assertThat(in.whaleSellUsd()).isCloseTo(whaleSell, within(1e-3));
    }
  }

  @Test
  void percentilesUseFloorsAndDefaults_untilEnoughTrades() {
    var state = new FlowState(SymbolFlowConfig.defaults(BTC));
    for (int i = 0; i < 50; i++) {
      state.onTrade(new AggTrade(BTC, i, 1000L * i, 10_000, 0.01, false));
    }
    assertThat(state.p95()).isEqualTo(5);
    assertThat(state.p99()).isEqualTo(10);
    var unfloored = new FlowState(SymbolFlowConfig.defaults(BTC).withFloors(0, 0));
    for (int i = 0; i < 300; i++) {
      unfloored.onTrade(new AggTrade(BTC, i, 1000L * i, 10_000, 0.01 * (1 + i % 100), false));
    }
    assertThat(unfloored.p99()).isCloseTo(0.99, within(0.03));
    assertThat(unfloored.p95()).isCloseTo(0.95, within(0.03));
  }

  @Test
  void liquidationsOpenInterestAndFunding_areExposedAsInputs() {
    var state = new FlowState(SymbolFlowConfig.defaults(BTC));
    long t0 = 1_000_000_000L;
    state.onTick(new OpenInterestUpdate(BTC, t0, 1000));
    state.onTick(new OpenInterestUpdate(BTC, t0 + 3_600_000, 1040));
    state.onTick(new MarkPriceUpdate(BTC, t0 + 3_600_000, 100, 100, 0.0003, 0));
    state.onTick(new Liquidation(BTC, t0 + 3_600_100, OrderSide.BUY, 100, 30));
    state.onTick(new Liquidation(BTC, t0 + 3_600_200, OrderSide.SELL, 100, 10));
    state.onTrade(new AggTrade(BTC, 1, t0 + 3_600_300, 100, 1, false));
    FlowInputs in = state.inputs(FlowWindow.M30, FlowWindow.H4, Double.NaN, Double.NaN);
    assertThat(in.oiChange()).isCloseTo(0.04, within(1e-12));
    assertThat(in.fundingRate()).isEqualTo(0.0003);
    assertThat(in.maxAbsFunding()).isEqualTo(0.0003);
    assertThat(in.liquidatedShortUsd()).isEqualTo(3000);
    assertThat(in.liquidatedLongUsd()).isEqualTo(1000);
    state.advanceTo(t0 + 3_600_300 + 300_000);
    in = state.inputs(FlowWindow.M30, FlowWindow.H4, Double.NaN, Double.NaN);
    assertThat(in.liquidatedShortUsd()).isZero();
    assertThat(in.bookImbalance()).isNaN();
  }
}
