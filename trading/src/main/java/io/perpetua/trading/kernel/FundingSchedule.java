package io.perpetua.trading.kernel;

/** Funding settlements to apply during a replay. Implementations are read-only and thread-safe. */
public interface FundingSchedule {
  /** Receives one settlement. */
  interface Sink {
    /** Instrument {@code index} settles at {@code timeMs} with {@code rate}. */
    void settle(int index, long timeMs, double rate);
  }

  /** Delivers settlements with time in {@code (fromExclusive, toInclusive]}, in time order. */
  void forEach(long fromExclusive, long toInclusive, Sink sink);

  /** No funding. */
  static FundingSchedule none() {
    return (from, to, sink) -> {};
  }
}
