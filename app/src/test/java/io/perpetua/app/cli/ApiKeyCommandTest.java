package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.server.jobs.ApiKeySecrets;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyCommandTest {
  @TempDir Path dataDir;

  private CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--data-dir=" + dataDir);
    return CliRun.of(
        cl -> {
          ApiKeyCommand command = cl.getSubcommands().get("apikey").getCommand();
          command.env = Map.of(); // no PERPETUA_MASTER_KEY: the key file in the data directory
        },
        all.toArray(String[]::new));
  }

  @Test
  void create_printsTheIdAndSecretOnce_storingOnlyAHash() throws Exception {
    CliRun created = run("apikey", "create", "--owner", "alice");
    assertThat(created.code()).as(created.err()).isZero();
    Matcher id = Pattern.compile("key id: (pk_[0-9a-f]{24})").matcher(created.out());
    Matcher secret = Pattern.compile("secret: (sk_[A-Za-z0-9_-]{43})").matcher(created.out());
    assertThat(id.find()).as(created.out()).isTrue();
    assertThat(secret.find()).as(created.out()).isTrue();
    // the secret is the one the server derives from the master key created in the data dir
    assertThat(ApiKeySecrets.resolve(dataDir, Map.of()).secretFor(id.group(1)))
        .isEqualTo(secret.group(1));
    assertThat(Files.exists(dataDir.resolve(ApiKeySecrets.FILE))).isTrue();

    CliRun listed = run("apikey", "list");
    assertThat(listed.code()).isZero();
    assertThat(listed.out()).contains(id.group(1)).contains("alice").contains("active");
    assertThat(listed.out()).doesNotContain(secret.group(1));

    try (Database db = Database.open(DatabaseConfig.embedded(dataDir));
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT key_id, secret_sha256 FROM api_keys")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(id.group(1));
      assertThat(rs.getString(2))
          .isEqualTo(ApiKeySecrets.sha256Hex(secret.group(1)))
          .isNotEqualTo(secret.group(1));
    }
  }

  @Test
  void revoke_marksTheKey_andAnUnknownKeyFails() {
    CliRun created = run("apikey", "create", "--owner", "bob");
    Matcher id = Pattern.compile("key id: (pk_[0-9a-f]{24})").matcher(created.out());
    assertThat(id.find()).isTrue();
    CliRun revoked = run("apikey", "revoke", id.group(1));
    assertThat(revoked.code()).isZero();
    assertThat(revoked.out()).contains("Revoked " + id.group(1));
    assertThat(run("apikey", "list").out()).contains("revoked ");
    CliRun again = run("apikey", "revoke", id.group(1));
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("no active API key " + id.group(1));
  }

  @Test
  void usageErrors_exitWithCode2_andBadOwnersWith1() {
    assertThat(run("apikey", "create").code()).isEqualTo(2); // --owner is required
    CliRun bad = run("apikey", "create", "--owner", "a b");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("owner must be");
    assertThat(run("apikey", "list").out()).contains("No API keys");
  }

  @Test
  void whileAnotherProcessHoldsTheEmbeddedDatabase_theErrorSaysSo() throws Exception {
    Database.open(DatabaseConfig.embedded(dataDir)).close(); // migrate first
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process holder =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldDatabase.class.getName(),
                dataDir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      // the holder's log lines may come first (a test logging config on the class path)
      String line = out.readLine();
      for (int i = 0; i < 50 && line != null && !line.equals("ready"); i++) {
        line = out.readLine();
      }
      assertThat(line).isEqualTo("ready");
      CliRun locked = run("apikey", "list");
      assertThat(locked.code()).isEqualTo(1);
      assertThat(locked.err())
          .contains("is in use by another process")
          .contains("Stop it")
          .contains("PostgreSQL");
    } finally {
      holder.getOutputStream().close();
      if (!holder.waitFor(30, TimeUnit.SECONDS)) {
        holder.destroyForcibly();
      }
    }
    assertThat(run("apikey", "list").code()).isZero(); // free again
  }

  @Test
  void lockDetection_looksThroughTheCauses() {
    RuntimeException wrapped =
        new RuntimeException(
            "connect", new IllegalStateException("Database may be already in use"));
    assertThat(ApiKeyCommand.mentionsLock(wrapped)).isTrue();
    assertThat(ApiKeyCommand.mentionsLock(new RuntimeException("other"))).isFalse();
  }
}
