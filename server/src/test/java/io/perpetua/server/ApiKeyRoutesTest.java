package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.auth.apikey.InMemoryApiKeyStore;
import io.perpetua.core.time.ManualClock;
import io.perpetua.server.jobs.ApiKeyRoutes;
import io.perpetua.server.jobs.ApiKeySecrets;
import io.perpetua.server.jobs.ApiKeys;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/admin/api-keys}: create (secret once), list, revoke, roles, validation, 503. */
class ApiKeyRoutesTest {
  private static final ApiKeySecrets SECRETS =
      ApiKeySecrets.of("master-key-0123456789abcdef0123456789abcdef0123456789");
  private static final Map<String, String> ADMIN =
      Map.of("Authorization", "Bearer " + TestServer.TOKEN, "Content-Type", "application/json");
  private static final Map<String, String> VIEWER =
      Map.of("Authorization", "Bearer " + TestServer.VIEWER, "Content-Type", "application/json");

  private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
  private final AtomicReference<ApiKeys> keys =
      new AtomicReference<>(new ApiKeys(store, SECRETS, new ManualClock(1_767_225_600_000L)));
  private TestServer api;

  @BeforeEach
  void start() {
    api = TestServer.start(new ApiKeyRoutes(keys::get));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void create_returnsTheSecretOnce_listNeverDoes_revokeMarksTheKey() {
    TestServer.Response created =
        api.send("POST", "/api/v1/admin/api-keys", ADMIN, "{\"owner\":\"alice\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    JsonNode d = created.json().get("data");
    String id = d.get("key_id").asText();
    assertThat(d.get("secret").asText()).isEqualTo(SECRETS.secretFor(id));
    assertThat(store.find(id).orElseThrow().secretSha256())
        .isEqualTo(ApiKeySecrets.sha256Hex(d.get("secret").asText()));

    TestServer.Response listed = api.get("/api/v1/admin/api-keys");
    assertThat(listed.body()).doesNotContain(d.get("secret").asText()).doesNotContain("secret");
    assertThat(listed.json().get("data").get("keys").get(0).get("status").asText())
        .isEqualTo("active");

    TestServer.Response revoked =
        api.send("POST", "/api/v1/admin/api-keys/" + id + "/revoke", ADMIN, "{}");
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    assertThat(revoked.json().get("data").get("status").asText()).isEqualTo("revoked");
    assertThat(api.send("POST", "/api/v1/admin/api-keys/" + id + "/revoke", ADMIN, "{}").status())
        .isEqualTo(404);
  }

  @Test
  void create_badOwner_is400NamingTheField_andTheViewerTokenMayNotCreate() {
    TestServer.Response bad =
        api.send("POST", "/api/v1/admin/api-keys", ADMIN, "{\"owner\":\"a b\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("message").asText()).contains("owner");
    assertThat(api.send("POST", "/api/v1/admin/api-keys", ADMIN, "{}").status()).isEqualTo(400);

    TestServer.Response viewer =
        api.send("POST", "/api/v1/admin/api-keys", VIEWER, "{\"owner\":\"alice\"}");
    assertThat(viewer.status()).isEqualTo(403);
    assertThat(store.list()).isEmpty();
  }

  @Test
  void list_isAdminOnly_theViewerTokenGets403() {
    api.send("POST", "/api/v1/admin/api-keys", ADMIN, "{\"owner\":\"alice\"}");
    TestServer.Response viewer = api.send("GET", "/api/v1/admin/api-keys", VIEWER, null);
    assertThat(viewer.status()).isEqualTo(403);
    assertThat(viewer.json().get("code").asInt()).isEqualTo(40108);
    assertThat(viewer.body()).doesNotContain("alice").doesNotContain("pk_");
    assertThat(api.send("GET", "/api/v1/admin/api-keys", ADMIN, null).status()).isEqualTo(200);
  }

  @Test
  void beforeTheDatabaseIsOpen_answers503() {
    keys.set(null);
    assertThat(api.get("/api/v1/admin/api-keys").status()).isEqualTo(503);
  }
}
