package io.perpetua.auth.approval;

import io.perpetua.auth.Role;

/**
 * An action that needs a second person (four-eyes): risk limit changes, lifting an emergency stop,
 * and later promotion to prod, carry dry-run to real, enabling a hot coin. A feature plugs in by
 * registering one with {@link FourEyes#register}: the request is checked when made ({@link
 * #check}), and carried out with the approver's name only after approval ({@link #execute}).
 * Implementations are thread-safe.
 */
public interface ApprovalAction {
  /** The stable name, dotted, e.g. {@code risk.limits.update}. */
  String name();

  /** The role the requester and the approver need. */
  Role role();

  /**
   * Validates {@code payload} when the request is made and returns the state it would change (JSON
   * text, for the record), or null.
   *
   * @throws IllegalArgumentException when the payload is not acceptable (the message names the
   *     field)
   */
  String check(String payload);

  /**
   * Carries the action out.
   *
   * @param payload the request's payload
   * @param approver who approved it
   * @return the resulting state (JSON text, for the record)
   */
  String execute(String payload, String approver);
}
