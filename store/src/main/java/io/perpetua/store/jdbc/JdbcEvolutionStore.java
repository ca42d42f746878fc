package io.perpetua.store.jdbc;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.trading.flow.FactoryStrategyRow;
import io.perpetua.trading.learn.EvolutionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The {@link EvolutionStore} in the platform database (migration V180): an applied run's record,
 * its new and deprecated {@code flow_strategies} rows and its lineage are written in one
 * transaction. Thread-safe.
 */
public final class JdbcEvolutionStore implements EvolutionStore {
  private final DataSource dataSource;
  private final JdbcErrors errors;
  private final JdbcAccess db;
  private final Consumer<String> afterStatement;

  /** A store in {@code database}. */
  public JdbcEvolutionStore(Database database) {
    this(database, step -> {});
  }

  /** A store calling {@code afterStatement} inside the transaction after each write (tests). */
  JdbcEvolutionStore(Database database, Consumer<String> afterStatement) {
    Objects.requireNonNull(database, "database");
    this.dataSource = database.dataSource();
    this.errors = database.errors();
    this.db = new JdbcAccess(dataSource, errors);
    this.afterStatement = Objects.requireNonNull(afterStatement, "afterStatement");
  }

  @Override
  public List<Lineage> lineage() {
    return db.query(
        "read flow evolution lineage",
        c -> {
          List<Lineage> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT strategy_id, symbol, parent_id, run_id, created_ms"
                          + " FROM flow_evolution_lineage ORDER BY created_ms, strategy_id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new Lineage(
                      StrategyId.of(rs.getString(1)),
                      InstrumentId.fromVenueSymbol(rs.getString(2)),
                      StrategyId.of(rs.getString(3)),
                      rs.getString(4),
                      rs.getLong(5)));
            }
          }
          return out;
        });
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Run> runs(int limit) {
    return db.query(
        "read flow evolution runs",
        c -> {
          List<Run> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT run_id, at_ms, dry_run, actor, report, markdown FROM flow_evolution_runs"
                      + " ORDER BY at_ms DESC, run_id DESC")) {
            ps.setMaxRows(Math.max(1, limit));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Run(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getBoolean(3),
                        rs.getString(4),
                        FlowJson.read(rs.getString(5), Map.class),
                        rs.getString(6)));
              }
            }
          }
          return out;
        });
  }

  @Override
  public void commit(Run run, List<FactoryStrategyRow> rows, List<Lineage> born) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        insertRun(c, run);
        afterStatement.accept("run");
        for (FactoryStrategyRow row : rows) {
          JdbcFlowJournal.saveStrategy(c, row);
          afterStatement.accept("strategy " + row.id().value());
        }
        for (Lineage l : born) {
          insertLineage(c, l);
          afterStatement.accept("lineage " + l.strategy().value());
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw errors.translate("commit flow evolution run", e);
    }
  }

  private static void insertRun(Connection c, Run run) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO flow_evolution_runs (run_id, at_ms, dry_run, actor, report, markdown)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      new Params(ps)
          .text(run.id())
          .bigint(run.atMs())
          .bool(run.dryRun())
          .text(run.actor())
          .text(FlowJson.write(run.report()))
          .text(run.markdown());
      ps.executeUpdate();
    }
  }

  private static void insertLineage(Connection c, Lineage l) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO flow_evolution_lineage (strategy_id, symbol, parent_id, run_id, created_ms)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      new Params(ps)
          .text(l.strategy().value())
          .text(l.symbol().venueSymbol())
          .text(l.parent().value())
          .text(l.runId())
          .bigint(l.createdMs());
      ps.executeUpdate();
    }
  }
}
