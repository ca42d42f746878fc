package io.perpetua.server;

import io.perpetua.readmodel.AccountBalance;
import io.perpetua.readmodel.Heartbeat;
import io.perpetua.readmodel.PlatformState;
import io.perpetua.readmodel.PositionsSnapshot;
import io.perpetua.readmodel.SignalSnapshot;
import io.perpetua.readmodel.StageState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link PlatformState} in memory that can be told to fail every read. */
final class InMemoryPlatformState implements PlatformState {
  private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();
  private final Map<String, StageState> stages = new ConcurrentHashMap<>();
  private final List<String> stageOrder = new ArrayList<>();
  private volatile AccountBalance balance;
  private volatile PositionsSnapshot positions;
  private volatile SignalSnapshot signal;
  private volatile RuntimeException failure;

  /** Every read throws {@code e} until {@link #recover()}. */
  void failWith(RuntimeException e) {
    failure = e;
  }

  void recover() {
    failure = null;
  }

  private void check() {
    RuntimeException e = failure;
    if (e != null) {
      throw e;
    }
  }

  @Override
  public void putHeartbeat(Heartbeat heartbeat) {
    heartbeats.put(heartbeat.service(), heartbeat);
  }

  @Override
  public List<Heartbeat> heartbeats() {
    check();
    return heartbeats.values().stream().sorted(Comparator.comparing(Heartbeat::service)).toList();
  }

  @Override
  public synchronized void putStage(StageState stage) {
    if (stages.put(stage.name(), stage) == null) {
      stageOrder.add(stage.name());
    }
  }

  @Override
  public synchronized List<StageState> stages() {
    check();
    return stageOrder.stream().map(stages::get).toList();
  }

  @Override
  public void putBalance(AccountBalance value) {
    balance = value;
  }

  @Override
  public Optional<AccountBalance> balance() {
    check();
    return Optional.ofNullable(balance);
  }

  @Override
  public void putPositions(PositionsSnapshot value) {
    positions = value;
  }

  @Override
  public Optional<PositionsSnapshot> positions() {
    check();
    return Optional.ofNullable(positions);
  }

  @Override
  public void putSignal(SignalSnapshot value) {
    signal = value;
  }

  @Override
  public Optional<SignalSnapshot> latestSignal() {
    check();
    return Optional.ofNullable(signal);
  }
}
