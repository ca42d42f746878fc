package io.perpetua.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.trading.registry.ConfigChange;
import io.perpetua.trading.registry.NavPoint;
import io.perpetua.trading.registry.ParameterChange;
import io.perpetua.trading.registry.RegistryStore;
import io.perpetua.trading.registry.SignalCoverage;
import io.perpetua.trading.registry.StatusChange;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link RegistryStore} in the platform database (migration V60): change requests upserted by
 * id, status changes and signal coverage snapshots appended, daily NAV upserted by (strategy, day).
 * Each write is its own committed statement. Thread-safe.
 */
public final class JdbcRegistryStore implements RegistryStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHANGE_COLUMNS =
      "id, strategy, changes, reason, apply_mode, status, submitted_by, submitted_at_ms,"
          + " approval_id, decided_by, version, applied_at_ms";
  private static final String UPSERT_CHANGE =
      MergeSql.upsert(
          "strategy_config_changes",
          List.of("id"),
          List.of(
              MergeSql.column("id", "VARCHAR(32)"),
              MergeSql.column("strategy", "VARCHAR(64)"),
              MergeSql.column("changes", "VARCHAR(100000)"),
              MergeSql.column("reason", "VARCHAR(1000)"),
              MergeSql.column("apply_mode", "VARCHAR(16)"),
              MergeSql.column("status", "VARCHAR(16)"),
              MergeSql.column("submitted_by", "VARCHAR(200)"),
              MergeSql.column("submitted_at_ms", "BIGINT"),
              MergeSql.column("approval_id", "VARCHAR(64)"),
              MergeSql.column("decided_by", "VARCHAR(200)"),
              MergeSql.column("version", "VARCHAR(16)"),
              MergeSql.column("applied_at_ms", "BIGINT")));
  private static final String UPSERT_NAV =
      MergeSql.upsert(
          "strategy_nav",
          List.of("strategy", "day_ms"),
          List.of(
              MergeSql.column("strategy", "VARCHAR(64)"),
              MergeSql.column("day_ms", "BIGINT"),
              MergeSql.column("nav", "DOUBLE PRECISION")));

  private final JdbcAccess db;

  /** A store in {@code database}. */
  public JdbcRegistryStore(Database database) {
    Objects.requireNonNull(database, "database");
    this.db = new JdbcAccess(database.dataSource(), database.errors());
  }

  @Override
  public void saveChange(ConfigChange c) {
    db.update(
        "save strategy change request",
        UPSERT_CHANGE,
        p ->
            p.text(c.id())
                .text(c.strategy())
                .text(write(c.changes()))
                .text(c.reason())
                .text(c.applyMode())
                .text(c.status())
                .text(c.submittedBy())
                .bigint(c.submittedAtMs())
                .text(c.approvalId())
                .text(c.decidedBy())
                .text(c.version())
                .bigint(c.appliedAtMs()));
  }

  @Override
  public Optional<ConfigChange> change(String id) {
    List<ConfigChange> found =
        changesWhere("SELECT " + CHANGE_COLUMNS + " FROM strategy_config_changes WHERE id = ?", id);
    return found.stream().findFirst();
  }

  @Override
  public List<ConfigChange> changes(String strategy) {
    return changesWhere(
        "SELECT "
            + CHANGE_COLUMNS
            + " FROM strategy_config_changes WHERE strategy = ? ORDER BY submitted_at_ms, id",
        strategy);
  }

  private List<ConfigChange> changesWhere(String sql, String key) {
    return db.query(
        "read strategy change requests",
        c -> {
          List<ConfigChange> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(change(rs));
              }
            }
          }
          return out;
        });
  }

  private static ConfigChange change(ResultSet rs) throws SQLException {
    long applied = rs.getLong(12);
    boolean appliedNull = rs.wasNull();
    return new ConfigChange(
        rs.getString(1),
        rs.getString(2),
        read(rs.getString(3)),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getLong(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        appliedNull ? null : applied);
  }

  @Override
  public void appendStatus(StatusChange s) {
    db.update(
        "record strategy status change",
        "INSERT INTO strategy_status_changes (strategy, previous_status, new_status, reason,"
            + " changed_by, at_ms) VALUES (?, ?, ?, ?, ?, ?)",
        p ->
            p.text(s.strategy())
                .text(s.previousStatus())
                .text(s.newStatus())
                .text(cut(s.reason(), 1000))
                .text(cut(s.by(), 200))
                .bigint(s.atMs()));
  }

  @Override
  public List<StatusChange> statusChanges() {
    return db.query(
        "read strategy status changes",
        c ->
            JournalReader.list(
                c,
                "SELECT strategy, previous_status, new_status, reason, changed_by, at_ms"
                    + " FROM strategy_status_changes ORDER BY id",
                Integer.MAX_VALUE,
                rs ->
                    new StatusChange(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6))));
  }

  @Override
  public void appendCoverage(SignalCoverage s) {
    db.update(
        "record signal snapshot",
        "INSERT INTO signal_coverage (strategy, time_ms, pool_size, signals_generated,"
            + " missing_symbols) VALUES (?, ?, ?, ?, ?)",
        p ->
            p.text(s.strategy())
                .bigint(s.timeMs())
                .integer(s.poolSize())
                .integer(s.signalsGenerated())
                .text(String.join(",", s.missingSymbols())));
  }

  @Override
  public List<SignalCoverage> coverage(long fromMs, long toMs) {
    return db.query(
        "read signal snapshots",
        c -> {
          List<SignalCoverage> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT strategy, time_ms, pool_size, signals_generated, missing_symbols"
                      + " FROM signal_coverage WHERE time_ms >= ? AND time_ms < ?"
                      + " ORDER BY time_ms, id")) {
            ps.setLong(1, fromMs);
            ps.setLong(2, toMs);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String missing = rs.getString(5);
                out.add(
                    new SignalCoverage(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        missing.isEmpty() ? List.of() : List.of(missing.split(","))));
              }
            }
          }
          return out;
        });
  }

  @Override
  public void saveNav(String strategy, NavPoint point) {
    db.update(
        "save strategy NAV",
        UPSERT_NAV,
        p -> p.text(strategy).bigint(point.dayMs()).real(point.nav()));
  }

  @Override
  public List<NavPoint> navs(String strategy, long fromMs) {
    return db.query(
        "read strategy NAV",
        c -> {
          List<NavPoint> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT day_ms, nav FROM strategy_nav WHERE strategy = ? AND day_ms >= ?"
                      + " ORDER BY day_ms")) {
            ps.setString(1, strategy);
            ps.setLong(2, fromMs);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new NavPoint(rs.getLong(1), rs.getDouble(2)));
              }
            }
          }
          return out;
        });
  }

  private static String write(Map<String, ParameterChange> changes) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    changes.forEach(
        (k, v) -> {
          Map<String, Object> pair = new LinkedHashMap<>();
          pair.put("old", v.oldValue());
          pair.put("new", v.newValue());
          out.put(k, pair);
        });
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("parameters are not JSON values", e);
    }
  }

  private static Map<String, ParameterChange> read(String json) {
    try {
      Map<String, Map<String, Object>> in =
          JSON.readValue(json, new TypeReference<LinkedHashMap<String, Map<String, Object>>>() {});
      Map<String, ParameterChange> out = new LinkedHashMap<>();
      in.forEach((k, v) -> out.put(k, new ParameterChange(v.get("old"), v.get("new"))));
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored change is not JSON", e);
    }
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
