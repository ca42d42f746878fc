package io.perpetua.trading.lifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link LifecycleStore} in memory (tests, runs without a database). Thread-safe. */
public final class InMemoryLifecycleStore implements LifecycleStore {
  private final Map<String, LifecycleState> states = new HashMap<>();
  private final Map<String, StrategyVersion> versions = new HashMap<>();
  private final List<LifecycleEvent> events = new ArrayList<>();

  @Override
  public synchronized Optional<LifecycleState> state(String strategy) {
    return Optional.ofNullable(states.get(strategy));
  }

  @Override
  public synchronized List<StrategyVersion> versions(String strategy) {
    return versions.values().stream()
        .filter(v -> v.strategy().equals(strategy))
        .sorted(java.util.Comparator.comparingInt(StrategyVersion::number))
        .toList();
  }

  @Override
  public synchronized Optional<StrategyVersion> version(String id) {
    return Optional.ofNullable(versions.get(id));
  }

  @Override
  public synchronized List<LifecycleEvent> events(String strategy) {
    return events.stream().filter(e -> e.strategy().equals(strategy)).toList();
  }

  @Override
  public synchronized void commit(Transition t) {
    LifecycleState current = states.get(t.state().strategy());
    long stored = current == null ? 0 : current.revision();
    if (stored != t.state().revision() - 1) {
      throw new LifecycleException(
          LifecycleException.Kind.CONFLICT,
          "The lifecycle of " + t.state().strategy() + " changed meanwhile; retry");
    }
    if (t.newVersion() != null && versions.containsKey(t.newVersion().id())) {
      throw new LifecycleException(
          LifecycleException.Kind.CONFLICT, "Version " + t.newVersion().id() + " exists");
    }
    if (t.newVersion() != null) {
      versions.put(t.newVersion().id(), t.newVersion());
    }
    states.put(t.state().strategy(), t.state());
    events.add(t.event());
  }
}
