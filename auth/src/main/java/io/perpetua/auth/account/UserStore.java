package io.perpetua.auth.account;

import java.util.List;
import java.util.Optional;

/** The user accounts (a port: in memory for tests, JDBC in the platform). Thread-safe. */
public interface UserStore {
  /**
   * Stores a new user.
   *
   * @return false if the user name is taken
   */
  boolean insert(User user);

  /** The user. */
  Optional<User> find(String username);

  /** Replaces the stored user of the same name (no-op when absent). */
  void update(User user);

  /** Every user, by name. */
  List<User> list();
}
