package io.perpetua.trading.flow.live;

import io.perpetua.core.ClientOrderId;
import java.math.BigDecimal;

/**
 * One exit limit of a mirrored position (TP1, TP2 or the timeout exit): what it is meant to close,
 * the order resting for it, and what the paper engine said about its level. Guarded by the
 * executor's lock.
 */
final class RestingLeg {
  final FlowLiveLeg leg;

  /** The quantity this leg closes (TP1/TP2: its half of the entry's fills, set once planned). */
  BigDecimal planned = BigDecimal.ZERO;

  /** The paper level (TP price); NaN for the timeout exit. */
  double level = Double.NaN;

  /** The limit sent for it (null: none, see {@link #note}). */
  ClientOrderId limitId;

  /** Why no limit rests for it (below the minimum, price beyond the level, refused), or null. */
  String note;

  /** The paper engine reached the level (TP1/TP2), or the limit was placed (timeout exit). */
  boolean hit;

  boolean timerStarted;

  /** {@code tp_timeout_ms} (or {@code timeout_grace_ms}) elapsed since {@link #hit}. */
  boolean expired;

  boolean cancelRequested;

  RestingLeg(FlowLiveLeg leg) {
    this.leg = leg;
  }
}
