package io.perpetua.market.tick;

import io.perpetua.core.InstrumentId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Storage of the raw live order-flow ticks (spec §1): trades keyed by (symbol, agg id) — a trade
 * stored twice is kept once — the other kinds by time, and the per-symbol {@link FlowTickMeta}.
 * Implementations are thread-safe.
 */
public interface FlowTickStore {

  /**
   * Stores {@code ticks} and replaces the meta of the symbols in {@code meta}, in one transaction:
   * after a crash either both are stored or neither is.
   */
  void append(List<FlowTick> ticks, Collection<FlowTickMeta> meta);

  /** The stored meta of every symbol. */
  Map<InstrumentId, FlowTickMeta> meta();

  /**
   * The stored ticks of {@code instrument} with event time in {@code [fromMs, toMs]}, in time order
   * (trades by agg id within a millisecond), at most {@code limit}.
   */
  List<FlowTick> ticks(InstrumentId instrument, long fromMs, long toMs, int limit);
}
