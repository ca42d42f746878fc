package io.perpetua.market.tick;

import io.perpetua.core.FixedPoint;
import io.perpetua.core.InstrumentId;
import java.util.function.Consumer;

/**
 * Streams single trades into aggregated trades: consecutive trades with the same taker side, the
 * same price and the same timestamp (microsecond resolution) merge into one {@link AggTrade} whose
 * id is the first trade's id and whose quantity is the exact (fixed-point, 1e-8) sum.
 *
 * <p>Not thread-safe; allocation happens only when an aggregate is emitted. Call {@link #flush()}
 * after the last trade.
 */
public final class AggTradeAggregator {
  /** Decimals kept for quantities while summing (exact sums of exchange quantities). */
  public static final int QUANTITY_SCALE = 8;

  private final Consumer<AggTrade> sink;
  private InstrumentId instrument;
  private boolean open;
  private long firstId;
  private long lastId;
  private long timeMicros;
  private double price;
  private boolean buyerMaker;
  private long quantityRaw;
  private long trades;
  private long aggregates;

  /** Emits every completed aggregate to {@code sink}. */
  public AggTradeAggregator(Consumer<AggTrade> sink) {
    this.sink = sink;
  }

  /**
   * Adds one trade. Trade ids must increase.
   *
   * @param instrument the instrument
   * @param tradeId the trade id
   * @param timeMicros the trade time, epoch microseconds
   * @param price the price
   * @param quantityRaw the quantity in units of 1e-8 (see {@link #QUANTITY_SCALE})
   * @param takerBuy true when the taker bought
   */
  public void add(
      InstrumentId instrument,
      long tradeId,
      long timeMicros,
      double price,
      long quantityRaw,
      boolean takerBuy) {
    if (quantityRaw <= 0) {
      throw new IllegalArgumentException("trade " + tradeId + ": quantity must be positive");
    }
    if (open && tradeId <= lastId && instrument.equals(this.instrument)) {
      throw new IllegalArgumentException(
          "trade ids must increase: " + tradeId + " after " + lastId);
    }
    trades++;
    boolean same =
        open
            && instrument.equals(this.instrument)
            && timeMicros == this.timeMicros
            && price == this.price
            && buyerMaker == !takerBuy;
    if (same) {
      quantityRaw = Math.addExact(this.quantityRaw, quantityRaw);
      this.quantityRaw = quantityRaw;
      this.lastId = tradeId;
      return;
    }
    flush();
    this.instrument = instrument;
    this.firstId = tradeId;
    this.lastId = tradeId;
    this.timeMicros = timeMicros;
    this.price = price;
    this.buyerMaker = !takerBuy;
    this.quantityRaw = quantityRaw;
    this.open = true;
  }

  /** Emits the aggregate in progress, if any. */
  public void flush() {
    if (!open) {
      return;
    }
    open = false;
    aggregates++;
    sink.accept(
        new AggTrade(
            instrument,
            firstId,
            Math.floorDiv(timeMicros, 1000),
            price,
            FixedPoint.toDouble(quantityRaw, QUANTITY_SCALE),
            buyerMaker));
  }

  /** Single trades added so far. */
  public long trades() {
    return trades;
  }

  /** Aggregates emitted so far. */
  public long aggregates() {
    return aggregates;
  }
}
