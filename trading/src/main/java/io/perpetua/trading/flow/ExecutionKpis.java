package io.perpetua.trading.flow;

/**
 * Execution KPIs of the §4.1 bracket orders, accumulated by a {@link KernelFlowStrategy} from the
 * kernel's fills: maker ratio at entry (target ≥ 50 %) and at TP (≥ 80 %), average friction (fees +
 * slippage) per trade in R (≤ 0.15R), entry-timeout rate (≤ 30 %), TP overshoot = share of TP
 * tranches that fell back to market (≤ 20 %), and flip closes per closed trade (≤ 1 per position).
 *
 * <p>Mutable, not thread-safe.
 */
public final class ExecutionKpis {
  private long entries;
  private double entryQty;
  private double entryMakerQty;
  private long entryTimeouts;
  private long entriesCancelled;
  private long tpFills;
  private long tpMakerFills;
  private long closed;
  private long flips;
  private double frictionR;

  void entry(double quantity, double makerQuantity, boolean timedOut) {
    entries++;
    entryQty += quantity;
    entryMakerQty += makerQuantity;
    entryTimeouts += timedOut ? 1 : 0;
  }

  void entryCancelled() {
    entries++;
    entryTimeouts++;
    entriesCancelled++;
  }

  void closed(ClosedFlowTrade trade, int takeProfitFills, int takeProfitMakerFills) {
    closed++;
    frictionR += trade.frictionR();
    flips += trade.status() == FlowTradeStatus.SIGNAL_FLIP ? 1 : 0;
    tpFills += takeProfitFills;
    tpMakerFills += takeProfitMakerFills;
  }

  /** Entries attempted (filled or cancelled). */
  public long entries() {
    return entries;
  }

  /** Entries cancelled without any fill. */
  public long entriesCancelled() {
    return entriesCancelled;
  }

  /** Maker share of entered quantity (NaN without entries). */
  public double entryMakerRatio() {
    return entryQty > 0 ? entryMakerQty / entryQty : Double.NaN;
  }

  /** Maker share of TP tranches (NaN without TP fills). */
  public double tpMakerRatio() {
    return tpFills > 0 ? (double) tpMakerFills / tpFills : Double.NaN;
  }

  /** Share of TP tranches closed at market after the TP timeout (NaN without TP fills). */
  public double tpOvershootRate() {
    return tpFills > 0 ? 1.0 - (double) tpMakerFills / tpFills : Double.NaN;
  }

  /** Share of entries that reached their timeout before a full maker fill. */
  public double entryTimeoutRate() {
    return entries > 0 ? (double) entryTimeouts / entries : Double.NaN;
  }

  /** Average friction per closed trade in R. */
  public double averageFrictionR() {
    return closed > 0 ? frictionR / closed : Double.NaN;
  }

  /** Flip closes per closed trade. */
  public double flipsPerTrade() {
    return closed > 0 ? (double) flips / closed : Double.NaN;
  }

  /** Closed trades. */
  public long closedTrades() {
    return closed;
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "entries=%d makerAtEntry=%.2f makerAtTp=%.2f friction=%.3fR entryTimeouts=%.2f"
            + " tpOvershoot=%.2f flips/trade=%.2f",
        entries,
        entryMakerRatio(),
        tpMakerRatio(),
        averageFrictionR(),
        entryTimeoutRate(),
        tpOvershootRate(),
        flipsPerTrade());
  }
}
