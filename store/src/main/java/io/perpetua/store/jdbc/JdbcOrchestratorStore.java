package io.perpetua.store.jdbc;

import io.perpetua.trading.orchestrator.JobDefinition;
import io.perpetua.trading.orchestrator.OrchestratorStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@link OrchestratorStore} in the platform database (migration V93). A claim is one
 * transaction: the due jobs are selected {@code FOR UPDATE} ({@code SKIP LOCKED} on PostgreSQL:
 * another instance's claim in progress is skipped, not waited for), each is claimed by a
 * conditional update of its {@code next_due_ms} (the row count proves the claim; a concurrent
 * claimer's update finds the new value and claims nothing) and its run is inserted; then commit. So
 * two platform processes on one database never run a job twice for one due time, and a due time
 * missed while every process was down is claimed once. Thread-safe.
 */
public final class JdbcOrchestratorStore implements OrchestratorStore {
  private static final String RUN_COLUMNS =
      "id, job, trigger, scheduled_for_ms, started_ms, ended_ms, status, summary, instance";

  private final JdbcAccess db;
  private final String lockClause;

  /** A store in {@code database}. */
  public JdbcOrchestratorStore(Database database) {
    Objects.requireNonNull(database, "database");
    this.db = new JdbcAccess(database.dataSource(), database.errors());
    this.lockClause =
        database.config().url().startsWith("jdbc:postgresql:")
            ? " FOR UPDATE SKIP LOCKED"
            : " FOR UPDATE";
  }

  @Override
  public void register(List<JobDefinition> jobs, long nowMs) {
    db.query(
        "register orchestrator jobs",
        c ->
            inTransaction(
                c,
                () -> {
                  for (JobDefinition d : jobs) {
                    registerOne(c, d, nowMs);
                  }
                  return null;
                }));
  }

  private static void registerOne(Connection c, JobDefinition d, long nowMs) throws SQLException {
    String cron = null;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT cron FROM orchestrator_jobs WHERE name = ? FOR UPDATE")) {
      ps.setString(1, d.name());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          cron = rs.getString(1);
        }
      }
    }
    if (cron == null) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO orchestrator_jobs (name, cron, description, next_due_ms)"
                  + " VALUES (?, ?, ?, ?)")) {
        new Params(ps).text(d.name()).text(d.cron()).text(d.description()).bigint(d.next(nowMs));
        ps.executeUpdate();
      }
    } else if (!cron.equals(d.cron())) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE orchestrator_jobs SET cron = ?, description = ?, next_due_ms = ?"
                  + " WHERE name = ?")) {
        new Params(ps).text(d.cron()).text(d.description()).bigint(d.next(nowMs)).text(d.name());
        ps.executeUpdate();
      }
    }
  }

  @Override
  public List<Claim> claimDue(long nowMs, String instance) {
    return db.query(
        "claim due orchestrator jobs",
        c ->
            inTransaction(
                c,
                () -> {
                  List<Claim> out = new ArrayList<>();
                  for (String[] due : due(c, nowMs)) {
                    Claim claim = claim(c, due, nowMs, instance);
                    if (claim != null) {
                      out.add(claim);
                    }
                  }
                  return out;
                }));
  }

  private List<String[]> due(Connection c, long nowMs) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT name, cron, next_due_ms FROM orchestrator_jobs WHERE next_due_ms <= ?"
                + " ORDER BY next_due_ms, name"
                + lockClause)) {
      ps.setLong(1, nowMs);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new String[] {rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))});
        }
      }
    }
    return out;
  }

  private static Claim claim(Connection c, String[] due, long nowMs, String instance)
      throws SQLException {
    String name = due[0];
    long dueMs = Long.parseLong(due[2]);
    long next = new JobDefinition(name, due[1], "").next(nowMs);
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE orchestrator_jobs SET next_due_ms = ?, last_run_ms = ?"
                + " WHERE name = ? AND next_due_ms = ?")) {
      new Params(ps).bigint(next).bigint(nowMs).text(name).bigint(dueMs);
      if (ps.executeUpdate() != 1) {
        return null; // another instance claimed it
      }
    }
    String trigger = OrchestratorStore.trigger(dueMs, nowMs);
    long id = insertRun(c, name, trigger, dueMs, nowMs, null, "running", "", instance);
    return new Claim(id, name, dueMs);
  }

  private static long insertRun(
      Connection c,
      String job,
      String trigger,
      long scheduledMs,
      long startedMs,
      Long endedMs,
      String status,
      String summary,
      String instance)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO orchestrator_runs (job, trigger, scheduled_for_ms, started_ms, ended_ms,"
                + " status, summary, instance) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            new String[] {"id"})) {
      new Params(ps)
          .text(job)
          .text(trigger)
          .bigint(scheduledMs)
          .bigint(startedMs)
          .bigint(endedMs)
          .text(status)
          .text(bounded(summary))
          .text(instance);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  @Override
  public long record(
      String job, String trigger, long atMs, String instance, String status, String summary) {
    return db.query(
        "record orchestrator run",
        c -> insertRun(c, job, trigger, atMs, atMs, atMs, status, summary, instance));
  }

  @Override
  public void finish(long runId, String status, String summary, long endedMs) {
    db.update(
        "finish orchestrator run",
        "UPDATE orchestrator_runs SET status = ?, summary = ?, ended_ms = ? WHERE id = ?",
        p -> p.text(status).text(bounded(summary)).bigint(endedMs).bigint(runId));
  }

  @Override
  public int abandon(long startedBeforeMs, String reason, long nowMs) {
    return db.query(
        "abandon orchestrator runs",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE orchestrator_runs SET status = 'abandoned', ended_ms = ?, summary ="
                      + " CASE WHEN summary = '' THEN ? ELSE SUBSTRING(summary, 1, 3000) || '; '"
                      + " || ? END WHERE status = 'running' AND started_ms < ?")) {
            String why = reason.substring(0, Math.min(reason.length(), 990));
            ps.setLong(1, nowMs);
            ps.setString(2, why);
            ps.setString(3, why);
            ps.setLong(4, startedBeforeMs);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public int prune(long beforeMs) {
    return db.query(
        "prune orchestrator runs",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM orchestrator_runs WHERE started_ms < ? AND status <> 'running'")) {
            ps.setLong(1, beforeMs);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public List<JobState> jobs() {
    return db.query(
        "read orchestrator jobs",
        c -> {
          List<JobState> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT name, cron, description, next_due_ms, last_run_ms"
                          + " FROM orchestrator_jobs ORDER BY name");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              long last = rs.getLong(5);
              Long lastRun = rs.wasNull() ? null : last;
              out.add(
                  new JobState(
                      rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), lastRun));
            }
          }
          return out;
        });
  }

  @Override
  public List<Run> runs(String job, int limit, long beforeId) {
    String sql =
        "SELECT "
            + RUN_COLUMNS
            + " FROM orchestrator_runs WHERE id < ?"
            + (job == null ? "" : " AND job = ?")
            + " ORDER BY id DESC";
    return db.query(
        "read orchestrator runs",
        c -> {
          List<Run> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, beforeId);
            if (job != null) {
              ps.setString(2, job);
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next() && out.size() < limit) {
                long ended = rs.getLong(6);
                Long endedMs = rs.wasNull() ? null : ended;
                out.add(
                    new Run(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        endedMs,
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9)));
              }
            }
          }
          return out;
        });
  }

  private static String bounded(String s) {
    String v = s == null ? "" : s;
    return v.length() <= 4000 ? v : v.substring(0, 3999) + "…";
  }

  /** A unit of work in one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws SQLException;
  }

  static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T out = work.run();
      c.commit();
      return out;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }
}
