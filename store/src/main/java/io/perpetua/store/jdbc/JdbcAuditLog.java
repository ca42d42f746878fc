package io.perpetua.store.jdbc;

import io.perpetua.auth.audit.AuditChain;
import io.perpetua.auth.audit.AuditEntry;
import io.perpetua.auth.audit.AuditEvent;
import io.perpetua.auth.audit.AuditLog;
import io.perpetua.auth.audit.AuditQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The {@link AuditLog} on JDBC (table {@code audit_log}, migration {@code V10}): inserts only, each
 * append in one transaction with the move of the head record ({@code audit_head}, {@code V140}),
 * which never moves backwards. {@link #appendWithin} adds other work to that transaction (the
 * kernel's journal commit). The last entry is cached; appends are serialized in this process, and
 * an append that loses a race with another process (the CLI) on the primary key reloads the last
 * entry and retries, so the chain stays linear. Thread-safe.
 */
public final class JdbcAuditLog implements AuditLog {
  private static final String COLUMNS =
      "seq, at_ms, actor, action, entity, entity_id, before_state, after_state, reason,"
          + " request_id, prev_hash, hash";
  private static final String INSERT =
      "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String LAST =
      "SELECT " + COLUMNS + " FROM audit_log ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY";
  private static final String ALL = "SELECT " + COLUMNS + " FROM audit_log ORDER BY seq";
  private static final String HEAD_READ = "SELECT seq, hash FROM audit_head WHERE id = 1";
  private static final String HEAD_MOVE =
      "UPDATE audit_head SET seq = ?, hash = ?, at_ms = ? WHERE id = 1 AND seq < ?";
  private static final String HEAD_CREATE =
      "INSERT INTO audit_head (id, seq, hash, at_ms) SELECT 1, ?, ?, ?"
          + " WHERE NOT EXISTS (SELECT 1 FROM audit_head WHERE id = 1)";
  private static final int ATTEMPTS = 5;

  private final DataSource dataSource;
  private final JdbcErrors errors;
  private AuditEntry last;
  private boolean lastLoaded;

  /** A log in {@code database}. */
  public JdbcAuditLog(Database database) {
    this.dataSource = database.dataSource();
    this.errors = database.errors();
  }

  @Override
  public AuditEntry append(AuditEvent event) {
    return appendAll(List.of(event)).get(0);
  }

  @Override
  public List<AuditEntry> appendAll(List<AuditEvent> events) {
    return events.isEmpty() ? List.of() : appendWithin(events, c -> {});
  }

  /**
   * Appends {@code events} in the same transaction as {@code work} (run first, on the same
   * connection): both commit or neither. On a lost race with another writer the whole transaction
   * is retried, so {@code work} must be idempotent (the trading journal's commit is).
   *
   * @return the stored entries (empty when {@code events} is)
   */
  public synchronized List<AuditEntry> appendWithin(List<AuditEvent> events, Work work) {
    for (int attempt = 1; ; attempt++) {
      List<AuditEvent> all = new ArrayList<>();
      if (!lastLoaded) {
        last = loadLast();
        lastLoaded = true;
        tailCheck().ifPresent(all::add);
      }
      all.addAll(events);
      List<AuditEntry> entries = new ArrayList<>(all.size());
      AuditEntry previous = last;
      for (AuditEvent event : all) {
        previous = AuditChain.next(previous, event);
        entries.add(previous);
      }
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          work.run(c);
          insert(c, entries);
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
        last = previous;
        return entries.subList(all.size() - events.size(), entries.size());
      } catch (SQLException e) {
        lastLoaded = false;
        if (!conflict(e) || attempt == ATTEMPTS) {
          throw errors.translate("append audit entries", e);
        }
      }
    }
  }

  /** Work done in an append's transaction. */
  @FunctionalInterface
  public interface Work {
    /** Runs on {@code c} (auto-commit off; do not commit). */
    void run(Connection c) throws SQLException;
  }

  /**
   * Whether {@code dataSource} is this log's (the same database, so one transaction spans both).
   */
  public boolean sameDatabase(DataSource other) {
    return dataSource == other;
  }

  private static boolean conflict(SQLException e) {
    return "23505".equals(e.getSQLState())
        || (e.getNextException() != null && "23505".equals(e.getNextException().getSQLState()));
  }

  private static void insert(Connection c, List<AuditEntry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (AuditEntry entry : entries) {
        bind(new Params(ps), entry);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    AuditEntry newest = entries.getLast();
    try (PreparedStatement ps = c.prepareStatement(HEAD_MOVE)) {
      new Params(ps)
          .bigint(newest.seq())
          .text(newest.hash())
          .bigint(newest.event().at().toEpochMilli())
          .bigint(newest.seq());
      if (ps.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement ps = c.prepareStatement(HEAD_CREATE)) {
      new Params(ps)
          .bigint(newest.seq())
          .text(newest.hash())
          .bigint(newest.event().at().toEpochMilli());
      ps.executeUpdate(); // 0 rows: the head is already past this entry (after a truncation)
    }
  }

  /**
   * After (re)loading the last entry: when the head record is past it, entries were removed from
   * the end of the log. The next append then records that first ({@link AuditChain#TAIL_MISSING}),
   * so the evidence stays in the chain even after the log grows past the old head again.
   */
  private java.util.Optional<AuditEvent> tailCheck() {
    java.util.Optional<AuditChain.Head> head = head();
    long lastSeq = last == null ? 0 : last.seq();
    if (head.isEmpty() || head.get().seq() <= lastSeq) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new AuditEvent(
            java.time.Instant.now(),
            "system:audit",
            AuditChain.TAIL_MISSING,
            "audit_log",
            Long.toString(lastSeq + 1),
            "{\"head_seq\":" + head.get().seq() + ",\"head_hash\":\"" + head.get().hash() + "\"}",
            "{\"last_seq\":" + lastSeq + "}",
            "entries " + (lastSeq + 1) + ".." + head.get().seq() + " were removed from the log",
            ""));
  }

  @Override
  public boolean keepsHead() {
    return true;
  }

  @Override
  public java.util.Optional<AuditChain.Head> head() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(HEAD_READ);
        ResultSet rs = ps.executeQuery()) {
      return rs.next()
          ? java.util.Optional.of(new AuditChain.Head(rs.getLong(1), rs.getString(2)))
          : java.util.Optional.empty();
    } catch (SQLException e) {
      throw errors.translate("read audit head", e);
    }
  }

  private static void bind(Params p, AuditEntry entry) throws SQLException {
    AuditEvent v = entry.event();
    p.bigint(entry.seq())
        .bigint(v.at().toEpochMilli())
        .text(v.actor())
        .text(v.action())
        .text(v.entity())
        .text(v.entityId())
        .text(v.before())
        .text(v.after())
        .text(v.reason())
        .text(v.requestId())
        .text(entry.prevHash())
        .text(entry.hash());
  }

  private AuditEntry loadLast() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(LAST);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? entry(rs) : null;
    } catch (SQLException e) {
      throw errors.translate("read last audit entry", e);
    }
  }

  @Override
  public List<AuditEntry> query(AuditQuery q) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE seq > ?");
    List<Object> args = new ArrayList<>();
    args.add(q.afterSeq());
    condition(sql, args, "entity = ?", q.entity());
    condition(sql, args, "entity_id = ?", q.entityId());
    condition(sql, args, "actor = ?", q.actor());
    if (q.actionPrefix() != null) {
      sql.append(" AND action LIKE ? ESCAPE '!'");
      args.add(q.actionPrefix().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    }
    condition(sql, args, "at_ms >= ?", q.from() == null ? null : q.from().toEpochMilli());
    condition(sql, args, "at_ms < ?", q.to() == null ? null : q.to().toEpochMilli());
    sql.append(" ORDER BY seq FETCH FIRST ").append(q.limit()).append(" ROWS ONLY");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<AuditEntry> out = new ArrayList<>();
        while (rs.next()) {
          out.add(entry(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw errors.translate("query audit log", e);
    }
  }

  private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
    if (value != null) {
      sql.append(" AND ").append(clause);
      args.add(value);
    }
  }

  @Override
  public void scan(Consumer<AuditEntry> sink) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(ALL)) {
      ps.setFetchSize(1000);
      c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sink.accept(entry(rs));
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw errors.translate("scan audit log", e);
    }
  }

  private static AuditEntry entry(ResultSet rs) throws SQLException {
    AuditEvent event =
        new AuditEvent(
            Instant.ofEpochMilli(rs.getLong(2)),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            rs.getString(8),
            rs.getString(9),
            rs.getString(10));
    return new AuditEntry(rs.getLong(1), event, rs.getString(11), rs.getString(12));
  }
}
