package io.perpetua.store.jdbc;

import io.perpetua.core.InstrumentId;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.BookImbalance;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.FlowTickMeta;
import io.perpetua.market.tick.FlowTickStore;
import io.perpetua.market.tick.Liquidation;
import io.perpetua.market.tick.MarkPriceUpdate;
import io.perpetua.market.tick.OpenInterestUpdate;
import io.perpetua.market.tick.PositionRatios;
import io.perpetua.market.tick.SpotPerpDivergence;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The {@link FlowTickStore} in the journal database (migration V115): trades in {@code
 * flow_agg_trades} (inserted unless the (symbol, agg id) is there), the other inputs in {@code
 * flow_market_ticks} (kind + JSON), the per-symbol meta in {@code flow_tick_meta}; one batch and
 * its meta in one transaction. Thread-safe.
 */
public final class JdbcFlowTickStore implements FlowTickStore {
  private static final Map<String, Class<? extends FlowTick>> KINDS = new LinkedHashMap<>();

  static {
    KINDS.put("mark_price", MarkPriceUpdate.class);
    KINDS.put("open_interest", OpenInterestUpdate.class);
    KINDS.put("position_ratios", PositionRatios.class);
    KINDS.put("liquidation", Liquidation.class);
    KINDS.put("book_imbalance", BookImbalance.class);
    KINDS.put("spot_perp", SpotPerpDivergence.class);
  }

  private static final String INSERT_TRADE =
      MergeSql.insertIfAbsent(
          "flow_agg_trades",
          List.of("symbol", "agg_id"),
          List.of(
              MergeSql.column("symbol", "VARCHAR(32)"),
              MergeSql.column("agg_id", "BIGINT"),
              MergeSql.column("time_ms", "BIGINT"),
              MergeSql.column("price", "DOUBLE PRECISION"),
              MergeSql.column("quantity", "DOUBLE PRECISION"),
              MergeSql.column("buyer_maker", "BOOLEAN")));
  private static final String UPSERT_META =
      MergeSql.upsert(
          "flow_tick_meta",
          List.of("symbol"),
          List.of(
              MergeSql.column("symbol", "VARCHAR(32)"),
              MergeSql.column("tick_size", "VARCHAR(40)"),
              MergeSql.column("first_agg_id", "BIGINT"),
              MergeSql.column("last_agg_id", "BIGINT"),
              MergeSql.column("first_time_ms", "BIGINT"),
              MergeSql.column("last_time_ms", "BIGINT")));

  private final DataSource dataSource;
  private final JdbcErrors errors;

  /** A store in {@code database}. */
  public JdbcFlowTickStore(Database database) {
    this.dataSource = Objects.requireNonNull(database, "database").dataSource();
    this.errors = database.errors();
  }

  @Override
  public void append(List<FlowTick> ticks, Collection<FlowTickMeta> meta) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement trades = c.prepareStatement(INSERT_TRADE);
          PreparedStatement others =
              c.prepareStatement(
                  "INSERT INTO flow_market_ticks (symbol, kind, time_ms, doc) VALUES (?, ?, ?, ?)");
          PreparedStatement metas = c.prepareStatement(UPSERT_META)) {
        for (FlowTick t : ticks) {
          if (t instanceof AggTrade a) {
            new Params(trades)
                .text(a.instrument().venueSymbol())
                .bigint(a.aggId())
                .bigint(a.timeMs())
                .real(a.price())
                .real(a.quantity())
                .bool(a.buyerMaker());
            trades.addBatch();
          } else {
            new Params(others)
                .text(t.instrument().venueSymbol())
                .text(kind(t))
                .bigint(t.timeMs())
                .text(FlowJson.write(t));
            others.addBatch();
          }
        }
        for (FlowTickMeta m : meta) {
          new Params(metas)
              .text(m.instrument().venueSymbol())
              .text(m.tickSize() == null ? null : m.tickSize().toPlainString())
              .bigint(m.firstAggId())
              .bigint(m.lastAggId())
              .bigint(m.firstTimeMs())
              .bigint(m.lastTimeMs());
          metas.addBatch();
        }
        trades.executeBatch();
        others.executeBatch();
        metas.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw errors.translate("append flow ticks", e);
    }
  }

  private static String kind(FlowTick t) {
    for (Map.Entry<String, Class<? extends FlowTick>> e : KINDS.entrySet()) {
      if (e.getValue() == t.getClass()) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException("unknown flow tick kind: " + t.getClass());
  }

  @Override
  public Map<InstrumentId, FlowTickMeta> meta() {
    Map<InstrumentId, FlowTickMeta> out = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT symbol, tick_size, first_agg_id, last_agg_id, first_time_ms, last_time_ms"
                    + " FROM flow_tick_meta ORDER BY symbol");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        InstrumentId id = InstrumentId.fromVenueSymbol(rs.getString(1));
        String size = rs.getString(2);
        out.put(
            id,
            new FlowTickMeta(
                id,
                size == null ? null : new BigDecimal(size),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6)));
      }
      return out;
    } catch (SQLException e) {
      throw errors.translate("read flow tick meta", e);
    }
  }

  @Override
  public List<FlowTick> ticks(InstrumentId instrument, long fromMs, long toMs, int limit) {
    List<FlowTick> out = new ArrayList<>();
    String symbol = instrument.venueSymbol();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT agg_id, time_ms, price, quantity, buyer_maker FROM flow_agg_trades"
                  + " WHERE symbol = ? AND time_ms BETWEEN ? AND ? ORDER BY time_ms, agg_id")) {
        ps.setMaxRows(limit);
        new Params(ps).text(symbol).bigint(fromMs).bigint(toMs);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(
                new AggTrade(
                    instrument,
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getDouble(3),
                    rs.getDouble(4),
                    rs.getBoolean(5)));
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT kind, doc FROM flow_market_ticks WHERE symbol = ? AND time_ms BETWEEN ? AND ?"
                  + " ORDER BY time_ms")) {
        ps.setMaxRows(limit);
        new Params(ps).text(symbol).bigint(fromMs).bigint(toMs);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Class<? extends FlowTick> type = KINDS.get(rs.getString(1));
            if (type != null) {
              out.add(FlowJson.read(rs.getString(2), type));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw errors.translate("read flow ticks", e);
    }
    out.sort(Comparator.comparingLong(FlowTick::timeMs)); // stable: trades stay in id order
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }
}
