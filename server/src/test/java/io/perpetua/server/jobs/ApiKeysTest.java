package io.perpetua.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.auth.apikey.ApiKey;
import io.perpetua.auth.apikey.InMemoryApiKeyStore;
import io.perpetua.core.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
  @TempDir Path dataDir;

  private final ManualClock clock = new ManualClock(JobTestHarness.T0.toEpochMilli());
  private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
  private final ApiKeySecrets secrets = ApiKeySecrets.of(JobTestHarness.MASTER_KEY);
  private final ApiKeys keys = new ApiKeys(store, secrets, clock);

  @Test
  void create_storesOnlyTheSecretsHash_andReturnsTheSecretOnce() {
    ApiKeys.Issued issued = keys.create("alice");
    ApiKey stored = store.find(issued.key().keyId()).orElseThrow();
    assertThat(stored.keyId()).matches("pk_[0-9a-f]{24}");
    assertThat(stored.owner()).isEqualTo("alice");
    assertThat(stored.createdAt()).isEqualTo(JobTestHarness.T0);
    assertThat(issued.secret()).startsWith("sk_").hasSize(46);
    assertThat(stored.secretSha256()).isEqualTo(ApiKeySecrets.sha256Hex(issued.secret()));
    assertThat(stored.toString()).doesNotContain(issued.secret());
    assertThat(issued.toString()).doesNotContain(issued.secret()).contains("redacted");
    assertThat(secrets.toString()).doesNotContain(JobTestHarness.MASTER_KEY);
  }

  @Test
  void secrets_areDerived_perKeyAndMasterKey() {
    ApiKeys.Issued a = keys.create("alice");
    ApiKeys.Issued b = keys.create("alice");
    assertThat(a.key().keyId()).isNotEqualTo(b.key().keyId());
    assertThat(a.secret()).isNotEqualTo(b.secret());
    assertThat(secrets.secretFor(a.key().keyId())).isEqualTo(a.secret());
    assertThat(ApiKeySecrets.of("x".repeat(40)).secretFor(a.key().keyId()))
        .isNotEqualTo(a.secret());
  }

  @Test
  void revoke_andList() {
    ApiKeys.Issued a = keys.create("alice");
    clock.set(clock.nowMillis() + 1);
    keys.create("bob");
    assertThat(keys.revoke(a.key().keyId())).isTrue();
    assertThat(keys.revoke(a.key().keyId())).isFalse();
    assertThat(keys.list()).extracting(ApiKey::owner).containsExactly("alice", "bob");
    assertThat(keys.list().get(0).active()).isFalse();
  }

  @Test
  void badOwnerNames_areRefused() {
    for (String owner : new String[] {"", "a b", "x".repeat(129), "ä"}) {
      assertThatThrownBy(() -> keys.create(owner))
          .as(owner)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(store.list()).isEmpty();
  }

  @Test
  void masterKey_isCreatedOwnerOnly_thenReused_andTheEnvironmentWins() throws Exception {
    ApiKeySecrets first = ApiKeySecrets.resolve(dataDir, Map.of());
    Path file = dataDir.resolve(ApiKeySecrets.FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file).strip()).hasSize(43);
    ApiKeySecrets again = ApiKeySecrets.resolve(dataDir, Map.of());
    assertThat(again.secretFor("pk_" + "0".repeat(24)))
        .isEqualTo(first.secretFor("pk_" + "0".repeat(24)));
    ApiKeySecrets fromEnv =
        ApiKeySecrets.resolve(dataDir, Map.of(ApiKeySecrets.ENV, JobTestHarness.MASTER_KEY));
    assertThat(fromEnv.secretFor("pk_" + "0".repeat(24)))
        .isEqualTo(secrets.secretFor("pk_" + "0".repeat(24)));
    assertThatThrownBy(() -> ApiKeySecrets.of("too-short"))
        .hasMessageContaining("at least 32 characters");
  }
}
