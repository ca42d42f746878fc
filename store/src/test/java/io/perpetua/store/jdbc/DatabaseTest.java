package io.perpetua.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.testing.SilentServer;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  private static final String PASSWORD = "hunter2-secret";
  private static final String URL_PASSWORD = "url-pw-secret";

  @TempDir Path tempDir;

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String allMessages(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      out.append(t).append('\n');
      for (Throwable s : t.getSuppressed()) {
        out.append(s).append('\n');
      }
    }
    return out.toString();
  }

  private static List<String> tables(Database db) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  @Test
  void embedded_createsTheFileDatabase_andMigratesTheSchema() throws SQLException {
    try (Database db = Database.open(DatabaseConfig.embedded(tempDir))) {
      assertThat(tables(db))
          .contains(
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
              "flyway_schema_history")
          .as("the old flow engine's snapshot table is dropped (V150)")
          .doesNotContain("flow_snapshots");
    }
    assertThat(Files.exists(tempDir.resolve("perpetua.mv.db"))).isTrue();
  }

  @Test
  void reopening_appliesNoMigrationTwice() throws SQLException {
    DatabaseConfig config = DatabaseConfig.embedded(tempDir);
    Database.open(config).close();
    try (Database db = Database.open(config);
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT \"version\", \"type\", \"success\" FROM \"flyway_schema_history\""
                    + " WHERE \"type\" = 'SQL'")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getBoolean(3));
      }
      assertThat(rows)
          .containsExactly(
              "1/SQL/true",
              "2/SQL/true",
              "3/SQL/true",
              "4/SQL/true",
              "5/SQL/true",
              "6/SQL/true",
              "10/SQL/true",
              "20/SQL/true",
              "50/SQL/true",
              "60/SQL/true",
              "90/SQL/true",
              "92/SQL/true",
              "93/SQL/true",
              "95/SQL/true",
              "110/SQL/true",
              "115/SQL/true",
              "120/SQL/true",
              "140/SQL/true",
              "141/SQL/true",
              "150/SQL/true",
              "160/SQL/true",
              "180/SQL/true");
    }
  }

  /**
   * V5 on a journal written before it: a rebalance's start is recovered from the old duration and
   * its dry_run from its orders (dry unless one of them went to a real venue).
   */
  @Test
  void v5_migratesOldRebalances_startFromDuration_dryRunFromOrders() throws SQLException {
    DatabaseConfig config = DatabaseConfig.embedded(tempDir);
    org.flywaydb.core.Flyway.configure()
        .dataSource(config.url(), config.user(), config.password())
        .locations("classpath:db/migration")
        .target("4")
        .load()
        .migrate();
    try (Connection c =
            java.sql.DriverManager.getConnection(config.url(), config.user(), config.password());
        Statement s = c.createStatement()) {
      for (String id : new String[] {"rb-paper", "rb-live"}) {
        s.executeUpdate(
            "INSERT INTO rebalance_events VALUES ('"
                + id
                + "', 'paper', 'baseline_rev', 'cron', 1, 1, 0, 0.1, 100, 1, 0, 60000, 1000060000)");
        s.executeUpdate(
            "INSERT INTO orders (client_order_id, account_id, symbol, side, order_type,"
                + " quantity_raw, quantity_scale, reduce_only, strategy_id, rebalance_id, status,"
                + " filled_quantity, average_fill_price, fee, dry_run, created_at_ms,"
                + " updated_at_ms) VALUES ('o-"
                + id
                + "', 'paper', 'BTC/USDT:USDT', 'buy', 'market', 1, 3, FALSE, 'baseline_rev', '"
                + id
                + "', 'filled', 0.001, 60000, 1, "
                + (id.equals("rb-paper") ? "TRUE" : "FALSE")
                + ", 1000000000, 1000060000)");
      }
    }
    try (Database db = Database.open(config);
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT rebalance_id, started_at_ms, dry_run FROM rebalance_events"
                    + " ORDER BY rebalance_id")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + "/" + rs.getLong(2) + "/" + rs.getBoolean(3));
      }
      assertThat(rows).containsExactly("rb-live/1000000000/false", "rb-paper/1000000000/true");
    }
  }

  /**
   * V50 on a journal written before it: an order row with only the double fill columns is read back
   * rounded to the order's quantity scale and to the 8 decimals of the average price; rows written
   * after it keep the exact raw values.
   */
  @Test
  void v50_readsOldDoubleFillColumns_roundedToFixedPoint() throws SQLException {
    DatabaseConfig config = DatabaseConfig.embedded(tempDir);
    org.flywaydb.core.Flyway.configure()
        .dataSource(config.url(), config.user(), config.password())
        .locations("classpath:db/migration")
        .target("6")
        .load()
        .migrate();
    try (Connection c =
            java.sql.DriverManager.getConnection(config.url(), config.user(), config.password());
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO orders (client_order_id, account_id, symbol, side, order_type,"
              + " quantity_raw, quantity_scale, reduce_only, strategy_id, rebalance_id, status,"
              + " filled_quantity, average_fill_price, fee, dry_run, created_at_ms,"
              + " updated_at_ms) VALUES ('o-old', 'paper', 'BTC/USDT:USDT', 'buy', 'market',"
              + " 3, 3, FALSE, 'baseline_rev', NULL, 'partially_filled', 0.0020000000000000005,"
              + " 60000.123456789, 1, TRUE, 1000000000, 1000060000)");
    }
    try (Database db = Database.open(config)) {
      var record = new JdbcTradingJournal(db).recentOrders(1).get(0);
      assertThat(record.filledQuantity()).isEqualTo(new io.perpetua.core.Quantity(2, 3));
      assertThat(record.averageFillPrice())
          .isEqualTo(new io.perpetua.core.Price(6_000_012_345_679L, 8));
    }
  }

  @Test
  void unreachableDatabase_failsNamingTheUrl_withoutCredentials() throws IOException {
    int port = closedPort();
    DatabaseConfig config =
        DatabaseConfig.of(
            "jdbc:postgresql://127.0.0.1:" + port + "/perpetua?password=" + URL_PASSWORD,
            "trader",
            PASSWORD);

    assertThatThrownBy(() -> Database.open(config))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("Database unavailable at jdbc:postgresql://127.0.0.1:" + port)
        .hasMessageContaining("password=***")
        .satisfies(e -> assertThat(allMessages(e)).doesNotContain(PASSWORD, URL_PASSWORD));
  }

  @Test
  void unknownDriver_failsWithoutLeakingTheUrlPassword() {
    DatabaseConfig config =
        DatabaseConfig.of("jdbc:nosuchdb://db.internal/x?password=" + URL_PASSWORD, "u", PASSWORD);

    assertThatThrownBy(() -> Database.open(config))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("jdbc:nosuchdb://db.internal/x?password=***")
        .satisfies(e -> assertThat(allMessages(e)).doesNotContain(PASSWORD, URL_PASSWORD));
  }

  @Test
  void config_masksPasswords() {
    DatabaseConfig config =
        DatabaseConfig.of(
            "jdbc:postgresql://trader:"
                + URL_PASSWORD
                + "@db:5432/p?ssl=true&password="
                + URL_PASSWORD
                + "&x=1",
            "trader",
            PASSWORD);

    assertThat(config.safeUrl())
        .isEqualTo("jdbc:postgresql://trader:***@db:5432/p?ssl=true&password=***&x=1");
    assertThat(config.toString()).doesNotContain(PASSWORD, URL_PASSWORD).contains("password=***");
    assertThat(DatabaseConfig.of("jdbc:h2:mem:x", null, null).toString()).contains("password=none");
  }

  @Test
  void config_embeddedUrl_pointsIntoTheDataDirectory() {
    DatabaseConfig config = DatabaseConfig.embedded(tempDir);

    assertThat(config.url())
        .isEqualTo(
            "jdbc:h2:file:"
                + tempDir.toAbsolutePath().resolve("perpetua")
                + ";AUTO_SERVER=FALSE;WRITE_DELAY=0");
    assertThat(config.isH2()).isTrue();
  }

  @Test
  void config_rejectsInvalidSettings() {
    assertThatThrownBy(() -> DatabaseConfig.of("postgres://x", "u", "p"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DatabaseConfig("jdbc:h2:mem:x", "u", "p", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void embeddedDatabase_isPrivateToItsOwner_onCreationAndOnEveryOpen() throws Exception {
    Path dir = tempDir.resolve("var");
    try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
      assertThat(tables(db)).isNotEmpty();
    }
    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(mode(dir.resolve("perpetua.mv.db"))).isEqualTo("rw-------");

    // loosened since (an old version, a copy, a umask of 022): tightened again on the next open
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        dir.resolve("perpetua.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
    try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
      assertThat(tables(db)).isNotEmpty();
      assertThat(mode(dir)).isEqualTo("rwx------");
      assertThat(mode(dir.resolve("perpetua.mv.db"))).isEqualTo("rw-------");
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void open_serverThatAcceptsButNeverAnswers_failsWithinTheTimeout() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      DatabaseConfig config =
          DatabaseConfig.of("jdbc:postgresql://127.0.0.1:" + silent.port() + "/test", "u", "");
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> Database.open(config, java.time.Duration.ofSeconds(2)))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining("Database unavailable at jdbc:postgresql://127.0.0.1:");
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("silent database: failed after %d ms (timeout 2000 ms)%n", ms);
      assertThat(ms).isLessThan(3_000);
    }
  }
}
