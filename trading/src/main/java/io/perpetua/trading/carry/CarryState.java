package io.perpetua.trading.carry;

import io.perpetua.core.WireCode;

/** The states of a funding carry (spec §7). */
public enum CarryState implements WireCode {
  /** No position, nothing working. */
  IDLE("idle"),
  /** Both legs being opened (after start + confirm). */
  OPENING("opening"),
  /** Both legs filled, hedge deviation within the limit; funding is collected. */
  HOLDING("holding"),
  /** Both legs being closed (after close + confirm). */
  CLOSING("closing"),
  /** Stopped by a hard trigger; only a human returns it to {@link #IDLE}. */
  HALTED("halted");

  private final String code;

  CarryState(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  /** Parses a code (case-insensitive). */
  public static CarryState parse(String code) {
    return WireCode.parse(CarryState.class, "carry state", code);
  }
}
