package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Predicate;

/** A platform's API seen from a test: enveloped GETs with the admin token, and waits. */
final class TestApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final String token;

  TestApi(int port, String token) {
    this.port = port;
    this.token = token;
  }

  /** The whole envelope of {@code GET path}. */
  JsonNode get(String path) throws Exception {
    var req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token);
    return JSON.readTree(http.send(req.build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  /** The {@code data} of a successful {@code GET path}. */
  JsonNode data(String path) throws Exception {
    JsonNode body = get(path);
    assertThat(body.get("code").asInt()).as(path + ": " + body).isZero();
    return body.get("data");
  }

  /** Polls {@code path} until it succeeds with data {@code done} accepts (fails after the wait). */
  JsonNode await(String path, Predicate<JsonNode> done, long timeoutMs) throws Exception {
    long end = System.currentTimeMillis() + timeoutMs;
    JsonNode last = null;
    while (System.currentTimeMillis() < end) {
      last = get(path);
      if (last.get("code").asInt() == 0 && done.test(last.get("data"))) {
        return last.get("data");
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out on " + path + ": " + last);
  }
}
