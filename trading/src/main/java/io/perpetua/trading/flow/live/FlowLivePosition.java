package io.perpetua.trading.flow.live;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;

/**
 * What the venue's fills of one strategy on one symbol add up to.
 *
 * <p>Immutable snapshot.
 *
 * @param strategyId the strategy
 * @param instrument the symbol
 * @param quantity the venue-confirmed signed position (Σ fills)
 * @param averageEntry the average entry price of the open position (NaN when flat)
 * @param markPrice the latest price of the symbol (NaN before one)
 * @param unrealizedPnl the open position at the mark
 * @param realizedPnl realised by reducing fills (before fees)
 * @param fees fees paid (negative: rebates)
 * @param slippageBps fills against the paper engine's prices, in bps of the paper notional,
 *     positive = worse (NaN before a fill)
 * @param makerShare the maker share of the filled notional (NaN before a fill)
 * @param orders orders sent to the venue
 * @param fills fills received
 */
public record FlowLivePosition(
    StrategyId strategyId,
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
    int fills) {}
