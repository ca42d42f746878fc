package io.perpetua.readmodel;

import java.util.List;

/**
 * The latest signal of a strategy and the target positions derived from it ({@code
 * quant:signal:latest}).
 *
 * @param strategyName strategy id
 * @param signalTimeMs kernel time the signal was computed
 * @param signals every symbol with a signal, ranked
 * @param targets the selected target positions
 * @param symbolsInPool size of the asset pool used
 */
public record SignalSnapshot(
    String strategyName,
    long signalTimeMs,
    List<SymbolSignal> signals,
    List<TargetPosition> targets,
    int symbolsInPool) {
  /** Copies the lists. */
  public SignalSnapshot {
    signals = List.copyOf(signals);
    targets = List.copyOf(targets);
  }
}
