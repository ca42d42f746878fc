package io.perpetua.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Invite codes (a port: in memory for tests, JDBC in the platform). Thread-safe. */
public interface InviteStore {
  /** Stores a new invite. */
  void insert(InviteCode invite);

  /** The invite. */
  Optional<InviteCode> find(String code);

  /** Every invite, oldest first. */
  List<InviteCode> list();

  /**
   * Atomically counts one use of {@code code} if it is active at {@code now}.
   *
   * @return false if it is unknown, disabled, expired or used up
   */
  boolean consume(String code, Instant now);

  /**
   * Disables {@code code}.
   *
   * @return false if there is no such invite
   */
  boolean disable(String code);
}
