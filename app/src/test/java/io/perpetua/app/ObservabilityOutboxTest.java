package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.jdbc.JdbcWebhookOutbox;
import io.perpetua.trading.port.WebhookOutbox.Queued;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's wiring of the webhook outbox: a delivery an earlier run left in the database is
 * sent once the database opens, and removed from the outbox.
 */
class ObservabilityOutboxTest {
  @TempDir Path dir;

  @Test
  void deliveriesLeftByAnEarlierRun_areSentWhenTheDatabaseOpens() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        ex -> {
          received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    receiver.start();
    Path yaml = dir.resolve("perpetua.yaml");
    Files.writeString(
        yaml,
        """
        observability:
          webhooks:
            - {name: ops, format: generic, url_env: TEST_WEBHOOK_URL}
        """);
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/ops";
    PerpetuaConfig config = ConfigLoader.load(yaml, Map.of());
    DatabaseConfig dbConfig = DatabaseConfig.embedded(dir.resolve("db"));
    try (Database earlier = Database.open(dbConfig)) {
      new JdbcWebhookOutbox(earlier)
          .enqueue(new Queued(0, "ops", "breaker", "{\"title\":\"left over\"}", 2, 1_000L));
    }
    try (Database db = Database.open(dbConfig);
        Observability observability = new Observability(config, Map.of("TEST_WEBHOOK_URL", url))) {
      observability.database(db);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline
          && (received.isEmpty() || !new JdbcWebhookOutbox(db).pending().isEmpty())) {
        Thread.sleep(10);
      }
      assertThat(received).containsExactly("{\"title\":\"left over\"}");
      assertThat(new JdbcWebhookOutbox(db).pending()).isEmpty();
    } finally {
      receiver.stop(0);
    }
  }
}
