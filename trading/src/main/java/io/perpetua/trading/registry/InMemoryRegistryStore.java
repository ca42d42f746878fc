package io.perpetua.trading.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link RegistryStore} in memory (tests, backtests). Thread-safe (synchronized). */
public final class InMemoryRegistryStore implements RegistryStore {
  private final Map<String, ConfigChange> changes = new LinkedHashMap<>();
  private final List<StatusChange> statuses = new ArrayList<>();
  private final List<SignalCoverage> coverage = new ArrayList<>();
  private final Map<String, TreeMap<Long, NavPoint>> navs = new LinkedHashMap<>();

  @Override
  public synchronized void saveChange(ConfigChange change) {
    changes.put(change.id(), change);
  }

  @Override
  public synchronized Optional<ConfigChange> change(String id) {
    return Optional.ofNullable(changes.get(id));
  }

  @Override
  public synchronized List<ConfigChange> changes(String strategy) {
    return changes.values().stream()
        .filter(c -> c.strategy().equals(strategy))
        .sorted(Comparator.comparingLong(ConfigChange::submittedAtMs))
        .toList();
  }

  @Override
  public synchronized void appendStatus(StatusChange change) {
    statuses.add(change);
  }

  @Override
  public synchronized List<StatusChange> statusChanges() {
    return List.copyOf(statuses);
  }

  @Override
  public synchronized void appendCoverage(SignalCoverage c) {
    coverage.add(c);
  }

  @Override
  public synchronized List<SignalCoverage> coverage(long fromMs, long toMs) {
    return coverage.stream()
        .filter(c -> c.timeMs() >= fromMs && c.timeMs() < toMs)
        .sorted(Comparator.comparingLong(SignalCoverage::timeMs))
        .toList();
  }

  @Override
  public synchronized void saveNav(String strategy, NavPoint point) {
    navs.computeIfAbsent(strategy, k -> new TreeMap<>()).put(point.dayMs(), point);
  }

  @Override
  public synchronized List<NavPoint> navs(String strategy, long fromMs) {
    TreeMap<Long, NavPoint> m = navs.get(strategy);
    return m == null ? List.of() : List.copyOf(m.tailMap(fromMs, true).values());
  }
}
