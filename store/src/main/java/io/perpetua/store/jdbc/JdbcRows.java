package io.perpetua.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Small JDBC helpers for the account stores: run one statement with bound parameters, map rows.
 * Thread-safe; each call uses its own connection.
 */
final class JdbcRows {
  /** Binds parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(Params p) throws SQLException;
  }

  /** Maps the current row. */
  @FunctionalInterface
  interface Mapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final DataSource dataSource;
  private final JdbcErrors errors;

  JdbcRows(Database database) {
    this.dataSource = database.dataSource();
    this.errors = database.errors();
  }

  /** Rows changed; a unique violation is returned as -1. */
  int update(String what, String sql, Binder binder) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(new Params(ps));
      return ps.executeUpdate();
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        return -1;
      }
      throw errors.translate(what, e);
    }
  }

  <T> List<T> list(String what, String sql, Binder binder, Mapper<T> mapper) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(new Params(ps));
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw errors.translate(what, e);
    }
  }

  <T> Optional<T> one(String what, String sql, Binder binder, Mapper<T> mapper) {
    List<T> rows = list(what, sql, binder, mapper);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
