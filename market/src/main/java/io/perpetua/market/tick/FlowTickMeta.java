package io.perpetua.market.tick;

import io.perpetua.core.InstrumentId;
import java.math.BigDecimal;

/**
 * What is stored of one symbol's live order-flow ticks (spec §1 "per-symbol meta"): its tick size,
 * the first and last stored aggregate-trade id (the catch-up point after a restart) and the first
 * and last event time of any stored tick.
 *
 * <p>Immutable.
 *
 * @param instrument the instrument
 * @param tickSize the venue's price increment, or null when it was not known
 * @param firstAggId the lowest stored agg id, {@value #NONE} before the first trade
 * @param lastAggId the highest stored agg id, {@value #NONE} before the first trade
 * @param firstTimeMs the earliest stored event time, epoch ms ({@value #NONE} before any tick)
 * @param lastTimeMs the latest stored event time, epoch ms ({@value #NONE} before any tick)
 */
public record FlowTickMeta(
    InstrumentId instrument,
    BigDecimal tickSize,
    long firstAggId,
    long lastAggId,
    long firstTimeMs,
    long lastTimeMs) {
  /** No id or time yet. */
  public static final long NONE = -1;

  /** Validates the fields. */
  public FlowTickMeta {
    Ticks.requireInstrument(instrument);
    if (tickSize != null && tickSize.signum() <= 0) {
      throw new IllegalArgumentException("tickSize must be positive: " + tickSize);
    }
    if ((firstAggId == NONE) != (lastAggId == NONE) || firstAggId > lastAggId) {
      throw new IllegalArgumentException("agg ids must be both set, first <= last");
    }
  }

  /** The meta of a symbol with nothing stored yet. */
  public static FlowTickMeta empty(InstrumentId instrument, BigDecimal tickSize) {
    return new FlowTickMeta(instrument, tickSize, NONE, NONE, NONE, NONE);
  }

  /** True when a trade is stored. */
  public boolean hasTrades() {
    return lastAggId != NONE;
  }

  /** This meta with {@code tick} counted in. */
  public FlowTickMeta with(FlowTick tick) {
    long first = firstAggId;
    long last = lastAggId;
    if (tick instanceof AggTrade a) {
      first = first == NONE ? a.aggId() : Math.min(first, a.aggId());
      last = last == NONE ? a.aggId() : Math.max(last, a.aggId());
    }
    long t = tick.timeMs();
    return new FlowTickMeta(
        instrument,
        tickSize,
        first,
        last,
        firstTimeMs == NONE ? t : Math.min(firstTimeMs, t),
        lastTimeMs == NONE ? t : Math.max(lastTimeMs, t));
  }

  /** This meta with another tick size (kept when {@code size} is null). */
  public FlowTickMeta withTickSize(BigDecimal size) {
    return size == null
        ? this
        : new FlowTickMeta(instrument, size, firstAggId, lastAggId, firstTimeMs, lastTimeMs);
  }
}
