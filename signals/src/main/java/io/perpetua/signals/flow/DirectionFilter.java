package io.perpetua.signals.flow;

import io.perpetua.core.WireCode;

/** Which directions a strategy may open. */
public enum DirectionFilter implements WireCode {
  /** Longs only. */
  LONG_ONLY("long_only"),
  /** Shorts only. */
  SHORT_ONLY("short_only"),
  /** Both. */
  BOTH("both");

  private final String code;

  DirectionFilter(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  /** True when {@code d} may be opened. */
  public boolean allows(FlowDirection d) {
    return d != FlowDirection.NONE
        && (this == BOTH || (this == LONG_ONLY) == (d == FlowDirection.LONG));
  }

  /** Parses {@code long_only} / {@code short_only} / {@code both}. */
  public static DirectionFilter parse(String code) {
    return WireCode.parse(DirectionFilter.class, "direction", code);
  }
}
