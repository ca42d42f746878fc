package io.perpetua.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.trading.port.ServiceUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
              "flyway_schema_history");
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
      assertThat(rows).containsExactly("1/SQL/true", "2/SQL/true", "3/SQL/true", "4/SQL/true");
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
  void open_serverThatAcceptsButNeverAnswers_failsWithinTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // and never answer
                  }
                } catch (IOException closed) {
                  // test over
                }
              });
      DatabaseConfig config =
          DatabaseConfig.of(
              "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/test", "u", "");
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> Database.open(config, java.time.Duration.ofSeconds(2)))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining("Database unavailable at jdbc:postgresql://127.0.0.1:");
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("silent database: failed after %d ms (timeout 2000 ms)%n", ms);
      assertThat(ms).isLessThan(3_000);
      for (java.net.Socket s : held) {
        s.close();
      }
    }
  }
}
