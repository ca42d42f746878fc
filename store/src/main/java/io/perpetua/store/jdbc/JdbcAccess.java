package io.perpetua.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * One connection per operation, with SQL failures translated into {@link DatabaseException}s that
 * name the operation and the database (never its credentials). Shared by the JDBC adapters.
 * Thread-safe.
 */
final class JdbcAccess {
  /** A read (or a multi-statement unit of work) on its own auto-commit connection. */
  @FunctionalInterface
  interface Read<T> {
    T run(Connection c) throws SQLException;
  }

  /** Binds a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(Params p) throws SQLException;
  }

  private final DataSource dataSource;
  private final JdbcErrors errors;

  JdbcAccess(DataSource dataSource, JdbcErrors errors) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.errors = Objects.requireNonNull(errors, "errors");
  }

  /** Runs {@code read} on a connection of its own. */
  <T> T query(String operation, Read<T> read) {
    try (Connection c = dataSource.getConnection()) {
      return read.run(c);
    } catch (SQLException e) {
      throw errors.translate(operation, e);
    }
  }

  /** Executes one statement (committed on return). */
  void update(String operation, String sql, Binder binder) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(new Params(ps));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw errors.translate(operation, e);
    }
  }
}
