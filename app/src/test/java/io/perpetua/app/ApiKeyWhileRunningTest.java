package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.app.cli.CliRun;
import io.perpetua.server.jobs.ApiKeySecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perpetua apikey create|list|revoke} while the platform runs on the embedded database (a
 * child JVM holding it): the command goes through the running platform's admin API, the secret is
 * shown once and is the one the platform verifies signatures with.
 */
class ApiKeyWhileRunningTest {
  @TempDir Path tmp;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void createListRevoke_whileThePlatformRuns_goThroughItsApi() throws Exception {
    Path dataDir = tmp.resolve("data");
    PlatformProcess.copyImported(dataDir);
    Files.writeString(dataDir.resolve(TokenStore.FILE), PlatformProcess.TOKEN + "\n");
    Path config = PlatformProcess.writeConfig(tmp.resolve("perpetua.yaml"), "59 23 * * *", 3);
    try (PlatformProcess platform = PlatformProcess.start(dataDir, config, 3600)) {
      // the platform holds the embedded database once its journal answers
      platform.await("/api/v1/account/balance", d -> true, 60_000);
      String dir = "--data-dir=" + dataDir;

      CliRun created = run("apikey", "create", "--owner", "alice", dir);
      assertThat(created.code()).as(created.err()).isZero();
      Matcher id = Pattern.compile("key id: (pk_[0-9a-f]{24})").matcher(created.out());
      Matcher secret = Pattern.compile("secret: (sk_[A-Za-z0-9_-]{43})").matcher(created.out());
      assertThat(id.find()).as(created.out()).isTrue();
      assertThat(secret.find()).as(created.out()).isTrue();
      assertThat(ApiKeySecrets.resolve(dataDir, Map.of()).secretFor(id.group(1)))
          .as("the secret the platform verifies with")
          .isEqualTo(secret.group(1));

      CliRun listed = run("apikey", "list", dir);
      assertThat(listed.code()).as(listed.err()).isZero();
      assertThat(listed.out())
          .contains(id.group(1))
          .contains("alice")
          .contains("active")
          .doesNotContain(secret.group(1));

      CliRun revoked = run("apikey", "revoke", id.group(1), dir);
      assertThat(revoked.code()).as(revoked.err()).isZero();
      JsonNode keys = platform.get("/api/v1/admin/api-keys").get("keys");
      assertThat(keys).hasSize(1);
      assertThat(keys.get(0).get("status").asText()).isEqualTo("revoked");
      assertThat(keys.get(0).has("secret")).isFalse();
      CliRun again = run("apikey", "revoke", id.group(1), dir);
      assertThat(again.code()).isEqualTo(1);
      assertThat(again.err()).contains("no active API key " + id.group(1));
      assertThat(platform.console()).doesNotContain(secret.group(1));
    }
  }
}
