package io.perpetua.trading.flow.live;

import io.perpetua.core.WireCode;

/** Where a live order of the order-flow executor stands. */
public enum FlowLiveOrderStatus implements WireCode {
  /** Sent to the venue, not acknowledged yet. */
  SUBMITTED,
  /** Acknowledged by the venue, not (completely) filled. */
  WORKING,
  /** Completely filled. */
  FILLED,
  /** Ended without filling completely (the filled part, if any, stands). */
  CANCELLED,
  /** Refused by the venue (or never received by it). */
  REJECTED,
  /** Refused by the risk guard: never sent. */
  RISK_REJECTED,
  /** Not sent: nothing valid to send (below the venue's step or minimum notional, not listed). */
  SKIPPED;

  @Override
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** True when nothing more can happen to the order. */
  public boolean terminal() {
    return this != SUBMITTED && this != WORKING;
  }

  /** True when the order reached (or was meant to reach) the venue. */
  public boolean sent() {
    return this != RISK_REJECTED && this != SKIPPED;
  }
}
