package io.perpetua.trading.flow;

import java.util.Optional;

/**
 * Port: where a {@link FlowEngine} keeps its restart state. The engine saves a {@link FlowSnapshot}
 * whenever its owner asks (e.g. after each batch of ticks, or on every trade event); after a
 * restart the owner warms the engine up from stored market history and restores the latest
 * snapshot. Implementations: {@link InMemoryFlowStateStore}; a database adapter (in {@code store})
 * upserts the snapshot keyed by engine instance.
 */
public interface FlowStateStore {
  /** Saves (replaces) the snapshot of its engine instance. */
  void save(FlowSnapshot snapshot);

  /** The latest snapshot of {@code engineInstance}, if any. */
  Optional<FlowSnapshot> load(String engineInstance);
}
