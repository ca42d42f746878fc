package io.perpetua.trading.testing;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.signals.flow.FlowTier;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FlowTradeStatus;
import io.perpetua.trading.flow.PositionSnapshot;
import io.perpetua.trading.risk.CircuitBreakers;
import io.perpetua.trading.risk.InMemoryRiskStore;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.risk.RiskLimits;

/**
 * Order-flow fixtures on BTCUSDT for the flow API and live-view tests (in trading, server and app):
 * positions of {@code factory-1} entered at 9,700 at {@link #T0}, the closed trades that end them,
 * the venue's filters for the symbol and risk engines whose clock stands at {@link #T0}.
 */
public final class FlowFixtures {
  /** The symbol. */
  public static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");

  /** The strategy. */
  public static final StrategyId STRATEGY = StrategyId.of("factory-1");

  /** BTCUSDT's filters: tick 0.1, step 0.001, minimum notional 100 USDT. */
  public static final Instrument BTC_FILTERS =
      new Instrument(BTC, Price.parse("0.1", 1), Quantity.parse("0.001", 3), Money.of(100.0));

  /** The entry time, epoch ms (2020-02-22T01:15:45Z). */
  public static final long T0 = 1_582_334_145_000L;

  /** The id of the position entered at {@link #T0}. */
  public static final String POSITION = "factory-1:BTCUSDT:" + T0;

  private FlowFixtures() {}

  /** A risk engine with {@code limits}, no circuit breakers, at {@link #T0}. */
  public static RiskEngine risk(RiskLimits limits) {
    return risk(limits, CircuitBreakers.off());
  }

  /** A risk engine with {@code limits} and {@code breakers}, at {@link #T0}. */
  public static RiskEngine risk(RiskLimits limits, CircuitBreakers breakers) {
    return RiskEngine.open(
        new RiskConfig(limits, breakers, 0.8), new InMemoryRiskStore(), () -> T0);
  }

  /** A risk engine without limits whose orders reach the venue (dry run off). */
  public static RiskEngine liveRisk() {
    return risk(RiskLimits.unlimited().withDryRun(false));
  }

  /**
   * A position of {@link #STRATEGY} on {@link #BTC} signalled and entered at 9,700 at {@link #T0}
   * (score 70, ATR and risk distance 10, deadline 30 minutes later): {@code TP1_HIT} once {@code
   * remaining} is below {@code quantity}, else {@code ACTIVE}.
   *
   * @param lastExit the price of its last partial exit (NaN before any)
   */
  public static PositionSnapshot position(
      String id,
      FlowDirection direction,
      double quantity,
      double remaining,
      double stop,
      double tp1,
      double tp2,
      double lastExit) {
    return new PositionSnapshot(
        id,
        STRATEGY,
        BTC,
        direction,
        FlowTier.STANDARD,
        70,
        T0,
        9_700,
        9_700,
        10,
        10,
        quantity,
        remaining,
        stop,
        tp1,
        tp2,
        remaining < quantity ? FlowTradeStatus.TP1_HIT : FlowTradeStatus.ACTIVE,
        T0 + 1_800_000,
        0,
        0,
        0,
        0,
        quantity,
        Long.MIN_VALUE,
        Double.NaN,
        0,
        false,
        lastExit,
        0,
        0,
        0);
  }

  /**
   * {@link #position} with a long's levels whatever the direction: stop 9,690, TPs 9,705, 9,710.
   */
  public static PositionSnapshot position(
      String id, FlowDirection direction, double quantity, double remaining, double lastExit) {
    return position(id, direction, quantity, remaining, 9_690, 9_705, 9_710, lastExit);
  }

  /**
   * The paper trade entered at 9,700 at {@link #T0} closed a minute later at {@code exit} with
   * {@code status} (a flip when it is {@code SIGNAL_FLIP}); its pnl fields are fixed (1R 100 USDT,
   * net 90 USDT after 10 of fees): the live executor reads only the id, the status and the exit.
   */
  public static ClosedFlowTrade closed(
      String id, FlowDirection direction, double quantity, FlowTradeStatus status, double exit) {
    return new ClosedFlowTrade(
        id,
        STRATEGY,
        BTC,
        direction,
        FlowTier.STANDARD,
        70,
        T0,
        T0 + 60_000,
        9_700,
        exit,
        quantity,
        Money.of(100.0),
        status,
        1,
        0.1,
        0.9,
        Money.of(90.0),
        Money.of(10.0),
        0,
        0,
        status == FlowTradeStatus.SIGNAL_FLIP,
        60_000,
        0.1);
  }
}
