package io.perpetua.trading.lifecycle;

import java.util.List;
import java.util.Optional;

/**
 * Where versions, lifecycle states and their events are kept (in memory for tests, the platform
 * database in production). A transition is one atomic unit: after a crash either all of it is there
 * or none of it. Thread-safe.
 */
public interface LifecycleStore {
  /** One atomic change: a new version (or null), the new state, and the event explaining it. */
  record Transition(StrategyVersion newVersion, LifecycleState state, LifecycleEvent event) {}

  /** {@code strategy}'s current state, if it has one. */
  Optional<LifecycleState> state(String strategy);

  /** {@code strategy}'s versions, by number. */
  List<StrategyVersion> versions(String strategy);

  /** The version {@code id}. */
  Optional<StrategyVersion> version(String id);

  /** {@code strategy}'s events, oldest first. */
  List<LifecycleEvent> events(String strategy);

  /**
   * Commits {@code t} atomically: inserts its version, replaces the state if the stored one has
   * revision {@code t.state().revision() - 1} (none stored for revision 1), appends the event.
   *
   * @throws LifecycleException CONFLICT when the stored state moved on (nothing written)
   */
  void commit(Transition t);
}
