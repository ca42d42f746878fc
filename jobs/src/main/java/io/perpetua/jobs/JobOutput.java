package io.perpetua.jobs;

import java.util.List;
import java.util.Objects;

/**
 * The bulky part of a finished job's result: its equity curve and closed trades. Purged after the
 * retention period (the metrics stay with the {@link BacktestJob}). Immutable (the curve's arrays
 * are owned by it and must not be modified).
 *
 * @param equity equity at every bar close
 * @param trades closed round trips
 */
public record JobOutput(EquityCurve equity, List<TradeRecord> trades) {
  /** Copies the trades. */
  public JobOutput {
    Objects.requireNonNull(equity, "equity");
    trades = List.copyOf(trades);
  }
}
