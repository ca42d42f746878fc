package io.perpetua.server.v1;

import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.trading.registry.BookMetrics;
import io.perpetua.trading.registry.ConfigChange;
import io.perpetua.trading.registry.ParameterChange;
import io.perpetua.trading.registry.StrategyRegistry;
import io.perpetua.trading.registry.StrategyView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The strategy routes' response shapes (spec 4.1, 5.1, 5.4) and their mapping. Stateless. */
final class StrategyViews {
  private StrategyViews() {}

  static Object list(StrategyRegistry registry) {
    List<StrategyView> views = registry.list();
    if (StrategyRegistry.ENSEMBLE.equals(registry.mode())) {
      return new ListV2(
          views.stream()
              .map(
                  v ->
                      new ItemV2(
                          v.name(),
                          v.displayName(),
                          v.description(),
                          v.status(),
                          v.parameters(),
                          v.poolName(),
                          v.requiredFeatures(),
                          v.ensembleWeight(),
                          instant(v.lastSignalMs()),
                          v.performance() == null
                              ? null
                              : new PerformanceV2(
                                  v.performance().sharpe(), v.performance().maxDrawdown())))
              .toList(),
          StrategyRegistry.ENSEMBLE,
          StrategyRegistry.WEIGHTED_AVERAGE,
          registry.activeNames());
    }
    List<String> active = registry.activeNames();
    return new ListV1(
        views.stream()
            .map(
                v ->
                    new ItemV1(
                        v.name(),
                        v.displayName(),
                        v.description(),
                        v.status(),
                        v.parameters(),
                        v.poolName(),
                        v.requiredFeatures(),
                        instant(v.lastSignalMs()),
                        performance(v.performance())))
            .toList(),
        StrategyRegistry.SINGLE,
        active.isEmpty() ? null : active.get(0));
  }

  private static PerformanceV1 performance(BookMetrics m) {
    return m == null ? null : new PerformanceV1(m.sharpe(), m.maxDrawdown(), m.totalReturn());
  }

  static Instant instant(Long ms) {
    return ms == null ? null : Instant.ofEpochMilli(ms);
  }

  static StrategyConfigData config(StrategyView v) {
    return new StrategyConfigData(
        v.name(),
        v.parameters(),
        v.poolName(),
        v.cron(),
        v.requiredFeatures(),
        v.compatibleBarTypes(),
        v.configVersion(),
        Instant.ofEpochMilli(v.lastModifiedMs()));
  }

  static ChangeData change(ConfigChange c) {
    return new ChangeData(
        c.id(),
        c.status(),
        pairs(c.changes()),
        c.applyMode(),
        Instant.ofEpochMilli(c.submittedAtMs()));
  }

  static HistoryData history(List<ConfigChange> changes) {
    return new HistoryData(
        changes.stream()
            .map(
                c ->
                    new ConfigHistoryItem(
                        c.id(),
                        c.version(),
                        Instant.ofEpochMilli(c.submittedAtMs()),
                        pairs(c.changes()),
                        c.reason(),
                        c.status(),
                        instant(c.appliedAtMs())))
            .toList());
  }

  private static Map<String, OldNew> pairs(Map<String, ParameterChange> changes) {
    Map<String, OldNew> out = new LinkedHashMap<>();
    changes.forEach((k, v) -> out.put(k, new OldNew(v.oldValue(), v.newValue())));
    return out;
  }

  /** V1 list (single mode). */
  record ListV1(
      List<ItemV1> strategies,
      @Doc(
              value = "single (V1) or ensemble (V2 shape)",
              allowed = {"single", "ensemble"})
          String activeMode,
      @Nullable @Doc("The active strategy, null when none is active") String activeStrategy) {}

  /** One strategy, V1. */
  record ItemV1(
      String name,
      String displayName,
      String description,
      @Doc(
              value = "Status",
              allowed = {"active", "inactive", "error"})
          String status,
      @Doc("Parameters in force, including rebalance_days") Map<String, Object> parameters,
      String poolName,
      List<String> requiredFeatures,
      @Nullable Instant lastSignalTime,
      @Nullable @Doc("The virtual book's live figures, null before its first decision")
          PerformanceV1 performance) {}

  /** Live figures, V1. */
  record PerformanceV1(
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Annualised Sharpe of daily NAV returns")
          double sharpeLive,
      @Decimals(Decimals.WEIGHT) @Doc("Maximum drawdown, <= 0") double mddLive,
      @Decimals(Decimals.WEIGHT) @Doc("Total return of the virtual book") double totalReturn) {}

  /** V2 list (ensemble mode). */
  record ListV2(
      List<ItemV2> strategies,
      String activeMode,
      String ensembleMethod,
      List<String> activeStrategies) {}

  /** One strategy, V2. */
  record ItemV2(
      String name,
      String displayName,
      String description,
      String status,
      Map<String, Object> parameters,
      String poolName,
      List<String> requiredFeatures,
      @Nullable @Decimals(Decimals.WEIGHT) Double ensembleWeight,
      @Nullable Instant lastSignalTime,
      @Nullable PerformanceV2 performance) {}

  /** Live figures, V2. */
  record PerformanceV2(
      @Nullable @Decimals(Decimals.WEIGHT) double sharpeLive,
      @Decimals(Decimals.WEIGHT) double mddLive) {}

  /** {@code GET /strategy/{name}/config}. */
  record StrategyConfigData(
      String name,
      Map<String, Object> parameters,
      String poolName,
      @Doc("Rebalance cron (UTC)") String cronSchedule,
      List<String> requiredFeatures,
      List<String> compatibleBarType,
      @Doc("v1, v2, ...") String configVersion,
      Instant lastModified) {}

  /** A parameter's old and new value. */
  record OldNew(
      @Nullable Object old,
      @com.fasterxml.jackson.annotation.JsonProperty("new") @Nullable Object newValue) {}

  /** {@code POST /strategy/{name}/config}. */
  record ChangeData(
      String changeRequestId,
      @Doc(
              value = "Status",
              allowed = {"pending_review", "approved", "rejected", "applied"})
          String status,
      Map<String, OldNew> changes,
      String applyMode,
      Instant submittedAt) {}

  /** {@code GET /strategy/{name}/config/history}. */
  record HistoryData(List<ConfigHistoryItem> changes) {}

  /** One change request. */
  record ConfigHistoryItem(
      String changeId,
      @Nullable @Doc("The version it produced, null until applied") String version,
      @Doc("When it was requested") Instant timestamp,
      Map<String, OldNew> changes,
      String reason,
      String status,
      @Nullable Instant appliedAt) {}

  /** {@code POST /strategy/{name}/toggle}. */
  record ToggleData(String name, String previousStatus, String newStatus, Instant toggledAt) {}
}
