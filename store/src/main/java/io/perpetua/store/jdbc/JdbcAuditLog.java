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
 * The {@link AuditLog} on JDBC (table {@code audit_log}, migration {@code V10}): inserts only. The
 * last entry is cached; appends are serialized in this process, and an append that loses a race
 * with another process (the CLI) on the primary key reloads the last entry and retries, so the
 * chain stays linear. Thread-safe.
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
  public synchronized AuditEntry append(AuditEvent event) {
    for (int attempt = 1; ; attempt++) {
      if (!lastLoaded) {
        last = loadLast();
        lastLoaded = true;
      }
      AuditEntry entry = AuditChain.next(last, event);
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement(INSERT)) {
        bind(new Params(ps), entry);
        ps.executeUpdate();
        last = entry;
        return entry;
      } catch (SQLException e) {
        lastLoaded = false;
        if (!"23505".equals(e.getSQLState()) || attempt == ATTEMPTS) {
          throw errors.translate("append audit entry", e);
        }
      }
    }
  }

  @Override
  public synchronized List<AuditEntry> appendAll(List<AuditEvent> events) {
    if (events.size() <= 1) {
      return events.isEmpty() ? List.of() : List.of(append(events.get(0)));
    }
    for (int attempt = 1; ; attempt++) {
      if (!lastLoaded) {
        last = loadLast();
        lastLoaded = true;
      }
      List<AuditEntry> entries = new ArrayList<>(events.size());
      AuditEntry previous = last;
      for (AuditEvent event : events) {
        previous = AuditChain.next(previous, event);
        entries.add(previous);
      }
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
          for (AuditEntry entry : entries) {
            bind(new Params(ps), entry);
            ps.addBatch();
          }
          ps.executeBatch();
          c.commit();
        } catch (SQLException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
        last = previous;
        return entries;
      } catch (SQLException e) {
        lastLoaded = false;
        boolean conflict =
            "23505".equals(e.getSQLState())
                || (e.getNextException() != null
                    && "23505".equals(e.getNextException().getSQLState()));
        if (!conflict || attempt == ATTEMPTS) {
          throw errors.translate("append audit entries", e);
        }
      }
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
