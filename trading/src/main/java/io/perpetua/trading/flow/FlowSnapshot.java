package io.perpetua.trading.flow;

import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.CvdMomentum;
import java.util.List;

/**
 * Everything a {@link FlowEngine} needs to continue after a restart besides its configuration and
 * the market history it re-reads to warm up: open positions, resting maker entries, cooldowns,
 * balances, pending labels and each strategy's schedule and CVD momentum.
 *
 * <p>Immutable (lists are copied).
 *
 * @param engineInstance the engine instance
 * @param timeMs the engine time of the snapshot
 * @param strategies per strategy and symbol: next evaluation, momentum, paused flag
 * @param positions open positions
 * @param pendingEntries maker entries still resting
 * @param cooldowns last entry per strategy and symbol
 * @param balances current balance per strategy
 * @param labels pending labels
 * @param labelBars the labels' open one-second bars
 */
public record FlowSnapshot(
    String engineInstance,
    long timeMs,
    List<StrategySlot> strategies,
    List<PositionSnapshot> positions,
    List<PendingEntrySnapshot> pendingEntries,
    List<Cooldown> cooldowns,
    List<Balance> balances,
    List<LabelSnapshot> labels,
    List<LabelBar> labelBars) {

  /** Validates and copies. */
  public FlowSnapshot {
    if (engineInstance == null || engineInstance.isBlank()) {
      throw new IllegalArgumentException("engine instance is required");
    }
    strategies = List.copyOf(strategies);
    positions = List.copyOf(positions);
    pendingEntries = List.copyOf(pendingEntries);
    cooldowns = List.copyOf(cooldowns);
    balances = List.copyOf(balances);
    labels = List.copyOf(labels);
    labelBars = List.copyOf(labelBars);
  }

  /**
   * A strategy's schedule on one symbol.
   *
   * @param key strategy and symbol
   * @param nextEvalMs the next evaluation time
   * @param momentum the CVD momentum
   * @param paused whether it is paused
   */
  public record StrategySlot(
      StrategyKey key, long nextEvalMs, CvdMomentum.Snapshot momentum, boolean paused) {}

  /**
   * The last entry of a strategy on a symbol.
   *
   * @param key strategy and symbol
   * @param lastEntryMs the last entry time
   */
  public record Cooldown(StrategyKey key, long lastEntryMs) {}

  /**
   * A strategy's balance.
   *
   * @param strategyId the strategy
   * @param balance the current balance
   */
  public record Balance(StrategyId strategyId, Money balance) {}
}
