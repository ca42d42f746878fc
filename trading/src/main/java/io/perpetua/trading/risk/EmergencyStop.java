package io.perpetua.trading.risk;

import java.util.Objects;

/**
 * The global emergency stop as last set by an operator. While {@code active} no order and no
 * rebalance proceeds; it is lifted only by an explicit release.
 *
 * @param active whether trading is stopped
 * @param reason why it was triggered (or released)
 * @param operator who triggered (or released) it
 * @param changedAtMs when (wall clock)
 */
public record EmergencyStop(boolean active, String reason, String operator, long changedAtMs) {
  /** Validates. */
  public EmergencyStop {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(operator, "operator");
  }
}
