package io.perpetua.trading.flow;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link FlowStateStore} in memory (tests, embedded runs). Thread-safe. */
public final class InMemoryFlowStateStore implements FlowStateStore {
  private final Map<String, FlowSnapshot> snapshots = new ConcurrentHashMap<>();

  @Override
  public void save(FlowSnapshot snapshot) {
    snapshots.put(snapshot.engineInstance(), snapshot);
  }

  @Override
  public Optional<FlowSnapshot> load(String engineInstance) {
    return Optional.ofNullable(snapshots.get(engineInstance));
  }
}
