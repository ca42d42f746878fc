package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.signals.flow.FlowInputs;
import io.perpetua.signals.flow.FlowStrategy;
import io.perpetua.signals.flow.FlowStrategyConfig;
import io.perpetua.signals.flow.GateSettings;

/** Hand-built configs and signals for lifecycle tests. */
final class FlowFixtures {
  static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");

  private FlowFixtures() {}

  /** v53 exits (SL 1.5 ATR = 1R, TP1 0.75R, TP2 1.5R, timeout 240 min), gates off. */
  static FlowStrategyConfig config() {
    GateSettings off =
        GateSettings.defaultsFor(BTC)
            .withVolFloor(false, 0.002)
            .withWhale(false, 100_000, 0.5)
            .withObi(false, 0.3);
    return FlowStrategyConfig.v53(StrategyId.of("v53"), BTC).withGates(off);
  }

  /** A heavy-tier signal at {@code price} with ATR {@code atr}, long when {@code sign} > 0. */
  static FlowEvaluation signal(
      FlowStrategyConfig cfg, long timeMs, double price, double atr, int sign) {
    FlowInputs in =
        FlowInputs.builder()
            .timeMs(timeMs)
            .price(price)
            .atr(atr)
            .cvdFast(sign)
            .cvdSlow(sign)
            .cvdAcceleration(sign)
            .largeBuyQty(sign > 0 ? 1 : 0)
            .largeSellQty(sign > 0 ? 0 : 1)
            .longShortRatio(sign > 0 ? 0.4 : 2.5)
            .topTraderLongShare(sign > 0 ? 0.6 : 0.4)
            .oiChange(0.05)
            .premium(sign * 0.001)
            .build();
    return FlowStrategy.score(cfg, in);
  }
}
