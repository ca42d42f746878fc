package io.perpetua.backtest.job;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The strategies jobs may run, by id. Immutable and thread-safe. */
public final class StrategyCatalog {
  private final Map<String, StrategyTemplate> byId;

  private StrategyCatalog(Map<String, StrategyTemplate> byId) {
    this.byId = byId;
  }

  /**
   * A catalog of {@code templates}.
   *
   * @throws IllegalArgumentException if two templates have the same id
   */
  public static StrategyCatalog of(Collection<StrategyTemplate> templates) {
    Map<String, StrategyTemplate> byId = new TreeMap<>();
    for (StrategyTemplate t : templates) {
      if (byId.put(t.id(), t) != null) {
        throw new IllegalArgumentException("strategy declared twice: " + t.id());
      }
    }
    return new StrategyCatalog(Map.copyOf(byId));
  }

  /** The template with {@code id}. */
  public Optional<StrategyTemplate> find(String id) {
    return Optional.ofNullable(id == null ? null : byId.get(id));
  }

  /** All ids, sorted. */
  public SortedSet<String> ids() {
    return new TreeSet<>(byId.keySet());
  }
}
