package io.perpetua.store.jdbc;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.TradeId;
import io.perpetua.core.WireCode;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.order.Position;
import io.perpetua.trading.port.AccountState;
import io.perpetua.trading.port.OrderRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads journal rows back into domain objects. Stateless. */
final class JournalReader {
  static final String ACCOUNT =
      "SELECT wallet_balance, total_fees, total_funding, as_of_ms FROM account_state"
          + " WHERE account_id = ?";
  static final String POSITIONS =
      "SELECT symbol, quantity_raw, quantity_scale, entry_cost, realized_pnl FROM positions"
          + " WHERE account_id = ? ORDER BY symbol";
  static final String CURSOR =
      "SELECT cursor_key, cursor_value FROM kernel_cursor WHERE account_id = ? ORDER BY cursor_key";
  static final String ORDER_SELECT =
      "SELECT client_order_id, symbol, side, order_type, quantity_raw, quantity_scale,"
          + " limit_price_raw, limit_price_scale, reduce_only, strategy_id, rebalance_id, status,"
          + " filled_quantity, average_fill_price, fee, reject_reason, dry_run, created_at_ms,"
          + " updated_at_ms, filled_quantity_raw, average_fill_price_raw FROM orders";
  static final String ORDER_ORDER = " ORDER BY created_at_ms DESC, client_order_id DESC";
  static final String ORDERS = ORDER_SELECT + ORDER_ORDER;
  static final String FILL_SELECT =
      "SELECT trade_id, client_order_id, symbol, side, quantity_raw, quantity_scale, price_raw,"
          + " price_scale, fee, liquidity, fill_time_ms FROM fills";
  static final String FILL_ORDER = " ORDER BY fill_time_ms DESC, trade_id DESC";
  static final String FILLS = FILL_SELECT + FILL_ORDER;
  static final String REBALANCE_SELECT =
      "SELECT rebalance_id, strategy_id, trigger_source, orders_total, orders_filled,"
          + " orders_failed, turnover, fee_total, long_symbols, short_symbols, execution_time_ms,"
          + " event_time_ms, started_at_ms, dry_run FROM rebalance_events";
  static final String REBALANCE_ORDER = " ORDER BY event_time_ms DESC, rebalance_id DESC";
  static final String REBALANCES = REBALANCE_SELECT + REBALANCE_ORDER;
  static final String FILL_COUNT = "SELECT COUNT(*) FROM fills";

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private JournalReader() {}

  static Optional<AccountState> account(Connection c, String accountId) throws SQLException {
    List<Position> positions = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(POSITIONS)) {
      ps.setString(1, accountId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          positions.add(
              new Position(
                  InstrumentId.parse(rs.getString(1)),
                  new Quantity(rs.getLong(2), rs.getInt(3)),
                  new Money(rs.getLong(4)),
                  new Money(rs.getLong(5))));
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(ACCOUNT)) {
      ps.setString(1, accountId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new AccountState(
                accountId,
                new Money(rs.getLong(1)),
                positions,
                new Money(rs.getLong(2)),
                new Money(rs.getLong(3)),
                rs.getLong(4)));
      }
    }
  }

  static Map<String, String> cursor(Connection c, String accountId) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(CURSOR)) {
      ps.setString(1, accountId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  /** The first {@code limit} rows of {@code sql}. */
  static <T> List<T> list(Connection c, String sql, int limit, RowMapper<T> mapper)
      throws SQLException {
    List<T> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setMaxRows(limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && out.size() < limit) {
          out.add(mapper.map(rs));
        }
      }
    }
    return out;
  }

  static OrderRecord order(ResultSet rs) throws SQLException {
    long limitRaw = rs.getLong(7);
    Price limit = rs.wasNull() ? null : new Price(limitRaw, rs.getInt(8));
    String rebalance = rs.getString(11);
    Order order =
        new Order(
            ClientOrderId.of(rs.getString(1)),
            InstrumentId.parse(rs.getString(2)),
            OrderSide.parse(rs.getString(3)),
            OrderType.parse(rs.getString(4)),
            new Quantity(rs.getLong(5), rs.getInt(6)),
            limit,
            rs.getBoolean(9),
            StrategyId.of(rs.getString(10)),
            rebalance == null ? null : RebalanceId.of(rebalance),
            rs.getLong(18));
    return new OrderRecord(
        order,
        OrderStatus.parse(rs.getString(12)),
        filledQuantity(rs, order.quantity().scale()),
        averageFillPrice(rs),
        new Money(rs.getLong(15)),
        rs.getString(16),
        rs.getBoolean(17),
        rs.getLong(19));
  }

  /** The exact filled quantity; rows from before V50 have only the double, rounded here. */
  private static Quantity filledQuantity(ResultSet rs, int scale) throws SQLException {
    long raw = rs.getLong(20);
    if (rs.wasNull()) {
      return Quantity.of(rs.getDouble(13), scale);
    }
    return new Quantity(raw, scale);
  }

  /** The exact average fill price; rows from before V50 have only the double, rounded here. */
  private static Price averageFillPrice(ResultSet rs) throws SQLException {
    long raw = rs.getLong(21);
    if (rs.wasNull()) {
      return Price.of(rs.getDouble(14), OrderRecord.AVERAGE_PRICE_SCALE);
    }
    return new Price(raw, OrderRecord.AVERAGE_PRICE_SCALE);
  }

  static Fill fill(ResultSet rs) throws SQLException {
    return new Fill(
        TradeId.of(rs.getString(1)),
        ClientOrderId.of(rs.getString(2)),
        InstrumentId.parse(rs.getString(3)),
        OrderSide.parse(rs.getString(4)),
        new Quantity(rs.getLong(5), rs.getInt(6)),
        new Price(rs.getLong(7), rs.getInt(8)),
        new Money(rs.getLong(9)),
        WireCode.parse(Liquidity.class, "liquidity", rs.getString(10)),
        rs.getLong(11));
  }

  static RebalanceCompleted rebalance(ResultSet rs) throws SQLException {
    return new RebalanceCompleted(
        rs.getLong(12),
        RebalanceId.of(rs.getString(1)),
        StrategyId.of(rs.getString(2)),
        rs.getString(3),
        rs.getInt(4),
        rs.getInt(5),
        rs.getInt(6),
        rs.getDouble(7),
        new Money(rs.getLong(8)),
        rs.getInt(9),
        rs.getInt(10),
        rs.getLong(11),
        rs.getLong(13),
        rs.getBoolean(14));
  }
}
