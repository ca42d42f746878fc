package io.perpetua.store.jdbc;

import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.JobCursor;
import io.perpetua.jobs.JobIds;
import io.perpetua.jobs.JobJson;
import io.perpetua.jobs.JobOutput;
import io.perpetua.jobs.JobStatus;
import io.perpetua.jobs.JobStore;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.RunActivity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@link JobStore} on JDBC (table {@code backtest_jobs}, migrations {@code V2} and {@code V6}),
 * for H2 and PostgreSQL alike.
 *
 * <p>Every transition is one guarded {@code UPDATE ... WHERE job_id = ? AND status = <expected>}
 * whose update count says whether it happened. {@link #claimNext} picks the oldest queued job and
 * claims it with such an update: when two workers pick the same job, the database serialises the
 * two updates on the row and the second finds it no longer queued (0 rows), so it picks again; a
 * job is never handed out twice.
 *
 * <p>Thread-safe: no state besides the data source; each call uses its own connection. Failures are
 * {@link io.perpetua.trading.port.ServiceUnavailableException} (database unreachable) or {@link
 * DatabaseException}.
 */
public final class JdbcJobStore implements JobStore {
  private static final int MAX_CLAIM_ATTEMPTS = 100;
  private static final String COLUMNS =
      "job_id, owner, api_key_id, request_json, config_json, status, progress, cancel_requested,"
          + " submitted_at_ms, started_at_ms, finished_at_ms, error, metrics_json,"
          + " output_purged_at_ms, activity_json";
  private static final String INSERT =
      "INSERT INTO backtest_jobs (job_id, owner, api_key_id, request_json, config_json, status,"
          + " progress, cancel_requested, submitted_at_ms) VALUES (?, ?, ?, ?, ?, 'queued', 0,"
          + " FALSE, ?)";
  private static final String FIND = "SELECT " + COLUMNS + " FROM backtest_jobs WHERE job_id = ?";
  private static final String OUTPUT =
      "SELECT equity_curve_json, trades_json FROM backtest_jobs WHERE job_id = ? AND status ="
          + " 'done' AND output_purged_at_ms IS NULL";

  /** Restricts a statement to this store's queue: ids starting with its prefix. */
  private static final String IN_QUEUE = " AND job_id LIKE ? ESCAPE '!'";

  private static final String OLDEST_QUEUED =
      "SELECT job_id FROM backtest_jobs WHERE status = 'queued'"
          + IN_QUEUE
          + " ORDER BY submitted_at_ms, job_id FETCH FIRST 1 ROWS ONLY";
  private static final String CLAIM =
      "UPDATE backtest_jobs SET status = 'running', progress = 0, started_at_ms = ?"
          + " WHERE job_id = ? AND status = 'queued'";
  private static final String PROGRESS =
      "UPDATE backtest_jobs SET progress = GREATEST(progress, CAST(? AS DOUBLE PRECISION))"
          + " WHERE job_id = ? AND status = 'running'";
  private static final String COMPLETE =
      "UPDATE backtest_jobs SET status = 'done', progress = 1, finished_at_ms = ?,"
          + " metrics_json = ?, activity_json = ?, equity_curve_json = ?, trades_json = ?,"
          + " error = NULL"
          + " WHERE job_id = ? AND status = 'running'";
  private static final String FINISH =
      "UPDATE backtest_jobs SET status = ?, finished_at_ms = ?, error = ?"
          + " WHERE job_id = ? AND status = 'running'";
  private static final String CANCEL_QUEUED =
      "UPDATE backtest_jobs SET status = 'cancelled', finished_at_ms = ?"
          + " WHERE job_id = ? AND status = 'queued'";
  private static final String REQUEST_CANCEL =
      "UPDATE backtest_jobs SET cancel_requested = TRUE WHERE job_id = ? AND status = 'running'";
  private static final String REQUEUE =
      "UPDATE backtest_jobs SET status = 'queued', progress = 0, started_at_ms = NULL"
          + " WHERE job_id = ? AND status = 'running'";
  private static final String RECOVER_CANCELLED =
      "UPDATE backtest_jobs SET status = 'cancelled', finished_at_ms = ?"
          + " WHERE status = 'running' AND cancel_requested = TRUE"
          + IN_QUEUE;
  private static final String RECOVER_REQUEUED =
      "UPDATE backtest_jobs SET status = 'queued', progress = 0, started_at_ms = NULL"
          + " WHERE status = 'running'"
          + IN_QUEUE;
  private static final String COUNT_ACTIVE =
      "SELECT COUNT(*) FROM backtest_jobs WHERE owner = ? AND status IN ('queued', 'running')"
          + IN_QUEUE;
  private static final String COUNT_STATUS =
      "SELECT COUNT(*) FROM backtest_jobs WHERE status = ?" + IN_QUEUE;
  private static final String PURGE =
      "UPDATE backtest_jobs SET equity_curve_json = NULL, trades_json = NULL,"
          + " output_purged_at_ms = ? WHERE status = 'done' AND output_purged_at_ms IS NULL"
          + " AND finished_at_ms < ?"
          + IN_QUEUE;

  private final DataSource dataSource;
  private final JdbcErrors errors;
  private final String prefix;
  private final String queuePattern;

  /** The backtest queue ({@link JobIds#PREFIX}) in {@code database}. */
  public JdbcJobStore(Database database) {
    this(database, JobIds.PREFIX);
  }

  /**
   * The queue of jobs whose ids start with {@code idPrefix} (e.g. {@link JobIds#OPTIMIZER_PREFIX})
   * in {@code database}: claims, recovery, counts, lists and purges see only those jobs, so two
   * services on the same table never touch each other's jobs.
   */
  public JdbcJobStore(Database database, String idPrefix) {
    this.dataSource = database.dataSource();
    this.errors = database.errors();
    this.prefix = JobIds.checkPrefix(idPrefix);
    this.queuePattern = idPrefix.replace("!", "!!").replace("_", "!_").replace("%", "!%") + "%";
  }

  @Override
  public String idPrefix() {
    return prefix;
  }

  /** A statement on its own connection. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T run(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw errors.translate(operation, e);
    }
  }

  private boolean update(String operation, String sql, Object... params) {
    return run(operation, c -> executeUpdate(c, sql, params) > 0);
  }

  private static int executeUpdate(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    Params p = new Params(ps);
    for (Object o : params) {
      switch (o) {
        case null -> p.text(null);
        case String s -> p.text(s);
        case Long l -> p.bigint(l.longValue());
        case Integer i -> p.integer(i.intValue());
        case Double d -> p.real(d);
        case Instant t -> p.bigint(t.toEpochMilli());
        default -> throw new IllegalArgumentException("cannot bind " + o.getClass());
      }
    }
  }

  @Override
  public void insert(BacktestJob job) {
    Objects.requireNonNull(job, "job");
    if (job.status() != JobStatus.QUEUED) {
      throw new IllegalArgumentException("a new job must be queued, was " + job.status());
    }
    try (Connection c = dataSource.getConnection()) {
      executeUpdate(
          c,
          INSERT,
          job.id(),
          job.owner(),
          job.apiKeyId(),
          JobJson.writeRequest(job.request()),
          job.config(),
          job.submittedAt());
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new IllegalArgumentException("job " + job.id() + " exists", e);
      }
      throw errors.translate("insert backtest job", e);
    }
  }

  @Override
  public Optional<BacktestJob> find(String id) {
    return run("find backtest job", c -> find(c, id));
  }

  private static Optional<BacktestJob> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(FIND)) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(job(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public Optional<JobOutput> output(String id) {
    return run(
        "read backtest output",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(OUTPUT)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next() || rs.getString(1) == null) {
                return Optional.empty();
              }
              return Optional.of(
                  new JobOutput(
                      JobJson.readEquity(rs.getString(1)), JobJson.readTrades(rs.getString(2))));
            }
          }
        });
  }

  @Override
  public Optional<BacktestJob> claimNext(Instant startedAt) {
    return run(
        "claim backtest job",
        c -> {
          for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
            String candidate;
            try (PreparedStatement ps = c.prepareStatement(OLDEST_QUEUED)) {
              ps.setString(1, queuePattern);
              try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                  return Optional.empty();
                }
                candidate = rs.getString(1);
              }
            }
            if (executeUpdate(c, CLAIM, startedAt, candidate) == 1) {
              return find(c, candidate);
            }
            // another worker claimed it between the two statements: pick again
          }
          return Optional.empty();
        });
  }

  @Override
  public boolean updateProgress(String id, double progress) {
    double p = Math.min(1, Math.max(0, progress));
    return update("update backtest progress", PROGRESS, p, id);
  }

  @Override
  public boolean complete(
      String id, Metrics metrics, RunActivity activity, JobOutput output, Instant finishedAt) {
    return update(
        "complete backtest job",
        COMPLETE,
        finishedAt,
        JobJson.writeMetrics(Objects.requireNonNull(metrics, "metrics")),
        JobJson.writeActivity(Objects.requireNonNull(activity, "activity")),
        JobJson.writeEquity(output.equity()),
        JobJson.writeTrades(output.trades()),
        id);
  }

  @Override
  public boolean finish(String id, JobStatus status, String error, Instant finishedAt) {
    if (status != JobStatus.FAILED && status != JobStatus.CANCELLED) {
      throw new IllegalArgumentException("finish to failed or cancelled, not " + status);
    }
    return update("finish backtest job", FINISH, status.code(), finishedAt, error, id);
  }

  @Override
  public boolean cancelQueued(String id, Instant finishedAt) {
    return update("cancel backtest job", CANCEL_QUEUED, finishedAt, id);
  }

  @Override
  public boolean requestCancel(String id) {
    return update("request backtest cancel", REQUEST_CANCEL, id);
  }

  @Override
  public boolean requeue(String id) {
    return update("requeue backtest job", REQUEUE, id);
  }

  @Override
  public Recovery recoverAfterRestart(Instant now) {
    return run(
        "recover backtest jobs",
        c -> {
          c.setAutoCommit(false);
          try {
            int cancelled = executeUpdate(c, RECOVER_CANCELLED, now, queuePattern);
            int requeued = executeUpdate(c, RECOVER_REQUEUED, queuePattern);
            c.commit();
            return new Recovery(requeued, cancelled);
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
        });
  }

  @Override
  public int countActive(String owner) {
    return run(
        "count active backtest jobs",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(COUNT_ACTIVE)) {
            ps.setString(1, owner);
            ps.setString(2, queuePattern);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  @Override
  public int count(JobStatus status) {
    return run(
        "count backtest jobs by status",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(COUNT_STATUS)) {
            ps.setString(1, status.code());
            ps.setString(2, queuePattern);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  @Override
  public List<BacktestJob> list(String owner, Set<JobStatus> statuses, JobCursor after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM backtest_jobs");
    sql.append(" WHERE job_id LIKE ? ESCAPE '!'");
    List<Object> params = new ArrayList<>();
    params.add(queuePattern);
    if (owner != null) {
      sql.append(" AND owner = ?");
      params.add(owner);
    }
    if (!statuses.isEmpty()) {
      sql.append(" AND status IN (")
          .append(String.join(", ", Collections.nCopies(statuses.size(), "?")))
          .append(')');
      statuses.stream().map(JobStatus::code).sorted().forEach(params::add);
    }
    if (after != null) {
      sql.append(" AND (submitted_at_ms < ? OR (submitted_at_ms = ? AND job_id < ?))");
      params.add(after.submittedAt());
      params.add(after.submittedAt());
      params.add(after.id());
    }
    sql.append(" ORDER BY submitted_at_ms DESC, job_id DESC FETCH FIRST ? ROWS ONLY");
    params.add(limit);
    return run(
        "list backtest jobs",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params.toArray());
            List<BacktestJob> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(job(rs));
              }
            }
            return out;
          }
        });
  }

  @Override
  public int purgeOutputs(Instant cutoff, Instant purgedAt) {
    return run(
        "purge backtest outputs", c -> executeUpdate(c, PURGE, purgedAt, cutoff, queuePattern));
  }

  private static BacktestJob job(ResultSet rs) throws SQLException {
    String metrics = rs.getString(13);
    String activity = rs.getString(15);
    return new BacktestJob(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        JobJson.readRequest(rs.getString(4)),
        rs.getString(5),
        JobStatus.parse(rs.getString(6)),
        rs.getDouble(7),
        rs.getBoolean(8),
        Instant.ofEpochMilli(rs.getLong(9)),
        instant(rs, 10),
        instant(rs, 11),
        rs.getString(12),
        metrics == null ? null : JobJson.readMetrics(metrics),
        activity == null ? null : JobJson.readActivity(activity),
        instant(rs, 14));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long ms = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
  }
}
