package io.perpetua.core.order;

import io.perpetua.core.WireCode;

/** The direction of a position or target. */
public enum PositionSide implements WireCode {
  /** Long. */
  LONG,
  /** Short. */
  SHORT;

  @Override
  public String code() {
    return this == LONG ? "long" : "short";
  }

  /** The side of a signed quantity or weight (zero is not a side). */
  public static PositionSide of(double signed) {
    if (signed == 0) {
      throw new IllegalArgumentException("zero has no side");
    }
    return signed > 0 ? LONG : SHORT;
  }

  /** Parses {@code long} / {@code short}. */
  public static PositionSide parse(String code) {
    return WireCode.parse(PositionSide.class, "side", code);
  }
}
