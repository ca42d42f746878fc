package io.perpetua.store.jdbc;

import io.perpetua.trading.allocation.AllocationRecord;
import io.perpetua.trading.allocation.AllocationState;
import io.perpetua.trading.allocation.AllocationStep;
import io.perpetua.trading.allocation.AllocationStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link AllocationStore} in the platform database (migration V92): one row per step, maps as
 * {@code name=value} lines, the allocator's state as its own text. Append-only. Thread-safe.
 */
public final class JdbcAllocationStore implements AllocationStore {
  private static final String COLUMNS =
      "id, at_ms, mode, policy, trigger, actor, moved, cost, vol_spike, previous, targets,"
          + " weights, scores, rewards, cooling, probation, events, state";

  private final JdbcAccess db;

  /** A store in {@code database}. */
  public JdbcAllocationStore(Database database) {
    Objects.requireNonNull(database, "database");
    this.db = new JdbcAccess(database.dataSource(), database.errors());
  }

  @Override
  public AllocationRecord append(AllocationStep s, String trigger, String actor) {
    long id =
        db.query(
            "store allocation step",
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO allocation_history ("
                          + COLUMNS.substring(4)
                          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      new String[] {"id"})) {
                new Params(ps)
                    .bigint(s.atMs())
                    .text(s.mode())
                    .text(s.policy())
                    .text(trigger)
                    .text(actor)
                    .real(s.moved())
                    .real(s.cost())
                    .bool(s.volSpike())
                    .text(doubles(s.previous()))
                    .text(doubles(s.targets()))
                    .text(doubles(s.weights()))
                    .text(doubles(s.scores()))
                    .text(doubles(s.rewards()))
                    .text(longs(s.cooling()))
                    .text(String.join("\n", s.probation()))
                    .text(String.join("\n", s.events()))
                    .text(s.state().encode());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                  keys.next();
                  return keys.getLong(1);
                }
              }
            });
    return new AllocationRecord(id, trigger, actor, s);
  }

  @Override
  public Optional<AllocationRecord> latest() {
    return history(1, Long.MAX_VALUE).stream().findFirst();
  }

  @Override
  public List<AllocationRecord> history(int limit, long beforeId) {
    return db.query(
        "read allocation history",
        c -> {
          List<AllocationRecord> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM allocation_history WHERE id < ? ORDER BY id DESC")) {
            ps.setLong(1, beforeId);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next() && out.size() < limit) {
                out.add(record(rs));
              }
            }
          }
          return out;
        });
  }

  private static AllocationRecord record(ResultSet rs) throws SQLException {
    AllocationStep step =
        new AllocationStep(
            rs.getLong(2),
            rs.getString(3),
            rs.getString(4),
            readDoubles(rs.getString(10)),
            readDoubles(rs.getString(11)),
            readDoubles(rs.getString(12)),
            readDoubles(rs.getString(13)),
            readDoubles(rs.getString(14)),
            readLongs(rs.getString(15)),
            lines(rs.getString(16)),
            rs.getDouble(7),
            rs.getDouble(8),
            lines(rs.getString(17)),
            rs.getBoolean(9),
            AllocationState.decode(rs.getString(18)));
    return new AllocationRecord(rs.getLong(1), rs.getString(5), rs.getString(6), step);
  }

  static String doubles(Map<String, Double> m) {
    StringBuilder b = new StringBuilder();
    m.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    return b.toString();
  }

  static String longs(Map<String, Long> m) {
    StringBuilder b = new StringBuilder();
    m.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    return b.toString();
  }

  static Map<String, Double> readDoubles(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : lines(text)) {
      int eq = line.lastIndexOf('=');
      out.put(line.substring(0, eq), Double.parseDouble(line.substring(eq + 1)));
    }
    return out;
  }

  static Map<String, Long> readLongs(String text) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String line : lines(text)) {
      int eq = line.lastIndexOf('=');
      out.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
    }
    return out;
  }

  static List<String> lines(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(text.split("\n")).filter(l -> !l.isEmpty()).toList();
  }
}
