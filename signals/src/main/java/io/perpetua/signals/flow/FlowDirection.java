package io.perpetua.signals.flow;

import io.perpetua.core.WireCode;

/** The side a flow signal points to. */
public enum FlowDirection implements WireCode {
  /** Long. */
  LONG,
  /** Short. */
  SHORT,
  /** No direction. */
  NONE;

  @Override
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** +1 long, −1 short, 0 none. */
  public int sign() {
    return this == LONG ? 1 : this == SHORT ? -1 : 0;
  }

  /** The opposite side (NONE stays NONE). */
  public FlowDirection opposite() {
    return this == LONG ? SHORT : this == SHORT ? LONG : NONE;
  }

  /** LONG for a positive value, SHORT for a negative one, NONE for zero or NaN. */
  public static FlowDirection ofSign(double value) {
    return value > 0 ? LONG : value < 0 ? SHORT : NONE;
  }

  /** Parses {@code long} / {@code short} / {@code none}. */
  public static FlowDirection parse(String code) {
    return WireCode.parse(FlowDirection.class, "direction", code);
  }
}
