package io.perpetua.trading.flow.live;

import io.perpetua.core.WireCode;

/** Which part of a paper position a live order executes. */
public enum FlowLiveLeg implements WireCode {
  /** The entry (maker-first when configured, else market). */
  ENTRY,
  /** The TP1 partial close (reduce-only market). */
  TP1,
  /** The close of the rest (reduce-only market). */
  EXIT;

  @Override
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
