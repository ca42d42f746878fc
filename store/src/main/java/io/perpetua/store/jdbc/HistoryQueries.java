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
  static final String SNAPSHOTS =
      "SELECT snapshot_interval, snapshot_ms, nav, wallet, long_notional, short_notional,"
          + " positions FROM portfolio_snapshots WHERE account_id = ? AND snapshot_interval = ?"
          + " AND snapshot_ms >= ? AND snapshot_ms <= ? ORDER BY snapshot_ms";

  /** A WHERE clause and its parameters. */
  private record Where(String sql, List<Object> params) {}

  private HistoryQueries() {}

  /** One page of {@code select} rows matching {@code query} on {@code timeColumn}. */
  static <T> TradingHistory.Page<T> page(
      Connection c,
      String select,
      String table,
      String timeColumn,
      String orderBy,
      TradingHistory.Query query,
      boolean filterSymbolAndSide,
      JournalReader.RowMapper<T> mapper)
      throws SQLException {
    Where where = where(timeColumn, query, filterSymbolAndSide);
    long total;
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + where.sql())) {
      bind(ps, where.params());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
      }
    }
    List<T> items = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(select + where.sql() + orderBy + " LIMIT ? OFFSET ?")) {
      List<Object> params = new ArrayList<>(where.params());
      params.add(query.pageSize());
      params.add(query.offset());
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          items.add(mapper.map(rs));
        }
      }
    }
    return new TradingHistory.Page<>(items, total);
  }

  private static Where where(String timeColumn, TradingHistory.Query q, boolean symbolAndSide) {
    StringBuilder sql = new StringBuilder(" WHERE " + timeColumn + " >= ? AND " + timeColumn);
    sql.append(" <= ?");
    List<Object> params = new ArrayList<>(List.of(q.fromMs(), q.toMs()));
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
