package io.perpetua.trading.flow.live;

/**
 * How the live executor's exits went (spec §4.1 KPIs: maker ratio at TP ≥ 80 %, TP overshoot ≤ 20
 * %, flips ≤ 1 per position).
 *
 * <p>A <b>TP tranche</b> is a TP half (TP1 or TP2) whose level the paper engine hit and which the
 * venue has completely filled. It is a <b>maker tranche</b> when its pre-placed limit filled it
 * alone, a <b>fallback</b> when a market order had to close (part of) it — the limit was still
 * unfilled {@code tp_timeout_ms} after the paper's hit, or no limit rested for it. <b>TP
 * overshoot</b> is the paper engine's definition ({@code ExecutionKpis.tpOvershootRate}): the share
 * of TP tranches that fell back to market, i.e. where the price went past the level without the
 * limit filling in time; {@code tpFallbackSlippageBps} says how far from the level those market
 * orders filled.
 *
 * <p>Immutable snapshot.
 *
 * @param makerExits whether exits are maker-first (pre-placed TP limits, timeout limit): on with
 *     maker-first entries, else every exit is a market order
 * @param tpLimits TP limits sent to the venue
 * @param tpLimitsNotPlaced TP halves without a resting limit: below the venue's minimum (merged
 *     into TP2 or skipped), the price already at the level, refused by the risk guard or the venue
 * @param tpTranches TP tranches completed (see above)
 * @param tpMakerTranches of which filled by their limit alone
 * @param tpFallbacks of which (partly) closed at market
 * @param tpMakerShare maker share of the quantity filled by TP orders (limits and their market
 *     fallbacks; NaN before a TP fill)
 * @param tpOvershootRate {@code tpFallbacks / tpTranches} (NaN before a tranche)
 * @param tpFallbackSlippageBps the TP market orders' fills against the paper's TP price, bps of it,
 *     positive = worse (NaN before one)
 * @param timeoutLimits timeout exits sent as a limit
 * @param timeoutFallbacks timeout exits whose rest went to market after {@code timeout_grace_ms}
 * @param stopCloses positions closed at market by a stop ({@code sl}, {@code sl_be})
 * @param flipCloses positions closed at market by an opposite signal ({@code signal_flip})
 * @param exitMakerShare maker share of every exit fill's quantity (NaN before an exit fill)
 */
public record FlowLiveExitKpis(
    boolean makerExits,
    long tpLimits,
    long tpLimitsNotPlaced,
    long tpTranches,
    long tpMakerTranches,
    long tpFallbacks,
    double tpMakerShare,
    double tpOvershootRate,
    double tpFallbackSlippageBps,
    long timeoutLimits,
    long timeoutFallbacks,
    long stopCloses,
    long flipCloses,
    double exitMakerShare) {}
