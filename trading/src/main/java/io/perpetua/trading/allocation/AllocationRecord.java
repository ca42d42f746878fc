package io.perpetua.trading.allocation;

import java.util.Objects;

/**
 * A stored allocation step (allocation history).
 *
 * @param id its sequence number (increasing)
 * @param trigger what ran it ({@code api}, {@code orchestrator}, ...)
 * @param actor who ran it (a user, or {@code system:<component>})
 * @param step the step
 */
public record AllocationRecord(long id, String trigger, String actor, AllocationStep step) {
  /** Validates. */
  public AllocationRecord {
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(step, "step");
  }
}
