package io.perpetua.backtest.job;

import io.perpetua.core.Timeframe;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * A strategy (or strategy template) that jobs may run: its id, the parameters it accepts and a
 * check of their values. Supplied by the composition root (e.g. from the configured strategies), so
 * that unknown strategies and parameters are rejected before a job is created. Immutable.
 *
 * @param id strategy or template id, e.g. {@code baseline_rev}
 * @param parameters names of the parameters a job may override, or null when {@code check} itself
 *     rejects unknown names (see {@link #checkedBy})
 * @param check validates overrides (already restricted to {@code parameters} when given), throwing
 *     {@link IllegalArgumentException} with a message that names the parameter
 */
public record StrategyTemplate(String id, Set<String> parameters, ParameterCheck check) {
  /** Validates parameter values; stateless and thread-safe. */
  @FunctionalInterface
  public interface ParameterCheck {
    /** Throws {@link IllegalArgumentException} naming the parameter when a value is invalid. */
    void check(Map<String, Object> overrides);

    /**
     * Checks {@code overrides} for a run on {@code timeframe} bars (e.g. that every feature window
     * is a whole number of bars); by default only the overrides.
     */
    default void check(Map<String, Object> overrides, Timeframe timeframe) {
      check(overrides);
    }

    /**
     * A check that also sees the timeframe of the run ({@code null} when checking the overrides
     * alone).
     */
    static ParameterCheck withTimeframe(BiConsumer<Map<String, Object>, Timeframe> check) {
      Objects.requireNonNull(check, "check");
      return new ParameterCheck() {
        @Override
        public void check(Map<String, Object> overrides) {
          check.accept(overrides, null);
        }

        @Override
        public void check(Map<String, Object> overrides, Timeframe timeframe) {
          check.accept(overrides, timeframe);
        }
      };
    }

    /** Accepts any values. */
    static ParameterCheck none() {
      return overrides -> {};
    }
  }

  /** Validates and copies (sorted). */
  public StrategyTemplate {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("strategy id must not be blank");
    }
    parameters = parameters == null ? null : Set.copyOf(new TreeSet<>(parameters));
    Objects.requireNonNull(check, "check");
  }

  /**
   * A template whose {@code check} validates both names and values (e.g. by resolving the strategy
   * with the overrides, as the engine will).
   */
  public static StrategyTemplate checkedBy(String id, ParameterCheck check) {
    return new StrategyTemplate(id, null, check);
  }

  /** A template that accepts {@code parameters} with any values. */
  public static StrategyTemplate of(String id, String... parameters) {
    return new StrategyTemplate(id, Set.of(parameters), ParameterCheck.none());
  }
}
