package io.perpetua.trading.flow.live;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import java.util.List;

/**
 * The flow account's position in one symbol (from the kernel's fixed-point account, which nets the
 * flow strategies per symbol as the venue does) and the KPI sums of the flow orders on it.
 *
 * <p>Immutable snapshot.
 *
 * @param strategies the strategies whose orders traded the symbol, in the order they first did
 * @param instrument the symbol
 * @param quantity the account's signed position
 * @param averageEntry the average entry price of the open position (NaN when flat)
 * @param markPrice the latest price of the symbol (NaN before one)
 * @param unrealizedPnl the open position at the mark
 * @param realizedPnl realised by reducing fills (before fees), the account's
 * @param fees fees of the symbol's fills (negative: rebates)
 * @param slippageBps fills against the signal prices, in bps (NaN: not measured per symbol)
 * @param makerShare the maker share of the filled notional (NaN before a fill)
 * @param orders orders sent to the venue
 * @param fills fills received
 */
public record FlowLivePosition(
    List<StrategyId> strategies,
    InstrumentId instrument,
    double quantity,
    double averageEntry,
    double markPrice,
    double unrealizedPnl,
    double realizedPnl,
    double fees,
    double slippageBps,
    double makerShare,
    int orders,
    int fills) {
  /** Copies the list. */
  public FlowLivePosition {
    strategies = List.copyOf(strategies);
  }
}
