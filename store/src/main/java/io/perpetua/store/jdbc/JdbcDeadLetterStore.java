package io.perpetua.store.jdbc;

import io.perpetua.trading.port.DeadLetterStore;
import java.util.List;
import java.util.Objects;

/**
 * The {@link DeadLetterStore} in the journal database ({@code webhook_dead_letters}, migration
 * V20). Each letter is its own committed insert. Thread-safe.
 */
public final class JdbcDeadLetterStore implements DeadLetterStore {
  static final int MAX_PAYLOAD = 100_000;
  private static final int MAX_TEXT = 1000;

  private final JdbcAccess db;

  /** A store in {@code database}. */
  public JdbcDeadLetterStore(Database database) {
    Objects.requireNonNull(database, "database");
    this.db = new JdbcAccess(database.dataSource(), database.errors());
  }

  @Override
  public void add(DeadLetter d) {
    db.update(
        "record dead letter",
        "INSERT INTO webhook_dead_letters (channel, kind, payload, attempts, last_error,"
            + " created_at_ms, dead_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
        p ->
            p.text(cut(d.channel(), 64))
                .text(cut(d.kind(), 32))
                .text(cut(d.payload(), MAX_PAYLOAD))
                .integer(d.attempts())
                .text(cut(d.lastError(), MAX_TEXT))
                .bigint(d.createdAtMs())
                .bigint(d.deadAtMs()));
  }

  @Override
  public List<DeadLetter> recent(int limit) {
    return db.query(
        "dead letters",
        c ->
            JournalReader.list(
                c,
                "SELECT channel, kind, payload, attempts, last_error, created_at_ms, dead_at_ms"
                    + " FROM webhook_dead_letters ORDER BY id DESC",
                limit,
                rs ->
                    new DeadLetter(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getLong(7))));
  }

  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
