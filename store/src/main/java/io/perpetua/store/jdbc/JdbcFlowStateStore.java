package io.perpetua.store.jdbc;

import io.perpetua.trading.flow.FlowSnapshot;
import io.perpetua.trading.flow.FlowStateStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link FlowStateStore} in the journal database ({@code flow_snapshots}, migration V4): one
 * row per engine instance holding the whole {@link FlowSnapshot} (open positions, resting entries,
 * cooldowns, balances, pending labels with their bars, schedules) as JSON, replaced in one
 * transaction (update, else insert). Thread-safe.
 */
public final class JdbcFlowStateStore implements FlowStateStore {
  private final DataSource dataSource;
  private final JdbcErrors errors;

  /** A store in {@code database}. */
  public JdbcFlowStateStore(Database database) {
    this.dataSource = Objects.requireNonNull(database, "database").dataSource();
    this.errors = database.errors();
  }

  @Override
  public void save(FlowSnapshot s) {
    String doc = FlowJson.write(s);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        int n;
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE flow_snapshots SET time_ms = ?, positions = ?, pending_labels = ?,"
                    + " cooldowns = ?, doc = ? WHERE engine_instance = ?")) {
          bind(ps, s, doc);
          n = ps.executeUpdate();
        }
        if (n == 0) {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO flow_snapshots (time_ms, positions, pending_labels, cooldowns, doc,"
                      + " engine_instance) VALUES (?, ?, ?, ?, ?, ?)")) {
            bind(ps, s, doc);
            ps.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw errors.translate("save flow snapshot", e);
    }
  }

  private static void bind(PreparedStatement ps, FlowSnapshot s, String doc) throws SQLException {
    new Params(ps)
        .bigint(s.timeMs())
        .integer(s.positions().size())
        .integer(s.labels().size())
        .integer(s.cooldowns().size())
        .text(doc)
        .text(s.engineInstance());
  }

  @Override
  public Optional<FlowSnapshot> load(String engineInstance) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT doc FROM flow_snapshots WHERE engine_instance = ?")) {
      ps.setString(1, engineInstance);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(FlowJson.read(rs.getString(1), FlowSnapshot.class))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw errors.translate("load flow snapshot", e);
    }
  }
}
