package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.perpetua.core.testing.Services;
import io.perpetua.core.testing.SilentServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perpetua run} with a database or Redis it cannot use: a malformed URL stops it at
 * configuration time (exit 2 naming the key), an unreachable one fails the start (exit 1 with the
 * reason) within {@code store.connect_timeout_seconds} instead of serving an API over a kernel that
 * never trades.
 */
class RunCommandStoreTest {
  @TempDir Path dir;

  private CliRun run(String storeYaml) throws IOException {
    Path config = dir.resolve("perpetua.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "data:",
            "  shared_data: \"" + dir.resolve("no-shared-data") + "\"",
            "flow:",
            "  enabled: false",
            "store:",
            storeYaml,
            "  connect_timeout_seconds: 2",
            ""));
    String[] args = {"run", "--config=" + config, "--data-dir=" + dir.resolve("data"), "--port=0"};
    // today's failure mode is a start that never ends: bound it
    return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRun.of(args));
  }

  @Test
  void databaseUrl_notAUrl_exits2NamingTheKey() throws IOException {
    CliRun r = run("  database_url: \"not a url\"");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("store.database_url").contains("not a url");
  }

  @Test
  void databaseUrl_mysql_exits2NamingTheKey() throws IOException {
    CliRun r = run("  database_url: \"jdbc:mysql://127.0.0.1:3306/perpetua?password=hunter2\"");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains("store.database_url")
        .contains("unsupported database 'mysql'")
        .doesNotContain("hunter2");
  }

  @Test
  void databaseUrl_refusedPort_exits1WithTheReason() throws IOException {
    CliRun r = run("  database_url: \"jdbc:postgresql://127.0.0.1:" + closedPort() + "/test\"");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("cannot start").contains("Database unavailable");
  }

  @Test
  void databaseUrl_serverThatNeverAnswers_exits1AfterTheTimeout() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      long t0 = System.nanoTime();
      CliRun r = run("  database_url: \"jdbc:postgresql://127.0.0.1:" + silent.port() + "/test\"");
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("never-answering database: exit %d after %d ms%n", r.code(), ms);
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).contains("cannot start").contains("store.connect_timeout_seconds");
    }
  }

  @Test
  void databaseUrl_unknownDatabase_exits1WithTheReason() throws IOException {
    Services.requirePostgres();
    CliRun r =
        run(
            "  database_url: \"jdbc:postgresql://127.0.0.1:5432/no_such_db_perpetua\"\n"
                + "  database_user: \"postgres\"");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err())
        .contains("cannot start")
        .contains("database \"no_such_db_perpetua\" does not exist");
  }

  @Test
  void databaseUser_unknownRole_exits1WithTheReason() throws IOException {
    Services.requirePostgres();
    CliRun r =
        run(
            "  database_url: \"jdbc:postgresql://127.0.0.1:5432/test\"\n"
                + "  database_user: \"no_such_role_perpetua\"");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("cannot start").contains("no_such_role_perpetua");
  }

  @Test
  void redisUrl_refused_exits1WithTheReason() throws IOException {
    CliRun r = run("  redis_url: \"redis://127.0.0.1:" + closedPort() + "\"");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("cannot start").contains("Redis unavailable");
  }

  @Test
  void redisUrl_notAUrl_exits2NamingTheKey() throws IOException {
    CliRun r = run("  redis_url: \"not a url\"");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("store.redis_url");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
