package io.perpetua.store.jdbc;

import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.trading.carry.CarryAlert;
import io.perpetua.trading.carry.CarryFunding;
import io.perpetua.trading.carry.CarryLedger;
import io.perpetua.trading.carry.CarryStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link CarryStore} in the journal database (migration V120): the state as JSON in {@code
 * carry_state} (update, else insert, in one transaction), the records append-only in {@code
 * carry_orders}, {@code carry_ledger}, {@code carry_funding}, {@code carry_snapshots} and {@code
 * carry_events}. Prices, quantities and money are stored as exact decimal text and read back at the
 * scale they were written with. Thread-safe.
 */
public final class JdbcCarryStore implements CarryStore {
  private final DataSource dataSource;
  private final JdbcErrors errors;

  /** A store in {@code database}. */
  public JdbcCarryStore(Database database) {
    this.dataSource = Objects.requireNonNull(database, "database").dataSource();
    this.errors = database.errors();
  }

  /** Reads one row of a result. */
  @FunctionalInterface
  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  @Override
  public Optional<Map<String, String>> loadState(String id) {
    List<String> docs =
        query("SELECT state FROM carry_state WHERE instance_id = ?", id, rs -> rs.getString(1));
    if (docs.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> m = new LinkedHashMap<>();
    Map<?, ?> raw = FlowJson.read(docs.get(0), Map.class);
    raw.forEach((k, v) -> m.put(String.valueOf(k), String.valueOf(v)));
    return Optional.of(m);
  }

  @Override
  public void saveState(String id, Map<String, String> state) {
    String doc = FlowJson.write(state);
    long now = System.currentTimeMillis();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        int n;
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE carry_state SET updated_at_ms = ?, state = ? WHERE instance_id = ?")) {
          new Params(ps).bigint(now).text(doc).text(id);
          n = ps.executeUpdate();
        }
        if (n == 0) {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO carry_state (updated_at_ms, state, instance_id) VALUES (?, ?, ?)")) {
            new Params(ps).bigint(now).text(doc).text(id);
            ps.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw errors.translate("save carry state", e);
    }
  }

  @Override
  public void appendOrder(String id, OrderRecord o) {
    insert(
        "INSERT INTO carry_orders (instance_id, time_ms, client_order_id, leg, side, quantity,"
            + " limit_price, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        o.timeMs(),
        o.clientOrderId(),
        o.leg(),
        o.side(),
        o.quantity(),
        o.limitPrice(),
        o.mode());
  }

  @Override
  public void appendLedger(String id, CarryLedger l, String mode) {
    insert(
        "INSERT INTO carry_ledger (instance_id, mode, kind, client_order_id, side, quantity, price,"
            + " fee, funding, spot_position, perp_position, time_ms)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        mode,
        l.kind(),
        l.clientOrderId(),
        l.side(),
        l.quantity().toString(),
        l.price() == null ? null : l.price().toString(),
        l.fee().toBigDecimal().toPlainString(),
        l.funding().toBigDecimal().toPlainString(),
        l.spotPosition().toString(),
        l.perpPosition().toString(),
        l.timeMs());
  }

  @Override
  public void appendFunding(String id, CarryFunding f, String mode) {
    insert(
        "INSERT INTO carry_funding (instance_id, mode, time_ms, rate, amount)"
            + " VALUES (?, ?, ?, ?, ?)",
        id,
        mode,
        f.timeMs(),
        f.rate(),
        f.amount().toBigDecimal().toPlainString());
  }

  @Override
  public void appendSnapshot(String id, Snapshot s) {
    insert(
        "INSERT INTO carry_snapshots (instance_id, time_ms, state, spot_position, perp_position,"
            + " hedge_deviation) VALUES (?, ?, ?, ?, ?, ?)",
        id,
        s.timeMs(),
        s.state(),
        s.spotPosition(),
        s.perpPosition(),
        s.hedgeDeviation());
  }

  @Override
  public void appendEvent(String id, CarryAlert a) {
    String message = a.message().length() > 4000 ? a.message().substring(0, 4000) : a.message();
    insert(
        "INSERT INTO carry_events (instance_id, time_ms, severity, kind, message)"
            + " VALUES (?, ?, ?, ?, ?)",
        id,
        a.timeMs(),
        a.severity(),
        a.kind(),
        message);
  }

  @Override
  public List<OrderRecord> orders(String id, int limit) {
    return newest(
        "carry_orders",
        "time_ms, client_order_id, leg, side, quantity, limit_price, mode",
        id,
        limit,
        rs ->
            new OrderRecord(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7)));
  }

  @Override
  public List<Moded<CarryLedger>> ledger(String id, int limit) {
    return newest(
        "carry_ledger",
        "mode, kind, client_order_id, side, quantity, price, fee, funding, spot_position,"
            + " perp_position, time_ms",
        id,
        limit,
        rs ->
            new Moded<>(
                rs.getString(1),
                new CarryLedger(
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    quantity(rs.getString(5)),
                    rs.getString(6) == null ? null : price(rs.getString(6)),
                    Money.parse(rs.getString(7)),
                    Money.parse(rs.getString(8)),
                    quantity(rs.getString(9)),
                    quantity(rs.getString(10)),
                    rs.getLong(11))));
  }

  @Override
  public List<Moded<CarryFunding>> funding(String id, int limit) {
    return newest(
        "carry_funding",
        "mode, time_ms, rate, amount",
        id,
        limit,
        rs ->
            new Moded<>(
                rs.getString(1),
                new CarryFunding(rs.getLong(2), rs.getDouble(3), Money.parse(rs.getString(4)))));
  }

  @Override
  public List<Snapshot> snapshots(String id, int limit) {
    return newest(
        "carry_snapshots",
        "time_ms, state, spot_position, perp_position, hedge_deviation",
        id,
        limit,
        rs ->
            new Snapshot(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5)));
  }

  @Override
  public List<CarryAlert> events(String id, int limit) {
    return newest(
        "carry_events",
        "severity, kind, message, time_ms",
        id,
        limit,
        rs -> new CarryAlert(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
  }

  private static Quantity quantity(String text) {
    BigDecimal v = new BigDecimal(text);
    return Quantity.of(v, Math.max(0, v.scale()));
  }

  private static Price price(String text) {
    BigDecimal v = new BigDecimal(text);
    return Price.of(v, Math.max(0, v.scale()));
  }

  private void insert(String sql, Object... values) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw errors.translate("append carry record", e);
    }
  }

  /** The newest {@code limit} rows of {@code id} in {@code table}, oldest first. */
  private <T> List<T> newest(String table, String columns, String id, int limit, Row<T> row) {
    List<T> out =
        query(
            "SELECT "
                + columns
                + " FROM "
                + table
                + " WHERE instance_id = ? ORDER BY id DESC FETCH FIRST "
                + Math.max(1, limit)
                + " ROWS ONLY",
            id,
            row);
    return out.reversed();
  }

  private <T> List<T> query(String sql, String id, Row<T> row) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw errors.translate("read carry records", e);
    }
  }
}
