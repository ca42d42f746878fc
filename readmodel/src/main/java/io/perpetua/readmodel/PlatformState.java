package io.perpetua.readmodel;

import java.util.List;
import java.util.Optional;

/**
 * The current state the platform publishes for the API and dashboards: heartbeats, pipeline stages,
 * account and signals. Written by the kernel's pipeline services, read by the HTTP API.
 *
 * <p>The production implementation keeps it in the {@link io.perpetua.trading.port.StateCache}
 * under the {@code quant:*} keys of the platform spec, so any process sharing the cache (Redis)
 * sees it. Implementations are thread-safe.
 */
public interface PlatformState {
  /** Records a service heartbeat. */
  void putHeartbeat(Heartbeat heartbeat);

  /** Heartbeats of all services, ordered by service name. */
  List<Heartbeat> heartbeats();

  /** Records a pipeline stage's state. */
  void putStage(StageState stage);

  /** All stages, in pipeline order when known. */
  List<StageState> stages();

  /** Records the account balance. */
  void putBalance(AccountBalance balance);

  /** The latest balance. */
  Optional<AccountBalance> balance();

  /** Records the open positions. */
  void putPositions(PositionsSnapshot positions);

  /** The latest positions. */
  Optional<PositionsSnapshot> positions();

  /** Records the latest signal and targets. */
  void putSignal(SignalSnapshot signal);

  /** The latest signal. */
  Optional<SignalSnapshot> latestSignal();

  /** Records an asset pool's latest selection. The default keeps nothing. */
  default void putPool(PoolSnapshot pool) {}

  /** The latest selection of pool {@code name}, if one was published. */
  default Optional<PoolSnapshot> pool(String name) {
    return Optional.empty();
  }
}
