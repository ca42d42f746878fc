package io.perpetua.trading.registry;

/**
 * A strategy's latest signal, summarised (the V2 {@code per_strategy_signals}).
 *
 * @param strategy the strategy
 * @param poolName its pool
 * @param timeMs decision time
 * @param symbolsWithSignal pool members with a signal
 * @param symbolsInPool pool size
 * @param longCount instruments with a positive target
 * @param shortCount instruments with a negative target
 */
public record StrategySignal(
    String strategy,
    String poolName,
    long timeMs,
    int symbolsWithSignal,
    int symbolsInPool,
    int longCount,
    int shortCount) {}
