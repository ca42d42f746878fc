package io.perpetua.market.replay;

import io.perpetua.core.InstrumentId;

/**
 * Receives funding settlements during a replay. Called on the replaying thread; implementations
 * need not be thread-safe.
 */
@FunctionalInterface
public interface FundingListener {
  /** A listener that ignores settlements. */
  FundingListener NONE = (instrument, timeMs, rate) -> {};

  /**
   * {@code instrument} settled funding at {@code timeMs} (epoch ms UTC) at {@code rate} per period
   * (positive: longs pay shorts).
   */
  void onFunding(InstrumentId instrument, long timeMs, double rate);
}
