package io.perpetua.trading.registry;

import java.util.Objects;

/**
 * A strategy was activated or deactivated ({@code POST /strategy/{name}/toggle}). Immutable.
 *
 * @param strategy the strategy
 * @param previousStatus its status before
 * @param newStatus its status after
 * @param reason why
 * @param by who
 * @param atMs when (wall clock)
 */
public record StatusChange(
    String strategy, String previousStatus, String newStatus, String reason, String by, long atMs) {
  /** Validates. */
  public StatusChange {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(previousStatus, "previousStatus");
    Objects.requireNonNull(newStatus, "newStatus");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(by, "by");
  }
}
