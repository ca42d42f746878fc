package io.perpetua.trading.flow;

import io.perpetua.core.WireCode;

/** The lifecycle status of a factory strategy row (never deleted). */
public enum StrategyStatus implements WireCode {
  /** Evaluating and trading. */
  RUNNING,
  /** Not evaluating; open positions are still managed. */
  PAUSED,
  /** Retired; keeps its history and balance and can be restored. */
  DEPRECATED;

  @Override
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
