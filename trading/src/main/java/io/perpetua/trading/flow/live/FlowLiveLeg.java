package io.perpetua.trading.flow.live;

import io.perpetua.core.WireCode;

/** Which part of a paper position a live order executes. */
public enum FlowLiveLeg implements WireCode {
  /** The entry (maker-first when configured, else market). */
  ENTRY,
  /**
   * The TP1 half: a pre-placed reduce-only post-only limit at the TP1 price when exits are
   * maker-first (its market fallback after {@code tp_timeout_ms} is leg TP1 too), else a
   * reduce-only market order when the paper engine hits TP1.
   */
  TP1,
  /** The TP2 half: a pre-placed reduce-only post-only limit at the TP2 price, or its fallback. */
  TP2,
  /** The timeout exit's reduce-only post-only limit at the price (maker-first exits). */
  TIMEOUT,
  /** The close of the rest at market (stop, flip, timeout after its grace, leftovers). */
  EXIT;

  @Override
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
