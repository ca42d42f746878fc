package io.perpetua.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.trading.port.WebhookOutbox;
import io.perpetua.trading.port.WebhookOutbox.Queued;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every database keeps of the webhook outbox: pending deliveries survive a reopen. */
abstract class WebhookOutboxContract {
  private final List<Database> open = new ArrayList<>();

  /** A fresh, empty database configuration. */
  protected abstract DatabaseConfig freshConfig() throws Exception;

  private WebhookOutbox openOutbox(DatabaseConfig config) {
    Database db = Database.open(config);
    open.add(db);
    return new JdbcWebhookOutbox(db);
  }

  @AfterEach
  void closeAll() {
    open.forEach(Database::close);
    open.clear();
  }

  @Test
  void pendingDeliveries_surviveAReopen_withTheirAttempts_inOrder() throws Exception {
    DatabaseConfig config = freshConfig();
    WebhookOutbox outbox = openOutbox(config);
    assertThat(outbox.durable()).isTrue();
    long a = outbox.enqueue(new Queued(0, "ops", "alert", "{\"title\":\"a\"}", 0, 1_000L));
    long b = outbox.enqueue(new Queued(0, "discord", "breaker", "{\"title\":\"b\"}", 0, 2_000L));
    long c = outbox.enqueue(new Queued(0, "ops", "signal", "{\"title\":\"c\"}", 0, 3_000L));
    assertThat(a).isPositive();
    assertThat(b).isGreaterThan(a);
    outbox.attempted(b, 3);
    outbox.remove(a);
    outbox.remove(a); // removing twice is harmless
    closeAll();

    List<Queued> after = openOutbox(config).pending();
    assertThat(after)
        .containsExactly(
            new Queued(b, "discord", "breaker", "{\"title\":\"b\"}", 3, 2_000L),
            new Queued(c, "ops", "signal", "{\"title\":\"c\"}", 0, 3_000L));
  }
}
