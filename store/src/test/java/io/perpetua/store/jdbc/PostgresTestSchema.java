package io.perpetua.store.jdbc;

import io.perpetua.core.testing.Services;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away PostgreSQL schema {@code it_<random>} for integration tests, selected through the
 * JDBC {@code currentSchema} parameter: {@link #fresh()} recreates it empty, {@link #drop()}
 * removes it. Skips (or fails in CI) when PostgreSQL is not running. Register it as a static
 * {@code @RegisterExtension} field: it requires PostgreSQL before the class's tests and drops the
 * schema after them.
 */
final class PostgresTestSchema implements BeforeAllCallback, AfterAllCallback {
  static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String USER = "postgres";

  final String name = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  private boolean available;

  /** Requires PostgreSQL (call from {@code @BeforeAll}). */
  void require() {
    Services.requirePostgres();
    available = true;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    require();
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    drop();
  }

  /** An empty schema and a config pointing at it. */
  DatabaseConfig fresh() throws SQLException {
    drop();
    execute("CREATE SCHEMA " + name);
    return DatabaseConfig.of(URL + "?currentSchema=" + name, USER, "");
  }

  /** Drops the schema if PostgreSQL was reachable. */
  void drop() throws SQLException {
    if (available) {
      execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
  }

  /** A connection to the database (not bound to the schema). */
  static Connection connect() throws SQLException {
    return DriverManager.getConnection(URL, USER, "");
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
