package io.perpetua.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.trading.lifecycle.LifecycleEvent;
import io.perpetua.trading.lifecycle.LifecycleException;
import io.perpetua.trading.lifecycle.LifecycleState;
import io.perpetua.trading.lifecycle.LifecycleStore;
import io.perpetua.trading.lifecycle.Stage;
import io.perpetua.trading.lifecycle.StrategyVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The {@link LifecycleStore} in the platform database (migration V90): a transition inserts its
 * version, inserts or updates the state row where the stored revision is the one before (else
 * nothing is written: CONFLICT), and inserts its event keyed by (strategy, revision), all in one
 * transaction. Thread-safe; two processes on one database cannot both commit the same revision.
 */
public final class JdbcLifecycleStore implements LifecycleStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VERSION_COLUMNS =
      "id, strategy, number, parent_id, parameters, config_hash, created_by, reason,"
          + " optimiser_run_id, optimiser_stats, created_at_ms";
  private static final String STATE_COLUMNS =
      "strategy, stable_id, previous_stable_id, candidate_id, candidate_stage, stage_since_ms,"
          + " gates_passed, approval_id, revision";
  private static final String EVENT_COLUMNS =
      "strategy, revision, kind, version_id, from_stage, to_stage, actor, reason, evidence, at_ms";

  private final DataSource dataSource;
  private final JdbcAccess db;
  private final JdbcErrors errors;
  private final Consumer<String> afterStatement;

  /** A store in {@code database}. */
  public JdbcLifecycleStore(Database database) {
    this(database, step -> {});
  }

  /** A store calling {@code afterStatement} inside the transaction after each write (tests). */
  JdbcLifecycleStore(Database database, Consumer<String> afterStatement) {
    Objects.requireNonNull(database, "database");
    this.dataSource = database.dataSource();
    this.errors = database.errors();
    this.db = new JdbcAccess(dataSource, errors);
    this.afterStatement = Objects.requireNonNull(afterStatement, "afterStatement");
  }

  @Override
  public Optional<LifecycleState> state(String strategy) {
    return db.query(
        "read strategy lifecycle",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + STATE_COLUMNS + " FROM strategy_lifecycle WHERE strategy = ?")) {
            ps.setString(1, strategy);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(state(rs)) : Optional.<LifecycleState>empty();
            }
          }
        });
  }

  private static LifecycleState state(ResultSet rs) throws SQLException {
    String stage = rs.getString(5);
    return new LifecycleState(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        stage == null ? null : Stage.parse(stage),
        rs.getLong(6),
        rs.getBoolean(7),
        rs.getString(8),
        rs.getLong(9));
  }

  @Override
  public List<StrategyVersion> versions(String strategy) {
    return versionsWhere("strategy = ? ORDER BY number", strategy);
  }

  @Override
  public Optional<StrategyVersion> version(String id) {
    return versionsWhere("id = ?", id).stream().findFirst();
  }

  private List<StrategyVersion> versionsWhere(String where, String key) {
    return db.query(
        "read strategy versions",
        c -> {
          List<StrategyVersion> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + VERSION_COLUMNS + " FROM strategy_versions WHERE " + where)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(version(rs));
              }
            }
          }
          return out;
        });
  }

  private static StrategyVersion version(ResultSet rs) throws SQLException {
    Map<String, Object> stats = read(rs.getString(10));
    Map<String, Double> numbers = new LinkedHashMap<>();
    stats.forEach((k, v) -> numbers.put(k, ((Number) v).doubleValue()));
    return new StrategyVersion(
        rs.getString(1),
        rs.getString(2),
        rs.getInt(3),
        rs.getString(4),
        read(rs.getString(5)),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        numbers,
        rs.getLong(11));
  }

  @Override
  public List<LifecycleEvent> events(String strategy) {
    return db.query(
        "read strategy lifecycle events",
        c -> {
          List<LifecycleEvent> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + EVENT_COLUMNS
                      + " FROM strategy_lifecycle_events WHERE strategy = ? ORDER BY revision")) {
            ps.setString(1, strategy);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new LifecycleEvent(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        read(rs.getString(9)),
                        rs.getLong(10)));
              }
            }
          }
          return out;
        });
  }

  @Override
  public void commit(Transition t) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (t.newVersion() != null) {
          insertVersion(c, t.newVersion());
          afterStatement.accept("version");
        }
        if (!writeState(c, t.state())) {
          c.rollback();
          throw conflict(t.state().strategy());
        }
        afterStatement.accept("state");
        insertEvent(c, t.event());
        afterStatement.accept("event");
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw conflict(t.state().strategy());
      }
      throw errors.translate("commit strategy lifecycle transition", e);
    }
  }

  private static LifecycleException conflict(String strategy) {
    return new LifecycleException(
        LifecycleException.Kind.CONFLICT,
        "The lifecycle of " + strategy + " changed meanwhile; retry");
  }

  private static void insertVersion(Connection c, StrategyVersion v) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO strategy_versions ("
                + VERSION_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      new Params(ps)
          .text(v.id())
          .text(v.strategy())
          .integer(v.number())
          .text(v.parentId())
          .text(write(v.parameters()))
          .text(v.configHash())
          .text(v.createdBy())
          .text(v.reason())
          .text(v.optimiserRunId())
          .text(write(v.optimiserStats()))
          .bigint(v.createdAtMs());
      ps.executeUpdate();
    }
  }

  private static boolean writeState(Connection c, LifecycleState s) throws SQLException {
    String sql =
        s.revision() == 1
            ? "INSERT INTO strategy_lifecycle (stable_id, previous_stable_id, candidate_id,"
                + " candidate_stage, stage_since_ms, gates_passed, approval_id, revision, strategy)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            : "UPDATE strategy_lifecycle SET stable_id = ?, previous_stable_id = ?,"
                + " candidate_id = ?, candidate_stage = ?, stage_since_ms = ?, gates_passed = ?,"
                + " approval_id = ?, revision = ? WHERE strategy = ? AND revision = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Params p =
          new Params(ps)
              .text(s.stableId())
              .text(s.previousStableId())
              .text(s.candidateId())
              .text(s.candidateStage() == null ? null : s.candidateStage().code())
              .bigint(s.stageSinceMs())
              .bool(s.gatesPassed())
              .text(s.approvalId())
              .bigint(s.revision())
              .text(s.strategy());
      if (s.revision() > 1) {
        p.bigint(s.revision() - 1);
      }
      return ps.executeUpdate() == 1;
    }
  }

  private static void insertEvent(Connection c, LifecycleEvent e) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO strategy_lifecycle_events ("
                + EVENT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      new Params(ps)
          .text(e.strategy())
          .bigint(e.revision())
          .text(e.kind())
          .text(e.versionId())
          .text(e.fromStage())
          .text(e.toStage())
          .text(e.actor())
          .text(e.reason())
          .text(write(e.evidence()))
          .bigint(e.atMs());
      ps.executeUpdate();
    }
  }

  private static String write(Map<String, ?> value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON values: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, Object> read(String json) {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored lifecycle value is not JSON", e);
    }
  }
}
