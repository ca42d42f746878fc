package io.perpetua.trading.venue;

/**
 * What maker-first execution achieved so far ({@link MakerFirstVenue#kpis()}). Every entry that has
 * ended is counted once in {@code makerOnly}, {@code fallbacks} or {@code keptPartial}.
 *
 * <p>Immutable snapshot.
 *
 * @param entries market orders turned into a post-only entry
 * @param makerOnly entries filled entirely by their limit (no fallback)
 * @param timeouts entries whose limit was cancelled at {@code entry_timeout_ms}
 * @param fallbacks entries whose remainder was sent at market
 * @param keptPartial entries that kept only their filled part (the price had moved too far, or the
 *     kernel cancelled them)
 * @param makerNotional notional filled as maker
 * @param takerNotional notional filled as taker
 * @param fees fees paid (negative: rebates)
 * @param slippage cost of fill prices against the entry's reference price (positive: worse)
 */
public record MakerFirstKpis(
    long entries,
    long makerOnly,
    long timeouts,
    long fallbacks,
    long keptPartial,
    double makerNotional,
    double takerNotional,
    double fees,
    double slippage) {

  /** Maker share of the filled notional (0 when nothing filled). */
  public double makerRatio() {
    double total = makerNotional + takerNotional;
    return total > 0 ? makerNotional / total : 0;
  }

  /** Share of entries that fell back to market (0 without entries). */
  public double fallbackRate() {
    return entries > 0 ? (double) fallbacks / entries : 0;
  }

  /** Share of entries that timed out (0 without entries). */
  public double timeoutRate() {
    return entries > 0 ? (double) timeouts / entries : 0;
  }

  /** Friction (fees + slippage) in basis points of the filled notional (0 when nothing filled). */
  public double frictionBps() {
    double total = makerNotional + takerNotional;
    return total > 0 ? (fees + slippage) / total * 1e4 : 0;
  }
}
