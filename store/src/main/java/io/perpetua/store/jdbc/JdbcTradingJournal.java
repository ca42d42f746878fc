package io.perpetua.store.jdbc;

import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.trading.port.AccountState;
import io.perpetua.trading.port.KernelCheckpoint;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.PortfolioSnapshot;
import io.perpetua.trading.port.TradingHistory;
import io.perpetua.trading.port.TradingJournal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link TradingJournal} on JDBC (schema {@code db/migration/V1__trading.sql}), for H2 and
 * PostgreSQL alike.
 *
 * <p>{@link #commit} runs in one transaction: the account row and its positions are replaced, the
 * cursor, orders (by client order id), funding (by account, symbol, time) and rebalances (by id)
 * are upserted, and fills are inserted only when their trade id is new. Any failure rolls the whole
 * checkpoint back and is rethrown as {@link io.perpetua.trading.port.ServiceUnavailableException}
 * (database unreachable) or {@link DatabaseException} (any other database error); a runtime
 * exception raised by an invalid checkpoint (e.g. a null status) is rethrown as is. Reject reasons
 * longer than {@value JournalWriter#MAX_REASON} characters are truncated.
 *
 * <p>{@link #withReadCache()} gives a journal that keeps history reads until its next commit (for a
 * journal that is its tables' only writer, as the platform's is).
 *
 * <p>Thread-safe: it holds no state besides the data source (and the optional read cache); each
 * call uses its own connection. Concurrent commits for the same account are serialised by the
 * database, not by this class.
 */
public final class JdbcTradingJournal implements TradingJournal, TradingHistory {
  private final DataSource dataSource;
  private final JdbcErrors errors;
  private final JdbcAccess db;
  private final HistoryCache cache; // null: every read goes to the database
  private final String historyAccount; // null: the history of every account

  /** A journal in {@code database}. */
  public JdbcTradingJournal(Database database) {
    this(database.dataSource(), database.errors());
  }

  /**
   * A journal in an already migrated {@code dataSource}; {@code location} names it in error
   * messages and must not contain credentials.
   */
  public JdbcTradingJournal(DataSource dataSource, String location) {
    this(dataSource, new JdbcErrors(Objects.requireNonNull(location, "location"), List.of()));
  }

  private JdbcTradingJournal(DataSource dataSource, JdbcErrors errors) {
    this(dataSource, errors, null, null);
  }

  private JdbcTradingJournal(
      DataSource dataSource, JdbcErrors errors, HistoryCache cache, String historyAccount) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.errors = errors;
    this.db = new JdbcAccess(this.dataSource, errors);
    this.cache = cache;
    this.historyAccount = historyAccount;
  }

  /**
   * This journal with its history reads (orders, fills, rebalances, open orders) limited to {@code
   * accountId}: the platform's API shows its trading account, not the order-flow kernel's account
   * that journals into the same tables.
   */
  public JdbcTradingJournal withHistoryOf(String accountId) {
    return new JdbcTradingJournal(
        dataSource, errors, cache, Objects.requireNonNull(accountId, "accountId"));
  }

  /**
   * This journal with a read cache: pages of orders, fills and rebalances and the open orders are
   * read from the database once per commit of the returned journal, then served from memory. Exact
   * only while the returned journal is the only writer of the journal tables (the platform's own
   * journal is); use the plain journal when another process writes them.
   */
  public JdbcTradingJournal withReadCache() {
    return new JdbcTradingJournal(dataSource, errors, new HistoryCache(), historyAccount);
  }

  private <T> T cached(Object key, java.util.function.Supplier<T> read) {
    return cache == null ? read.get() : cache.get(key, read);
  }

  @Override
  public void commit(KernelCheckpoint checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        JournalWriter.write(c, checkpoint);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw errors.translate("journal commit", e);
    } finally {
      if (cache != null) {
        cache.invalidate();
      }
    }
  }

  /**
   * Commits {@code checkpoint} and appends {@code events} to {@code audit} in one transaction: the
   * audit entries of the kernel's decisions commit with the journal or not at all (a crash between
   * the two cannot lose them). {@code audit} must live in this journal's database ({@link
   * #sharesDatabaseWith}).
   */
  public void commitAudited(
      KernelCheckpoint checkpoint,
      JdbcAuditLog audit,
      List<io.perpetua.auth.audit.AuditEvent> events) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (!sharesDatabaseWith(audit)) {
      throw new IllegalArgumentException("the audit log is in another database");
    }
    try {
      audit.appendWithin(events, c -> JournalWriter.write(c, checkpoint));
    } finally {
      if (cache != null) {
        cache.invalidate();
      }
    }
  }

  /** Whether {@code audit} is in this journal's database (one transaction can span both). */
  public boolean sharesDatabaseWith(JdbcAuditLog audit) {
    return audit.sameDatabase(dataSource);
  }

  private static void rollback(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public Optional<AccountState> loadAccount(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return db.query("load account", c -> JournalReader.account(c, accountId));
  }

  @Override
  public Map<String, String> loadCursor(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return db.query("load cursor", c -> JournalReader.cursor(c, accountId));
  }

  @Override
  public List<OrderRecord> recentOrders(int limit) {
    return db.query(
        "recent orders",
        c -> JournalReader.list(c, JournalReader.ORDERS, positive(limit), JournalReader::order));
  }

  @Override
  public List<Fill> recentFills(int limit) {
    return db.query(
        "recent fills",
        c -> JournalReader.list(c, JournalReader.FILLS, positive(limit), JournalReader::fill));
  }

  @Override
  public List<RebalanceCompleted> recentRebalances(int limit) {
    return db.query(
        "recent rebalances",
        c ->
            JournalReader.list(
                c, JournalReader.REBALANCES, positive(limit), JournalReader::rebalance));
  }

  @Override
  public long fillCount() {
    return db.query(
        "fill count",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(JournalReader.FILL_COUNT);
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public Page<OrderRecord> orders(Query q) {
    return cached(
        List.of("orders", q),
        () ->
            db.query(
                "order history",
                c -> HistoryQueries.page(c, HistoryQueries.ORDERS, q, historyAccount)));
  }

  @Override
  public Page<Fill> fills(Query q) {
    return cached(
        List.of("fills", q),
        () ->
            db.query(
                "trade history",
                c -> HistoryQueries.page(c, HistoryQueries.FILLS, q, historyAccount)));
  }

  @Override
  public Page<RebalanceCompleted> rebalances(Query q) {
    return cached(
        List.of("rebalances", q),
        () ->
            db.query(
                "rebalance history",
                c -> HistoryQueries.page(c, HistoryQueries.REBALANCES, q, historyAccount)));
  }

  @Override
  public List<OrderRecord> openOrders(String accountId) {
    // not cached: read once when a kernel resumes, and it must see the last commit
    return db.query(
        "open orders",
        c -> {
          List<OrderRecord> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(HistoryQueries.OPEN_ORDERS_OF_ACCOUNT)) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(JournalReader.order(rs));
              }
            }
          }
          return out;
        });
  }

  @Override
  public List<OrderRecord> openOrders() {
    if (historyAccount != null) {
      return cached("open orders", () -> openOrders(historyAccount));
    }
    return cached(
        "open orders",
        () ->
            db.query(
                "open orders",
                c ->
                    JournalReader.list(
                        c, HistoryQueries.OPEN_ORDERS, 10_000, JournalReader::order)));
  }

  @Override
  public List<PortfolioSnapshot> snapshots(
      String accountId, PortfolioSnapshot.Interval interval, long fromMs, long toMs) {
    return db.query(
        "portfolio snapshots",
        c -> {
          List<PortfolioSnapshot> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(HistoryQueries.SNAPSHOTS)) {
            ps.setString(1, accountId);
            ps.setString(2, interval.code());
            ps.setLong(3, fromMs);
            ps.setLong(4, toMs);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(HistoryQueries.snapshot(rs));
              }
            }
          }
          return out;
        });
  }

  private static int positive(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    return limit;
  }
}
