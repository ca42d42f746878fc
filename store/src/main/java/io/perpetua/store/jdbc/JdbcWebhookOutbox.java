package io.perpetua.store.jdbc;

import io.perpetua.trading.port.WebhookOutbox;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * The {@link WebhookOutbox} in the journal database ({@code webhook_outbox}, migration V110). Each
 * call is its own committed statement. Thread-safe.
 */
public final class JdbcWebhookOutbox implements WebhookOutbox {
  private final JdbcAccess db;

  /** An outbox in {@code database}. */
  public JdbcWebhookOutbox(Database database) {
    Objects.requireNonNull(database, "database");
    this.db = new JdbcAccess(database.dataSource(), database.errors());
  }

  @Override
  public long enqueue(Queued d) {
    return db.query(
        "queue webhook delivery",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO webhook_outbox (channel, kind, payload, attempts, created_at_ms)"
                      + " VALUES (?, ?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            new Params(ps)
                .text(JdbcDeadLetterStore.cut(d.channel(), 64))
                .text(JdbcDeadLetterStore.cut(d.kind(), 32))
                .text(JdbcDeadLetterStore.cut(d.payload(), JdbcDeadLetterStore.MAX_PAYLOAD))
                .integer(d.attempts())
                .bigint(d.createdAtMs());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              if (!keys.next()) {
                throw new SQLException("no id generated for the webhook delivery");
              }
              return keys.getLong(1);
            }
          }
        });
  }

  @Override
  public void attempted(long id, int attempts) {
    db.update(
        "record webhook attempt",
        "UPDATE webhook_outbox SET attempts = ? WHERE id = ?",
        p -> p.integer(attempts).bigint(id));
  }

  @Override
  public void remove(long id) {
    db.update(
        "remove webhook delivery", "DELETE FROM webhook_outbox WHERE id = ?", p -> p.bigint(id));
  }

  @Override
  public List<Queued> pending() {
    return db.query(
        "pending webhook deliveries",
        c ->
            JournalReader.list(
                c,
                "SELECT id, channel, kind, payload, attempts, created_at_ms FROM webhook_outbox"
                    + " ORDER BY id",
                Integer.MAX_VALUE,
                rs ->
                    new Queued(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getLong(6))));
  }

  @Override
  public boolean durable() {
    return true;
  }
}
