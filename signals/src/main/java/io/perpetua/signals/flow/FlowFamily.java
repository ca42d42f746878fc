package io.perpetua.signals.flow;

import io.perpetua.core.WireCode;

/** A scoring family of the order-flow engine (spec §3). */
public enum FlowFamily implements WireCode {
  /** Five layers, no gates (§3.1). */
  V51_BASELINE("v51_baseline"),
  /** Seven layers with funding and liquidations (§3.2). */
  V52_8SIGNALS("v52_8signals"),
  /** Gated four layers (§3.3). */
  V53("v53"),
  /** A user-defined strategy: v53 gates and layers scaled into the user's weights (§3.4). */
  FACTORY("factory");

  private final String code;

  FlowFamily(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  /** Parses a family code. */
  public static FlowFamily parse(String code) {
    return WireCode.parse(FlowFamily.class, "family", code);
  }
}
