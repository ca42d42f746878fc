package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perpetua admin} and {@code perpetua audit verify} on the embedded database. */
class AdminAuditCommandTest {
  @TempDir Path dataDir;

  private CliRun run(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--data-dir=" + dataDir);
    return CliRun.of(
        cl -> {
          ((AdminCommand) cl.getSubcommands().get("admin").getCommand()).env = env;
          ((AuditCommand) cl.getSubcommands().get("audit").getCommand()).env = env;
        },
        all.toArray(String[]::new));
  }

  @Test
  void createAdmin_needsAPassword_thenInvites_users_andAuditVerify() throws Exception {
    CliRun noPassword = run(Map.of(), "admin", "create", "--username", "root");
    assertThat(noPassword.code()).isNotZero();
    assertThat(noPassword.err()).contains("no password");

    Map<String, String> env = Map.of("PERPETUA_ADMIN_PASSWORD", "correct horse battery");
    CliRun created = run(env, "admin", "create", "--username", "root");
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out()).contains("Admin root created").doesNotContain("correct horse");
    assertThat(run(env, "admin", "create", "--username", "root").code()).isEqualTo(2);

    CliRun invite = run(env, "admin", "invite-create", "--role", "trader");
    assertThat(invite.code()).as(invite.err()).isZero();
    assertThat(invite.out()).containsPattern("inv_[0-9a-f]{32}");
    assertThat(run(env, "admin", "users").out()).contains("root").contains("admin");

    CliRun verified = run(env, "audit", "verify");
    assertThat(verified.code()).as(verified.err()).isZero();
    assertThat(verified.out()).contains("intact: 2 entries");
    assertThat(Files.exists(dataDir.resolve("jwt-signing-key"))).isTrue();

    try (Database db = Database.open(DatabaseConfig.embedded(dataDir));
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT password_hash FROM users")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
      }
      s.executeUpdate("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 1");
    }
    CliRun broken = run(env, "audit", "verify");
    assertThat(broken.code()).isEqualTo(1);
    assertThat(broken.out()).contains("BROKEN at entry 1");
  }

  @Test
  void auditVerify_printsTheHead_andAnExpectedHeadCatchesARewoundTail() throws Exception {
    Map<String, String> env = Map.of("PERPETUA_ADMIN_PASSWORD", "correct horse battery");
    assertThat(run(env, "admin", "create", "--username", "root").code()).isZero();
    assertThat(run(env, "admin", "invite-create", "--role", "trader").code()).isZero();
    CliRun verified = run(env, "audit", "verify");
    java.util.regex.Matcher head =
        java.util.regex.Pattern.compile("head: (2:[0-9a-f]{64})").matcher(verified.out());
    assertThat(head.find()).as(verified.out()).isTrue();
    assertThat(run(env, "audit", "verify", "--expect-head", head.group(1)).code()).isZero();
    assertThat(run(env, "audit", "verify", "--expect-head", "2:xyz").code()).isEqualTo(2);

    try (Database db = Database.open(DatabaseConfig.embedded(dataDir));
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM audit_log WHERE seq = 2");
    }
    CliRun truncated = run(env, "audit", "verify");
    assertThat(truncated.code()).isEqualTo(1);
    assertThat(truncated.out()).contains("BROKEN at entry 2").contains("end of the log");
    try (Database db = Database.open(DatabaseConfig.embedded(dataDir));
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE audit_head SET seq = 1, hash = (SELECT hash FROM audit_log WHERE seq = 1)");
    }
    assertThat(run(env, "audit", "verify").code()).isZero();
    CliRun anchored = run(env, "audit", "verify", "--expect-head", head.group(1));
    assertThat(anchored.code()).isEqualTo(1);
    assertThat(anchored.out()).contains("anchored head 2");
  }
}
