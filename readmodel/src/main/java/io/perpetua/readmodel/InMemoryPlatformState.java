package io.perpetua.readmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A process-local {@link PlatformState} for backtests and tests. Thread-safe. (The platform uses
 * the cache-backed implementation in the store module.)
 */
public final class InMemoryPlatformState implements PlatformState {
  private static final List<String> ORDER =
      List.of(
          "data_ingestion",
          "asset_pool",
          "feature_calculation",
          "signal_generation",
          "order_execution");
  private final Map<String, Heartbeat> heartbeats = new ConcurrentSkipListMap<>();
  private final Map<String, StageState> stages = new ConcurrentSkipListMap<>();
  private volatile AccountBalance balance;
  private volatile PositionsSnapshot positions;
  private volatile SignalSnapshot signal;
  private final java.util.Map<String, PoolSnapshot> pools =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public void putHeartbeat(Heartbeat heartbeat) {
    heartbeats.put(heartbeat.service(), heartbeat);
  }

  @Override
  public List<Heartbeat> heartbeats() {
    return List.copyOf(heartbeats.values());
  }

  @Override
  public void putStage(StageState stage) {
    stages.put(stage.name(), stage);
  }

  @Override
  public List<StageState> stages() {
    List<StageState> out = new ArrayList<>(stages.values());
    out.sort(
        (a, b) -> {
          int ia = ORDER.indexOf(a.name());
          int ib = ORDER.indexOf(b.name());
          ia = ia < 0 ? ORDER.size() : ia;
          ib = ib < 0 ? ORDER.size() : ib;
          return ia != ib ? Integer.compare(ia, ib) : a.name().compareTo(b.name());
        });
    return out;
  }

  @Override
  public void putBalance(AccountBalance b) {
    this.balance = b;
  }

  @Override
  public Optional<AccountBalance> balance() {
    return Optional.ofNullable(balance);
  }

  @Override
  public void putPositions(PositionsSnapshot p) {
    this.positions = p;
  }

  @Override
  public Optional<PositionsSnapshot> positions() {
    return Optional.ofNullable(positions);
  }

  @Override
  public void putSignal(SignalSnapshot s) {
    this.signal = s;
  }

  @Override
  public Optional<SignalSnapshot> latestSignal() {
    return Optional.ofNullable(signal);
  }

  @Override
  public void putPool(PoolSnapshot pool) {
    pools.put(pool.poolName(), pool);
  }

  @Override
  public Optional<PoolSnapshot> pool(String name) {
    return Optional.ofNullable(pools.get(name));
  }
}
