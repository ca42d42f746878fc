package io.perpetua.trading.registry;

import java.util.List;
import java.util.Map;

/**
 * A strategy as the API shows it (a snapshot; immutable).
 *
 * @param name id
 * @param displayName display name
 * @param description description
 * @param status {@code active}, {@code inactive} or {@code error}
 * @param parameters parameters in force (including {@code rebalance_days})
 * @param poolName asset pool
 * @param requiredFeatures features it reads
 * @param ensembleWeight its ensemble weight, null in single mode
 * @param lastSignalMs its last decision (kernel time), or null
 * @param performance its virtual book's figures, or null before its first decision
 * @param cron its rebalance cron
 * @param rebalanceDays minimum days between its rebalances
 * @param compatibleBarTypes bar types it runs on
 * @param configVersion {@code v1}, {@code v2}...
 * @param lastModifiedMs when its configuration last changed (start-up time for v1)
 * @param signal its latest signal summary, or null
 * @param error why it is in {@code error}, or null
 */
public record StrategyView(
    String name,
    String displayName,
    String description,
    String status,
    Map<String, Object> parameters,
    String poolName,
    List<String> requiredFeatures,
    Double ensembleWeight,
    Long lastSignalMs,
    BookMetrics performance,
    String cron,
    int rebalanceDays,
    List<String> compatibleBarTypes,
    String configVersion,
    long lastModifiedMs,
    StrategySignal signal,
    String error) {}
