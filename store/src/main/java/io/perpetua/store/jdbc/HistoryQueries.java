package io.perpetua.store.jdbc;

import io.perpetua.trading.port.PortfolioSnapshot;
import io.perpetua.trading.port.TradingHistory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The filtered, paginated reads of {@link TradingHistory} in portable SQL (H2 and PostgreSQL): a
 * {@code COUNT(*)} and a {@code LIMIT/OFFSET} page over the same {@code WHERE}. Stateless.
 */
final class HistoryQueries {
  static final String OPEN_ORDERS =
      JournalReader.ORDER_SELECT
          + " WHERE status IN ('pending', 'open', 'partially_filled')"
          + JournalReader.ORDER_ORDER;
  static final String OPEN_ORDERS_OF_ACCOUNT =
      JournalReader.ORDER_SELECT
          + " WHERE account_id = ? AND status IN ('pending', 'open', 'partially_filled')"
          + JournalReader.ORDER_ORDER;
  static final String SNAPSHOTS =
      "SELECT snapshot_interval, snapshot_ms, nav, wallet, long_notional, short_notional,"
          + " positions FROM portfolio_snapshots WHERE account_id = ? AND snapshot_interval = ?"
          + " AND snapshot_ms >= ? AND snapshot_ms <= ? ORDER BY snapshot_ms";

  /** A WHERE clause and its parameters. */
  private record Where(String sql, List<Object> params) {}

  /**
   * One paginated table: its SELECT, name, time column, ORDER BY, whether the symbol and side
   * filters apply, and the row mapper.
   */
  record Table<T>(
      String select,
      String name,
      String timeColumn,
      String orderBy,
      boolean symbolAndSide,
      JournalReader.RowMapper<T> mapper) {}

  static final Table<io.perpetua.trading.port.OrderRecord> ORDERS =
      new Table<>(
          JournalReader.ORDER_SELECT,
          "orders",
          "created_at_ms",
          JournalReader.ORDER_ORDER,
          true,
          JournalReader::order);
  static final Table<io.perpetua.core.order.Fill> FILLS =
      new Table<>(
          JournalReader.FILL_SELECT,
          "fills",
          "fill_time_ms",
          JournalReader.FILL_ORDER,
          true,
          JournalReader::fill);
  static final Table<io.perpetua.core.event.RebalanceCompleted> REBALANCES =
      new Table<>(
          JournalReader.REBALANCE_SELECT,
          "rebalance_events",
          "event_time_ms",
          JournalReader.REBALANCE_ORDER,
          false,
          JournalReader::rebalance);

  private HistoryQueries() {}

  /** One page of {@code table}'s rows matching {@code query}, of one account unless null. */
  static <T> TradingHistory.Page<T> page(
      Connection c, Table<T> table, TradingHistory.Query query, String accountId)
      throws SQLException {
    Where where = where(table.timeColumn(), query, table.symbolAndSide(), accountId);
    long total;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM " + table.name() + where.sql())) {
      bind(ps, where.params());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
      }
    }
    List<T> items = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(table.select() + where.sql() + table.orderBy() + " LIMIT ? OFFSET ?")) {
      List<Object> params = new ArrayList<>(where.params());
      params.add(query.pageSize());
      params.add(query.offset());
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          items.add(table.mapper().map(rs));
        }
      }
    }
    return new TradingHistory.Page<>(items, total);
  }

  private static Where where(
      String timeColumn, TradingHistory.Query q, boolean symbolAndSide, String accountId) {
    StringBuilder sql = new StringBuilder(" WHERE " + timeColumn + " >= ? AND " + timeColumn);
    sql.append(" <= ?");
    List<Object> params = new ArrayList<>(List.of(q.fromMs(), q.toMs()));
    if (accountId != null) { // one account's history (the journal holds several accounts)
      sql.append(" AND account_id = ?");
      params.add(accountId);
    }
    if (symbolAndSide && q.symbol() != null) {
      sql.append(" AND symbol = ?");
      params.add(q.symbol().apiSymbol());
    }
    if (symbolAndSide && q.side() != null) {
      sql.append(" AND side = ?");
      params.add(q.side().code());
    }
    return new Where(sql.toString(), params);
  }

  private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      Object p = params.get(i);
      if (p instanceof String s) {
        ps.setString(i + 1, s);
      } else if (p instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else {
        ps.setLong(i + 1, (Long) p);
      }
    }
  }

  static PortfolioSnapshot snapshot(ResultSet rs) throws SQLException {
    return new PortfolioSnapshot(
        PortfolioSnapshot.Interval.parse(rs.getString(1)),
        rs.getLong(2),
        rs.getDouble(3),
        rs.getDouble(4),
        rs.getDouble(5),
        rs.getDouble(6),
        rs.getInt(7));
  }
}
