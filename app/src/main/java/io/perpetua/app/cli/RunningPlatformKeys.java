package io.perpetua.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API keys of a running platform, through its admin API ({@code /api/v1/admin/api-keys}): how
 * {@code perpetua apikey} works while the platform holds the embedded database ({@link
 * RunningPlatform}: its address and token).
 */
final class RunningPlatformKeys implements ApiKeyCommand.Admin {
  private final RunningPlatform api;

  private RunningPlatformKeys(RunningPlatform api) {
    this.api = api;
  }

  /** The running platform of {@code dataDir}, if it left its address and a token is known. */
  static Optional<RunningPlatformKeys> find(Path dataDir, Map<String, String> env) {
    return RunningPlatform.find(dataDir, env).map(RunningPlatformKeys::new);
  }

  @Override
  public ApiKeyCommand.Created create(String owner) {
    JsonNode d =
        api.call(
            "POST",
            "/api/v1/admin/api-keys",
            RunningPlatform.JSON.createObjectNode().put("owner", owner));
    return new ApiKeyCommand.Created(d.get("key_id").asText(), d.get("secret").asText());
  }

  @Override
  public List<ApiKeyCommand.Row> list() {
    List<ApiKeyCommand.Row> out = new ArrayList<>();
    for (JsonNode k : api.call("GET", "/api/v1/admin/api-keys", null).get("keys")) {
      out.add(
          new ApiKeyCommand.Row(
              k.get("key_id").asText(),
              k.get("owner").asText(),
              Instant.parse(k.get("created_at").asText()),
              k.get("revoked_at").isTextual()
                  ? Instant.parse(k.get("revoked_at").asText())
                  : null));
    }
    return out;
  }

  @Override
  public boolean revoke(String keyId) {
    try {
      api.call(
          "POST",
          "/api/v1/admin/api-keys/" + keyId + "/revoke",
          RunningPlatform.JSON.createObjectNode());
      return true;
    } catch (RunningPlatform.Failure e) {
      if (e.status == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    api.close();
  }
}
