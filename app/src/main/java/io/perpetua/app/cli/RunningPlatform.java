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
import java.util.Map;
import java.util.Optional;

/**
 * A running platform's {@code /api/v1}, for the commands that act through it ({@code api-key} while
 * the platform holds the embedded database, {@code carry}). The address comes from {@value
 * Platform#API_URL_FILE} in its data directory (or is given), the bearer token from {@code
 * PERPETUA_API_TOKEN} or the data directory's token file. Secrets pass through, never logged.
 */
final class RunningPlatform implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** An answer other than 200 with code 0: the HTTP status, the API code and its message. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** HTTP status. */
    final int status;

    Failure(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  private RunningPlatform(String base, String token) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.token = token;
  }

  /** The running platform of {@code dataDir}, if it left its address and a token is known. */
  static Optional<RunningPlatform> find(Path dataDir, Map<String, String> env) {
    Path urlFile = dataDir.resolve(Platform.API_URL_FILE);
    try {
      if (!Files.isRegularFile(urlFile)) {
        return Optional.empty();
      }
      return at(Files.readString(urlFile, StandardCharsets.UTF_8).strip(), dataDir, env);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + urlFile, e);
    }
  }

  /** The platform at {@code base}, if a token is known (environment, then {@code dataDir}). */
  static Optional<RunningPlatform> at(String base, Path dataDir, Map<String, String> env) {
    String token = env.getOrDefault("PERPETUA_API_TOKEN", "").strip();
    Path tokenFile = dataDir.resolve(TokenStore.FILE);
    try {
      if (token.isEmpty() && Files.isRegularFile(tokenFile)) {
        token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + tokenFile, e);
    }
    return token.isEmpty() ? Optional.empty() : Optional.of(new RunningPlatform(base, token));
  }

  /** Where it answers. */
  String base() {
    return base;
  }

  /**
   * {@code method path} with {@code body} (null: none); the envelope's {@code data}.
   *
   * @throws Failure on any answer but 200 with code 0
   * @throws UncheckedIOException when the platform does not answer
   */
  JsonNode call(String method, String path, JsonNode body) {
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
      if (res.statusCode() != 200 || json.path("code").asInt(-1) != 0) {
        throw new Failure(
            res.statusCode(),
            "the running platform at "
                + base
                + " answered "
                + res.statusCode()
                + " ("
                + json.path("code").asText("?")
                + "): "
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

  @Override
  public void close() {
    http.close();
  }
}
