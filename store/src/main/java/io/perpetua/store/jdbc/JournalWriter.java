package io.perpetua.store.jdbc;

import static io.perpetua.store.jdbc.MergeSql.column;

import io.perpetua.core.event.FundingSettled;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.Position;
import io.perpetua.store.jdbc.MergeSql.Column;
import io.perpetua.trading.port.AccountState;
import io.perpetua.trading.port.KernelCheckpoint;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.PortfolioSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Writes the parts of a {@link KernelCheckpoint} on a connection whose transaction the caller owns.
 * Every statement is idempotent: upserts keyed by natural ids, fills inserted only when their trade
 * id is new, positions replaced as a whole. Stateless.
 */
final class JournalWriter {
  /** Longest stored reject reason; longer reasons are truncated. */
  static final int MAX_REASON = 4000;

  private static final String BIGINT = "BIGINT";
  private static final String INT = "INTEGER";
  private static final String TEXT = "VARCHAR";
  private static final String DOUBLE = "DOUBLE PRECISION";
  private static final String BOOL = "BOOLEAN";

  private static final String ACCOUNT =
      MergeSql.upsert(
          "account_state",
          List.of("account_id"),
          List.of(
              column("account_id", TEXT),
              column("wallet_balance", BIGINT),
              column("total_fees", BIGINT),
              column("total_funding", BIGINT),
              column("as_of_ms", BIGINT)));

  private static final String CURSOR =
      MergeSql.upsert(
          "kernel_cursor",
          List.of("account_id", "cursor_key"),
          List.of(
              column("account_id", TEXT),
              column("cursor_key", TEXT),
              column("cursor_value", TEXT)));

  private static final List<Column> ORDER_COLUMNS =
      List.of(
          column("client_order_id", TEXT),
          column("account_id", TEXT),
          column("symbol", TEXT),
          column("side", TEXT),
          column("order_type", TEXT),
          column("quantity_raw", BIGINT),
          column("quantity_scale", INT),
          column("limit_price_raw", BIGINT),
          column("limit_price_scale", INT),
          column("reduce_only", BOOL),
          column("strategy_id", TEXT),
          column("rebalance_id", TEXT),
          column("status", TEXT),
          column("filled_quantity", DOUBLE),
          column("average_fill_price", DOUBLE),
          column("filled_quantity_raw", BIGINT),
          column("average_fill_price_raw", BIGINT),
          column("fee", BIGINT),
          column("reject_reason", TEXT),
          column("dry_run", BOOL),
          column("created_at_ms", BIGINT),
          column("updated_at_ms", BIGINT));

  private static final String ORDER =
      MergeSql.upsert("orders", List.of("client_order_id"), ORDER_COLUMNS);

  private static final String FILL =
      MergeSql.insertIfAbsent(
          "fills",
          List.of("trade_id"),
          List.of(
              column("trade_id", TEXT),
              column("account_id", TEXT),
              column("client_order_id", TEXT),
              column("symbol", TEXT),
              column("side", TEXT),
              column("quantity_raw", BIGINT),
              column("quantity_scale", INT),
              column("price_raw", BIGINT),
              column("price_scale", INT),
              column("fee", BIGINT),
              column("liquidity", TEXT),
              column("fill_time_ms", BIGINT)));

  private static final String FUNDING =
      MergeSql.upsert(
          "funding_events",
          List.of("account_id", "symbol", "event_time_ms"),
          List.of(
              column("account_id", TEXT),
              column("symbol", TEXT),
              column("event_time_ms", BIGINT),
              column("rate", DOUBLE),
              column("amount", BIGINT)));

  private static final String REBALANCE =
      MergeSql.upsert(
          "rebalance_events",
          List.of("rebalance_id"),
          List.of(
              column("rebalance_id", TEXT),
              column("account_id", TEXT),
              column("strategy_id", TEXT),
              column("trigger_source", TEXT),
              column("orders_total", INT),
              column("orders_filled", INT),
              column("orders_failed", INT),
              column("turnover", DOUBLE),
              column("fee_total", BIGINT),
              column("long_symbols", INT),
              column("short_symbols", INT),
              column("execution_time_ms", BIGINT),
              column("event_time_ms", BIGINT),
              column("started_at_ms", BIGINT),
              column("dry_run", BOOL)));

  private static final String SNAPSHOT =
      MergeSql.upsert(
          "portfolio_snapshots",
          List.of("account_id", "snapshot_interval", "snapshot_ms"),
          List.of(
              column("account_id", TEXT),
              column("snapshot_interval", TEXT),
              column("snapshot_ms", BIGINT),
              column("nav", DOUBLE),
              column("wallet", DOUBLE),
              column("long_notional", DOUBLE),
              column("short_notional", DOUBLE),
              column("positions", INT)));

  private static final String DELETE_POSITIONS = "DELETE FROM positions WHERE account_id = ?";
  private static final String INSERT_POSITION =
      "INSERT INTO positions (account_id, symbol, quantity_raw, quantity_scale, entry_cost,"
          + " realized_pnl) VALUES (?, ?, ?, ?, ?, ?)";

  private JournalWriter() {}

  /** Writes every part of {@code checkpoint}. */
  static void write(Connection c, KernelCheckpoint checkpoint) throws SQLException {
    AccountState account = checkpoint.account();
    String accountId = account.accountId();
    writeAccount(c, account);
    replacePositions(c, accountId, account.positions());
    writeCursor(c, accountId, checkpoint.cursor());
    writeOrders(c, accountId, checkpoint.orders());
    writeFills(c, accountId, checkpoint.fills());
    writeFunding(c, accountId, checkpoint.funding());
    writeRebalances(c, accountId, checkpoint.rebalances());
    writeSnapshots(c, accountId, checkpoint.snapshots());
  }

  private static void writeSnapshots(
      Connection c, String accountId, List<PortfolioSnapshot> snapshots) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SNAPSHOT)) {
      for (PortfolioSnapshot s : snapshots) {
        new Params(ps)
            .text(accountId)
            .text(s.interval().code())
            .bigint(s.timeMs())
            .real(s.nav())
            .real(s.wallet())
            .real(s.longNotional())
            .real(s.shortNotional())
            .integer(s.positions());
        ps.addBatch();
      }
      execute(ps, snapshots.size());
    }
  }

  private static void writeAccount(Connection c, AccountState a) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ACCOUNT)) {
      new Params(ps)
          .text(a.accountId())
          .bigint(a.walletBalance().raw())
          .bigint(a.totalFees().raw())
          .bigint(a.totalFunding().raw())
          .bigint(a.asOfMs());
      ps.executeUpdate();
    }
  }

  private static void replacePositions(Connection c, String accountId, List<Position> positions)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(DELETE_POSITIONS)) {
      ps.setString(1, accountId);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_POSITION)) {
      for (Position p : positions) {
        new Params(ps)
            .text(accountId)
            .text(p.instrument().apiSymbol())
            .bigint(p.quantity().raw())
            .integer(p.quantity().scale())
            .bigint(p.entryCost().raw())
            .bigint(p.realizedPnl().raw());
        ps.addBatch();
      }
      execute(ps, positions.size());
    }
  }

  private static void writeCursor(Connection c, String accountId, Map<String, String> cursor)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(CURSOR)) {
      for (Map.Entry<String, String> e : cursor.entrySet()) {
        new Params(ps).text(accountId).text(e.getKey()).text(e.getValue());
        ps.addBatch();
      }
      execute(ps, cursor.size());
    }
  }

  private static void writeOrders(Connection c, String accountId, List<OrderRecord> orders)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ORDER)) {
      for (OrderRecord r : orders) {
        Order o = r.order();
        boolean hasLimit = o.limitPrice() != null;
        new Params(ps)
            .text(o.clientOrderId().value())
            .text(accountId)
            .text(o.instrument().apiSymbol())
            .text(o.side().code())
            .text(o.type().code())
            .bigint(o.quantity().raw())
            .integer(o.quantity().scale())
            .bigint(hasLimit ? o.limitPrice().raw() : null)
            .integer(hasLimit ? o.limitPrice().scale() : null)
            .bool(o.reduceOnly())
            .text(o.strategy().value())
            .text(o.rebalanceId() == null ? null : o.rebalanceId().value())
            .text(r.status().code())
            .real(r.filledQuantity().toDouble())
            .real(r.averageFillPrice().toDouble())
            .bigint(r.filledQuantity().raw())
            .bigint(r.averageFillPrice().raw())
            .bigint(r.fee().raw())
            .text(truncate(r.rejectReason()))
            .bool(r.dryRun())
            .bigint(o.createdAtMs())
            .bigint(r.updatedAtMs());
        ps.addBatch();
      }
      execute(ps, orders.size());
    }
  }

  private static void writeFills(Connection c, String accountId, List<Fill> fills)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(FILL)) {
      for (Fill f : fills) {
        new Params(ps)
            .text(f.tradeId().value())
            .text(accountId)
            .text(f.clientOrderId().value())
            .text(f.instrument().apiSymbol())
            .text(f.side().code())
            .bigint(f.quantity().raw())
            .integer(f.quantity().scale())
            .bigint(f.price().raw())
            .integer(f.price().scale())
            .bigint(f.fee().raw())
            .text(f.liquidity().code())
            .bigint(f.timeMs());
        ps.addBatch();
      }
      execute(ps, fills.size());
    }
  }

  private static void writeFunding(Connection c, String accountId, List<FundingSettled> funding)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(FUNDING)) {
      for (FundingSettled f : funding) {
        new Params(ps)
            .text(accountId)
            .text(f.instrument().apiSymbol())
            .bigint(f.eventTimeMs())
            .real(f.rate())
            .bigint(f.amount().raw());
        ps.addBatch();
      }
      execute(ps, funding.size());
    }
  }

  private static void writeRebalances(
      Connection c, String accountId, List<RebalanceCompleted> rebalances) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(REBALANCE)) {
      for (RebalanceCompleted r : rebalances) {
        new Params(ps)
            .text(r.rebalanceId().value())
            .text(accountId)
            .text(r.strategy().value())
            .text(r.trigger())
            .integer(r.ordersTotal())
            .integer(r.ordersFilled())
            .integer(r.ordersFailed())
            .real(r.turnover())
            .bigint(r.feeTotal().raw())
            .integer(r.longSymbols())
            .integer(r.shortSymbols())
            .bigint(r.executionTimeMs())
            .bigint(r.eventTimeMs())
            .bigint(r.startedAtMs())
            .bool(r.dryRun());
        ps.addBatch();
      }
      execute(ps, rebalances.size());
    }
  }

  private static void execute(PreparedStatement ps, int rows) throws SQLException {
    if (rows > 0) {
      ps.executeBatch();
    }
  }

  private static String truncate(String reason) {
    return reason == null || reason.length() <= MAX_REASON
        ? reason
        : reason.substring(0, MAX_REASON);
  }
}
