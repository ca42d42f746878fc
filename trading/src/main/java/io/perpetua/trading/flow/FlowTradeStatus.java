package io.perpetua.trading.flow;

import io.perpetua.core.WireCode;

/** The status of an order-flow trade (spec §4). */
public enum FlowTradeStatus implements WireCode {
  /** Open, nothing closed yet. */
  ACTIVE("active"),
  /** Half closed at TP1, stop at break-even plus fees. */
  TP1_HIT("tp1_hit"),
  /** The rest closed at TP2. */
  TP("tp"),
  /** Stopped out before TP1. */
  SL("sl"),
  /** Stopped out at break-even after TP1. */
  SL_BE("sl_be"),
  /** Closed after the maximum holding time. */
  TIMEOUT("timeout"),
  /** Closed by an opposite signal at or above the flip threshold. */
  SIGNAL_FLIP("signal_flip");

  private final String code;

  FlowTradeStatus(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  /** True when the trade is closed (status not active / tp1_hit). */
  public boolean closed() {
    return this != ACTIVE && this != TP1_HIT;
  }

  /** Parses a status code. */
  public static FlowTradeStatus parse(String code) {
    return WireCode.parse(FlowTradeStatus.class, "status", code);
  }
}
