package io.perpetua.auth.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link UserStore} in memory, for tests. Thread-safe (synchronized). */
public final class InMemoryUserStore implements UserStore {
  private final Map<String, User> users = new TreeMap<>();

  @Override
  public synchronized boolean insert(User user) {
    return users.putIfAbsent(user.username(), user) == null;
  }

  @Override
  public synchronized Optional<User> find(String username) {
    return Optional.ofNullable(users.get(username));
  }

  @Override
  public synchronized void update(User user) {
    users.computeIfPresent(user.username(), (k, v) -> user);
  }

  @Override
  public synchronized List<User> list() {
    return new ArrayList<>(users.values());
  }
}
