package io.perpetua.trading.risk;

import java.util.Objects;

/**
 * Something the risk layer did or saw, kept for the audit trail: a breaker trip, a halt, a forced
 * close, an operator action, a blocked rebalance.
 *
 * @param timeMs when (kernel time for kernel events, wall time for operator actions)
 * @param kind e.g. {@code breaker_tripped}, {@code emergency_stop}, {@code symbol_disabled}, {@code
 *     rebalance_blocked}, {@code forced_close}, {@code resumed}
 * @param rule the rule involved, or null
 * @param symbol the symbol involved, or null
 * @param detail free text
 */
public record RiskEvent(long timeMs, String kind, String rule, String symbol, String detail) {
  /** Validates. */
  public RiskEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }
}
