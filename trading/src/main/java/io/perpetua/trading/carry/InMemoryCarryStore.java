package io.perpetua.trading.carry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link CarryStore} in memory (tests, and a platform without a database). Thread-safe. */
public final class InMemoryCarryStore implements CarryStore {
  private final Map<String, Map<String, String>> states = new HashMap<>();
  private final Map<String, List<Object>> rows = new HashMap<>();

  @Override
  public synchronized Optional<Map<String, String>> loadState(String id) {
    return Optional.ofNullable(states.get(id)).map(Map::copyOf);
  }

  @Override
  public synchronized void saveState(String id, Map<String, String> state) {
    states.put(id, Map.copyOf(state));
  }

  @Override
  public void appendOrder(String id, OrderRecord order) {
    add(id + "/orders", order);
  }

  @Override
  public void appendLedger(String id, CarryLedger line, String mode) {
    add(id + "/ledger", new Moded<>(mode, line));
  }

  @Override
  public void appendFunding(String id, CarryFunding funding, String mode) {
    add(id + "/funding", new Moded<>(mode, funding));
  }

  @Override
  public void appendSnapshot(String id, Snapshot snapshot) {
    add(id + "/snapshots", snapshot);
  }

  @Override
  public void appendEvent(String id, CarryAlert event) {
    add(id + "/events", event);
  }

  @Override
  public List<OrderRecord> orders(String id, int limit) {
    return newest(id + "/orders", limit, OrderRecord.class);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Moded<CarryLedger>> ledger(String id, int limit) {
    return newest(id + "/ledger", limit, Moded.class).stream()
        .map(m -> (Moded<CarryLedger>) m)
        .toList();
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Moded<CarryFunding>> funding(String id, int limit) {
    return newest(id + "/funding", limit, Moded.class).stream()
        .map(m -> (Moded<CarryFunding>) m)
        .toList();
  }

  @Override
  public List<Snapshot> snapshots(String id, int limit) {
    return newest(id + "/snapshots", limit, Snapshot.class);
  }

  @Override
  public List<CarryAlert> events(String id, int limit) {
    return newest(id + "/events", limit, CarryAlert.class);
  }

  private synchronized void add(String key, Object row) {
    rows.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
  }

  private synchronized <T> List<T> newest(String key, int limit, Class<T> type) {
    List<Object> all = rows.getOrDefault(key, List.of());
    return all.subList(Math.max(0, all.size() - limit), all.size()).stream()
        .map(type::cast)
        .toList();
  }
}
