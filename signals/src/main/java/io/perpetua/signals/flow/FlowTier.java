package io.perpetua.signals.flow;

import io.perpetua.core.WireCode;

/** The size tier of a signal: none (no trade), standard or heavy. */
public enum FlowTier implements WireCode {
  /** Below the entry score or blocked: no trade. */
  NONE,
  /** Entry score up to the heavy score. */
  STANDARD,
  /** At or above the heavy score. */
  HEAVY;

  @Override
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
