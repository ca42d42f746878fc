package io.perpetua.trading.flow.live;

import io.perpetua.trading.venue.MakerFirstKpis;

/**
 * The order-flow live executor's counters and execution quality.
 *
 * <p>Immutable snapshot.
 *
 * @param ordersSent orders sent to the venue
 * @param filled orders completely filled
 * @param working orders sent and not ended
 * @param cancelled orders ended without filling completely
 * @param venueRejected orders refused by the venue
 * @param riskRejected orders refused by the risk guard (never sent)
 * @param skipped orders not sent because no valid size remained (never sent)
 * @param makerShare maker share of all filled notional (NaN before a fill)
 * @param entryMakerShare maker share of the entries' filled notional (NaN before a fill)
 * @param slippageBps all fills against the paper engine's prices, bps (NaN before a fill)
 * @param fees fees paid
 * @param realizedPnl realised pnl before fees
 * @param equity capital + realised − fees + unrealised
 * @param makerFirst the maker-first KPIs (entries, fallbacks, timeouts, kept partials), or null
 *     when entries go at market
 * @param exits the exits' KPIs (maker ratio at TP, TP overshoot, timeout limits, stops, flips)
 * @param venueReachable whether the latest probe reached the venue
 * @param venueError the latest probe's error (null when reachable)
 * @param probes probes answered
 * @param mismatchedProbes probes whose venue positions differed from the executor's fills
 * @param lastMismatch what differed at the latest such probe (null if none)
 * @param duplicatesIgnored repeated decisions for a position already mirrored (not sent again)
 * @param unmirrored TP/exit decisions for positions this process never entered (e.g. restored after
 *     a restart): nothing is sent for them
 * @param exitsGivenUp market exit legs given up after their last attempt (the position stays open
 *     at the venue; see the orders' reasons)
 */
public record FlowLiveKpis(
    long ordersSent,
    long filled,
    long working,
    long cancelled,
    long venueRejected,
    long riskRejected,
    long skipped,
    double makerShare,
    double entryMakerShare,
    double slippageBps,
    double fees,
    double realizedPnl,
    double equity,
    MakerFirstKpis makerFirst,
    FlowLiveExitKpis exits,
    boolean venueReachable,
    String venueError,
    long probes,
    long mismatchedProbes,
    String lastMismatch,
    long duplicatesIgnored,
    long unmirrored,
    long exitsGivenUp) {}
