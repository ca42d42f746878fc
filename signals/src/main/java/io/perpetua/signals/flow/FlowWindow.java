package io.perpetua.signals.flow;

import io.perpetua.core.WireCode;

/** A trade-window length of the rolling order-flow state (spec §2), with its wire code. */
public enum FlowWindow implements WireCode {
  /** 5 minutes. */
  M5("5m", 300_000L),
  /** 15 minutes. */
  M15("15m", 900_000L),
  /** 30 minutes. */
  M30("30m", 1_800_000L),
  /** 1 hour. */
  H1("1h", 3_600_000L),
  /** 4 hours. */
  H4("4h", 14_400_000L),
  /** 24 hours. */
  H24("24h", 86_400_000L);

  private final String code;
  private final long millis;

  FlowWindow(String code, long millis) {
    this.code = code;
    this.millis = millis;
  }

  @Override
  public String code() {
    return code;
  }

  /** The length in milliseconds. */
  public long millis() {
    return millis;
  }

  /** Parses {@code 5m}, {@code 15m}, {@code 30m}, {@code 1h}, {@code 4h} or {@code 24h}. */
  public static FlowWindow parse(String code) {
    return WireCode.parse(FlowWindow.class, "window", code);
  }
}
