package io.perpetua.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.testing.Services;
import io.perpetua.store.contract.TradingJournalContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The journal contract on a real PostgreSQL: every test gets a freshly created schema {@code
 * it_<random>} (selected with {@code currentSchema}), dropped after the class.
 */
class PostgresTradingJournalIT extends TradingJournalContract {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String USER = "postgres";
  private static final String SCHEMA =
      "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  private static boolean available;

  @BeforeAll
  static void requirePostgres() {
    Services.requirePostgres();
    available = true;
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (available) {
      execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  protected DatabaseConfig freshDatabase() throws SQLException {
    execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    execute("CREATE SCHEMA " + SCHEMA);
    return DatabaseConfig.of(URL + "?currentSchema=" + SCHEMA, USER, "");
  }

  @Test
  void schemaAndMigrationHistory_liveInTheTestSchema() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, "");
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                    + " ORDER BY table_name")) {
      ps.setString(1, SCHEMA);
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables)
          .containsExactlyInAnyOrder(
              "account_state",
              "positions",
              "kernel_cursor",
              "orders",
              "fills",
              "funding_events",
              "rebalance_events",
              "signal_snapshots",
              "backtest_jobs",
              "api_keys",
              "flyway_schema_history");
    }
  }
}
