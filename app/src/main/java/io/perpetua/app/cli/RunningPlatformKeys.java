package io.perpetua.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.app.Platform;
import io.perpetua.app.TokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API keys of a running platform, through its admin API ({@code /api/v1/admin/api-keys}): how
 * {@code perpetua apikey} works while the platform holds the embedded database. The platform's
 * address comes from {@value Platform#API_URL_FILE} in its data directory, the bearer token from
 * {@code PERPETUA_API_TOKEN} or the data directory's token file. Secrets pass through, never
 * logged.
 */
final class RunningPlatformKeys implements ApiKeyCommand.Admin {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  private RunningPlatformKeys(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** The running platform of {@code dataDir}, if it left its address and a token is known. */
  static Optional<RunningPlatformKeys> find(Path dataDir, Map<String, String> env) {
    Path urlFile = dataDir.resolve(Platform.API_URL_FILE);
    String token = env.getOrDefault("PERPETUA_API_TOKEN", "").strip();
    try {
      if (!Files.isRegularFile(urlFile)) {
        return Optional.empty();
      }
      if (token.isEmpty() && Files.isRegularFile(dataDir.resolve(TokenStore.FILE))) {
        token = Files.readString(dataDir.resolve(TokenStore.FILE), StandardCharsets.UTF_8).strip();
      }
      if (token.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new RunningPlatformKeys(
              Files.readString(urlFile, StandardCharsets.UTF_8).strip(), token));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + urlFile, e);
    }
  }

  @Override
  public ApiKeyCommand.Created create(String owner) {
    JsonNode d =
        call("POST", "/api/v1/admin/api-keys", JSON.createObjectNode().put("owner", owner));
    return new ApiKeyCommand.Created(d.get("key_id").asText(), d.get("secret").asText());
  }

  @Override
  public List<ApiKeyCommand.Row> list() {
    List<ApiKeyCommand.Row> out = new ArrayList<>();
    for (JsonNode k : call("GET", "/api/v1/admin/api-keys", null).get("keys")) {
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
      call("POST", "/api/v1/admin/api-keys/" + keyId + "/revoke", JSON.createObjectNode());
      return true;
    } catch (NotFound e) {
      return false;
    }
  }

  @Override
  public void close() {
    http.close();
  }

  /** A 404 answer. */
  private static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  private JsonNode call(String method, String path, JsonNode body) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token);
    if (body != null) {
      req.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      req.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(res.body());
      if (res.statusCode() == 404) {
        throw new NotFound(json.path("message").asText());
      }
      if (res.statusCode() != 200 || json.path("code").asInt(-1) != 0) {
        throw new IllegalStateException(
            "the running platform at "
                + base
                + " answered "
                + res.statusCode()
                + ": "
                + json.path("message").asText(res.body()));
      }
      return json.get("data");
    } catch (IOException e) {
      throw new UncheckedIOException("the running platform at " + base + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
