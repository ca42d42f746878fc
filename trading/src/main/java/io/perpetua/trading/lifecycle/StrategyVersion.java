package io.perpetua.trading.lifecycle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One parameter set of a strategy that runs or ran: immutable once created. The parent is the
 * stable version it was derived from (null for the configured one).
 *
 * @param id the version id ({@code <strategy>-v<n>})
 * @param strategy the strategy name
 * @param number its number within the strategy (1 = the configuration)
 * @param parentId the version it was derived from, or null
 * @param parameters the full parameter set in force with it (including {@code rebalance_days})
 * @param configHash SHA-256 of the canonical parameters ({@link ConfigHash})
 * @param createdBy who created it (a user, or {@code system:<component>})
 * @param reason why
 * @param optimiserRunId the optimiser run that produced it, or null
 * @param optimiserStats that run's statistics (e.g. {@code sharpe}, {@code dsr}, {@code pbo})
 * @param createdAtMs when
 */
public record StrategyVersion(
    String id,
    String strategy,
    int number,
    String parentId,
    Map<String, Object> parameters,
    String configHash,
    String createdBy,
    String reason,
    String optimiserRunId,
    Map<String, Double> optimiserStats,
    long createdAtMs) {
  /** Validates; copies the maps. */
  public StrategyVersion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(configHash, "configHash");
    if (number < 1) {
      throw new IllegalArgumentException("version number must be >= 1, was " + number);
    }
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    optimiserStats =
        optimiserStats == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(optimiserStats));
    reason = reason == null ? "" : reason;
  }

  /** The id of version {@code number} of {@code strategy}. */
  public static String idOf(String strategy, int number) {
    return strategy + "-v" + number;
  }
}
