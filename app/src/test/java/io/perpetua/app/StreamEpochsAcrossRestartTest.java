package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.core.time.ManualClock;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.server.ApiServer;
import io.perpetua.server.ApiToken;
import io.perpetua.server.ServerConfig;
import io.perpetua.server.stream.StreamEndpoints;
import io.perpetua.server.stream.StreamHub;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.jdbc.JdbcStreamEpochs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream sequence numbers across a restart: two platform stream hubs, one after the other, over one
 * database. The second takes a later epoch, so its numbers continue above the first's, and a client
 * resuming with the first's last number gets an explicit {@code stream.gap} (restarted), then only
 * the second's events — never the second's events under numbers it already saw.
 */
class StreamEpochsAcrossRestartTest {
  private static final String TOKEN = "stream-epoch-test-token-0123456789ab";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** One platform process's streams: a hub with its epoch from the database, and the API. */
  private record Process(StreamHub hub, ApiServer server, int port) implements AutoCloseable {
    static Process start(Database db) {
      StreamHub hub = new StreamHub(StreamHub.Limits.defaults());
      hub.epoch(new JdbcStreamEpochs(db).next(System.currentTimeMillis()));
      ApiServer server =
          new ApiServer(
                  new InMemoryPlatformState(),
                  ApiToken.of(TOKEN),
                  new ManualClock(1_700_000_000_000L),
                  ServerConfig.defaults().withBindHost("127.0.0.1"))
              .addExtension(new StreamEndpoints(hub, s -> false, Set.<String>of()::contains));
      return new Process(hub, server, server.start(0));
    }

    long alert(String text) {
      return hub.publish(StreamEndpoints.ALERTS, "alert", 1L, Map.of("text", text)).seq();
    }

    @Override
    public void close() {
      server.stop();
      hub.close();
    }
  }

  @Test
  void resumingWithTheLastRunsSeq_getsAGap_andTheNewRunsEventsAboveIt() throws Exception {
    long lastSeen;
    try (Database db = Database.open(DatabaseConfig.embedded(dir));
        Process first = Process.start(db)) {
      first.alert("a");
      first.alert("b");
      lastSeen = first.alert("c");
    }
    try (Database db = Database.open(DatabaseConfig.embedded(dir));
        Process second = Process.start(db)) {
      long n1 = second.alert("x");
      long n2 = second.alert("y");
      assertThat(n1).isGreaterThan(lastSeen);
      assertThat(n2).isEqualTo(n1 + 1);

      Collector client = new Collector();
      WebSocket ws = connect(second.port(), "/stream/alerts?since=" + lastSeen, client);
      List<JsonNode> got = client.await(4);
      ws.abort();
      assertThat(got.get(0).get("type").asText()).isEqualTo("stream.gap");
      assertThat(got.get(0).at("/data/requested_since").asLong()).isEqualTo(lastSeen);
      assertThat(got.get(0).at("/data/restarted").asBoolean()).isTrue();
      assertThat(got.get(0).at("/data/first_available").asLong()).isEqualTo(n1);
      assertThat(got.get(1).get("type").asText()).isEqualTo("stream.subscribed");
      assertThat(got.get(1).at("/data/next_seq").asLong()).isEqualTo(n1);
      List<String> texts = new ArrayList<>();
      got.subList(2, 4).forEach(m -> texts.add(m.at("/data/text").asText()));
      assertThat(texts).containsExactly("x", "y");
      assertThat(got.get(2).get("seq").asLong()).isEqualTo(n1);
    }
  }

  private static WebSocket connect(int port, String path, Collector listener) throws Exception {
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .header("Authorization", "Bearer " + TOKEN)
        .buildAsync(URI.create("ws://127.0.0.1:" + port + path), listener)
        .get(5, TimeUnit.SECONDS);
  }

  private static final class Collector implements WebSocket.Listener {
    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(JSON.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    List<JsonNode> await(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (messages.size() < count && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(messages).hasSizeGreaterThanOrEqualTo(count);
      return List.copyOf(messages);
    }
  }
}
