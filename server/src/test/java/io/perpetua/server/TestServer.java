package io.perpetua.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.core.time.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** An {@link ApiServer} started on an ephemeral port with an HTTP client to call it. */
final class TestServer implements AutoCloseable {
  /** The token the server accepts. */
  static final String TOKEN = "s3cret-test-token-0123456789abcdef";

  static final String VIEWER = "viewer-test-token-0123456789abcdef";

  static final ObjectMapper JSON = new ObjectMapper();

  final InMemoryPlatformState state;
  final ManualClock clock;
  final ApiServer server;
  final int port;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer(InMemoryPlatformState state, ServerConfig config, RouteGroup... extra) {
    this(state, config, s -> {}, extra);
  }

  private TestServer(
      InMemoryPlatformState state,
      ServerConfig config,
      java.util.function.Consumer<ApiServer> setup,
      RouteGroup... extra) {
    this.state = state;
    this.clock = new ManualClock(Fixtures.NOW);
    this.server =
        new ApiServer(state, ApiToken.of(TOKEN), clock, config)
            .withViewerToken(ApiToken.of(VIEWER));
    for (RouteGroup group : extra) {
      server.addRoutes(group);
    }
    setup.accept(server);
    this.port = server.start(0);
  }

  /** A server over the populated fixtures, listening on localhost. */
  static TestServer start(RouteGroup... extra) {
    return start(Fixtures.populated(), localConfig(), extra);
  }

  static TestServer start(InMemoryPlatformState state, ServerConfig config, RouteGroup... extra) {
    return new TestServer(state, config, extra);
  }

  /** A server over {@code state}, configured by {@code setup} before it starts. */
  static TestServer start(
      InMemoryPlatformState state,
      java.util.function.Consumer<ApiServer> setup,
      RouteGroup... extra) {
    return new TestServer(state, localConfig(), setup, extra);
  }

  static ServerConfig localConfig() {
    return ServerConfig.defaults().withBindHost("127.0.0.1");
  }

  /** GET with the right token. */
  Response get(String path) {
    return send("GET", path, Map.of("Authorization", "Bearer " + TOKEN), null);
  }

  /** GET without any Authorization header. */
  Response getAnonymous(String path) {
    return send("GET", path, Map.of(), null);
  }

  Response send(String method, String path, Map<String, String> headers, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }

  /** A response. */
  record Response(int status, HttpHeaders headers, byte[] bytes) {
    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return JSON.readTree(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body(), e);
      }
    }

    JsonNode data() {
      return json().get("data");
    }

    int code() {
      return json().get("code").asInt();
    }

    String message() {
      return json().get("message").asText();
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }
}
