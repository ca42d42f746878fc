package io.perpetua.store.jdbc;

import static io.perpetua.store.jdbc.MergeSql.column;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.ExecutionCostEvent;
import io.perpetua.trading.flow.FactoryStrategyRow;
import io.perpetua.trading.flow.FeatureEvent;
import io.perpetua.trading.flow.FlowJournal;
import io.perpetua.trading.flow.LabelEvent;
import io.perpetua.trading.flow.PositionSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@link FlowJournal} in the journal database (migration V4). Every write is one committed,
 * idempotent statement (MERGE keyed by the record's id); rows read back from their {@code doc}
 * column. Thread-safe.
 */
public final class JdbcFlowJournal implements FlowJournal {
  private static final String TEXT = "VARCHAR";
  private static final String BIGINT = "BIGINT";
  private static final String INT = "INTEGER";
  private static final String DOUBLE = "DOUBLE PRECISION";
  private static final String BOOL = "BOOLEAN";
  private static final String STRATEGY =
      MergeSql.upsert(
          "flow_strategies",
          List.of("strategy_id"),
          List.of(
              column("strategy_id", TEXT),
              column("version", INT),
              column("display_name", TEXT),
              column("symbol", TEXT),
              column("status", TEXT),
              column("initial_balance", BIGINT),
              column("created_ms", BIGINT),
              column("updated_ms", BIGINT),
              column("seq", BIGINT),
              column("doc", TEXT)));
  private static final String VERSION =
      MergeSql.insertIfAbsent(
          "flow_strategy_versions",
          List.of("strategy_id", "version"),
          List.of(
              column("strategy_id", TEXT),
              column("version", INT),
              column("changed_ms", BIGINT),
              column("doc", TEXT)));
  private static final String EVALUATION =
      MergeSql.upsert(
          "flow_evaluations",
          List.of("evaluation_id"),
          List.of(
              column("evaluation_id", TEXT),
              column("strategy_id", TEXT),
              column("strategy_version", TEXT),
              column("symbol", TEXT),
              column("time_ms", BIGINT),
              column("score", DOUBLE),
              column("direction", TEXT),
              column("tier", TEXT),
              column("gate_passed", BOOL),
              column("block_reason", TEXT),
              column("factors_json", TEXT),
              column("doc", TEXT)));
  private static final String POSITION =
      MergeSql.upsert(
          "flow_positions",
          List.of("position_id"),
          List.of(
              column("position_id", TEXT),
              column("strategy_id", TEXT),
              column("symbol", TEXT),
              column("direction", TEXT),
              column("status", TEXT),
              column("entry_time_ms", BIGINT),
              column("entry_price", DOUBLE),
              column("doc", TEXT)));
  private static final String TRADE =
      MergeSql.upsert(
          "flow_trades",
          List.of("trade_id"),
          List.of(
              column("trade_id", TEXT),
              column("strategy_id", TEXT),
              column("symbol", TEXT),
              column("direction", TEXT),
              column("status", TEXT),
              column("win", BOOL),
              column("entry_time_ms", BIGINT),
              column("exit_time_ms", BIGINT),
              column("pnl_r", DOUBLE),
              column("pnl", BIGINT),
              column("doc", TEXT)));
  private static final String FEATURE =
      MergeSql.upsert(
          "flow_features",
          List.of("evaluation_id"),
          List.of(
              column("evaluation_id", TEXT),
              column("engine_instance", TEXT),
              column("time_ms", BIGINT),
              column("row_json", TEXT)));
  private static final String LABEL =
      MergeSql.upsert(
          "flow_labels",
          List.of("evaluation_id"),
          List.of(
              column("evaluation_id", TEXT),
              column("strategy_id", TEXT),
              column("symbol", TEXT),
              column("evaluation_ms", BIGINT),
              column("y_binary_60m", INT),
              column("doc", TEXT)));
  private static final String COST =
      MergeSql.upsert(
          "flow_execution_costs",
          List.of("trade_id"),
          List.of(
              column("trade_id", TEXT),
              column("strategy_id", TEXT),
              column("friction_r", DOUBLE),
              column("doc", TEXT)));

  private final JdbcAccess db;

  /** A journal in {@code database}. */
  public JdbcFlowJournal(Database database) {
    Objects.requireNonNull(database, "database");
    this.db = new JdbcAccess(database.dataSource(), database.errors());
  }

  @Override
  public void saveStrategy(FactoryStrategyRow row) {
    db.query(
        "save flow strategy",
        c -> {
          saveStrategy(c, row);
          return null;
        });
  }

  /** Stores {@code row} and its version on {@code c} (part of the caller's transaction). */
  static void saveStrategy(Connection c, FactoryStrategyRow row) throws SQLException {
    String doc = FlowJson.write(row);
    try (PreparedStatement ps = c.prepareStatement(STRATEGY)) {
      new Params(ps)
          .text(row.id().value())
          .integer(row.version())
          .text(row.definition().displayName())
          .text(row.definition().symbol())
          .text(row.status().code())
          .bigint(row.initialBalance().raw())
          .bigint(row.createdMs())
          .bigint(row.updatedMs())
          .bigint(sequence(row.id()))
          .text(doc);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(VERSION)) {
      new Params(ps)
          .text(row.id().value())
          .integer(row.version())
          .bigint(row.updatedMs())
          .text(doc);
      ps.executeUpdate();
    }
  }

  /** Creation order: the numeric suffix of {@code factory-N}, else 0 (then by id). */
  private static long sequence(StrategyId id) {
    String digits = id.value().replaceAll("^.*?(\\d+)$", "$1");
    return digits.chars().allMatch(Character::isDigit) && !digits.isEmpty()
        ? Long.parseLong(digits)
        : 0;
  }

  @Override
  public List<FactoryStrategyRow> strategies() {
    return docs(
        "flow strategies",
        "SELECT doc FROM flow_strategies ORDER BY seq, strategy_id",
        FactoryStrategyRow.class,
        p -> {});
  }

  @Override
  public List<FactoryStrategyRow> versions(StrategyId id) {
    return docs(
        "flow strategy versions",
        "SELECT doc FROM flow_strategy_versions WHERE strategy_id = ? ORDER BY version",
        FactoryStrategyRow.class,
        p -> p.text(id.value()));
  }

  @Override
  public void recordEvaluation(FlowEvaluation e) {
    db.update(
        "record flow evaluation",
        EVALUATION,
        p ->
            p.text(FeatureEvent.idOf(e))
                .text(e.strategyId().value())
                .text(e.strategyVersion())
                .text(e.instrument().venueSymbol())
                .bigint(e.timeMs())
                .real(finite(e.score()))
                .text(e.direction().code())
                .text(e.tier().code())
                .bool(e.gatePassed())
                .text(e.blockReason())
                .text(FlowJson.write(e.factors()))
                .text(FlowJson.write(e)));
  }

  @Override
  public Page<FlowEvaluation> evaluations(EvaluationQuery q) {
    Where w = new Where();
    w.add(q.strategy() == null ? null : "strategy_id = ?", q.strategy());
    w.add(q.symbol() == null ? null : "symbol = ?", q.symbol());
    w.sql.add("time_ms >= ?");
    w.args.add(q.fromMs());
    w.sql.add("time_ms <= ?");
    w.args.add(q.toMs());
    return page(
        "flow evaluations",
        "flow_evaluations",
        w,
        " ORDER BY time_ms DESC, evaluation_id DESC",
        q.page(),
        q.pageSize(),
        FlowEvaluation.class);
  }

  @Override
  public List<FlowEvaluation> latestEvaluations() {
    return docs(
        "latest flow evaluations",
        "SELECT e.doc FROM flow_evaluations e JOIN (SELECT strategy_id, symbol, MAX(time_ms) AS t"
            + " FROM flow_evaluations GROUP BY strategy_id, symbol) m ON e.strategy_id ="
            + " m.strategy_id AND e.symbol = m.symbol AND e.time_ms = m.t ORDER BY e.strategy_id,"
            + " e.symbol",
        FlowEvaluation.class,
        p -> {});
  }

  @Override
  public void savePosition(PositionSnapshot s) {
    db.update(
        "save flow position",
        POSITION,
        p ->
            p.text(s.id())
                .text(s.strategyId().value())
                .text(s.instrument().venueSymbol())
                .text(s.direction().code())
                .text(s.status().code())
                .bigint(s.entryTimeMs())
                .real(s.entryPrice())
                .text(FlowJson.write(s)));
  }

  @Override
  public void removePosition(String positionId) {
    db.update(
        "remove flow position",
        "DELETE FROM flow_positions WHERE position_id = ?",
        p -> p.text(positionId));
  }

  @Override
  public List<PositionSnapshot> positions() {
    return docs(
        "flow positions",
        "SELECT doc FROM flow_positions ORDER BY entry_time_ms, position_id",
        PositionSnapshot.class,
        p -> {});
  }

  @Override
  public void recordTrade(ClosedFlowTrade t) {
    db.update(
        "record flow trade",
        TRADE,
        p ->
            p.text(t.id())
                .text(t.strategyId().value())
                .text(t.instrument().venueSymbol())
                .text(t.direction().code())
                .text(t.status().code())
                .bool(t.win())
                .bigint(t.entryTimeMs())
                .bigint(t.exitTimeMs())
                .real(finite(t.pnlR()))
                .bigint(t.pnl().raw())
                .text(FlowJson.write(t)));
  }

  @Override
  public Page<ClosedFlowTrade> trades(TradeQuery q) {
    Where w = new Where();
    w.add(q.strategy() == null ? null : "strategy_id = ?", q.strategy());
    w.add(q.symbol() == null ? null : "symbol = ?", q.symbol());
    w.add(q.win() == null ? null : "win = ?", q.win());
    w.add(q.status() == null ? null : "status = ?", q.status() == null ? null : q.status().code());
    return page(
        "flow trades",
        "flow_trades",
        w,
        " ORDER BY exit_time_ms DESC, trade_id DESC",
        q.page(),
        q.pageSize(),
        ClosedFlowTrade.class);
  }

  @Override
  public List<ClosedFlowTrade> closedTrades(StrategyId strategy, InstrumentId symbol) {
    Where w = new Where();
    w.add(strategy == null ? null : "strategy_id = ?", strategy);
    w.add(symbol == null ? null : "symbol = ?", symbol);
    return docs(
        "flow closed trades",
        "SELECT doc FROM flow_trades" + w.clause() + " ORDER BY exit_time_ms, trade_id",
        ClosedFlowTrade.class,
        w::bind);
  }

  @Override
  public void recordFeature(FeatureEvent f) {
    db.update(
        "record flow feature",
        FEATURE,
        p ->
            p.text(f.evaluationId())
                .text(f.engineInstance())
                .bigint(f.evaluation().timeMs())
                .text(FlowJson.write(f.toRow())));
  }

  @Override
  public void recordLabel(LabelEvent l) {
    db.update(
        "record flow label",
        LABEL,
        p ->
            p.text(l.evaluationId())
                .text(l.strategyId().value())
                .text(l.instrument().venueSymbol())
                .bigint(l.evaluationTimeMs())
                .integer(l.yBinary60m())
                .text(FlowJson.write(l)));
  }

  @Override
  public List<LabelEvent> labels(int limit) {
    return docs(
            "flow labels",
            "SELECT doc FROM flow_labels ORDER BY evaluation_ms, evaluation_id",
            LabelEvent.class,
            p -> {})
        .stream()
        .limit(limit)
        .toList();
  }

  @Override
  public void recordExecutionCost(ExecutionCostEvent c) {
    db.update(
        "record flow execution cost",
        COST,
        p ->
            p.text(c.tradeId())
                .text(c.strategyId().value())
                .real(finite(c.frictionR()))
                .text(FlowJson.write(c)));
  }

  @Override
  public Counts counts() {
    return db.query(
        "flow counts",
        c -> {
          long[] n = new long[7];
          String[] tables = {
            "flow_strategies",
            "flow_evaluations",
            "flow_positions",
            "flow_trades",
            "flow_features",
            "flow_labels",
            "flow_execution_costs"
          };
          for (int i = 0; i < tables.length; i++) {
            n[i] = count(c, "SELECT COUNT(*) FROM " + tables[i], new Where());
          }
          return new Counts(n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
        });
  }

  // ------------------------------------------------------------------ internals

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
  }

  /** Optional filters, bound in order. */
  private static final class Where {
    final List<String> sql = new ArrayList<>();
    final List<Object> args = new ArrayList<>();

    void add(String condition, Object value) {
      if (condition != null) {
        sql.add(condition);
        args.add(value);
      }
    }

    String clause() {
      return sql.isEmpty() ? "" : " WHERE " + String.join(" AND ", sql);
    }

    void bind(Params p) throws SQLException {
      for (Object a : args) {
        switch (a) {
          case StrategyId s -> p.text(s.value());
          case InstrumentId i -> p.text(i.venueSymbol());
          case Boolean b -> p.bool(b);
          case Long l -> p.bigint(l);
          default -> p.text(a.toString());
        }
      }
    }
  }

  private <T> Page<T> page(
      String operation, String table, Where w, String order, int page, int size, Class<T> type) {
    return db.query(
        operation,
        c -> {
          long total = count(c, "SELECT COUNT(*) FROM " + table + w.clause(), w);
          List<T> items = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT doc FROM " + table + w.clause() + order + " LIMIT ? OFFSET ?")) {
            Params p = new Params(ps);
            w.bind(p);
            p.integer(size).bigint((long) (page - 1) * size);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                items.add(FlowJson.read(rs.getString(1), type));
              }
            }
          }
          return new Page<>(items, total);
        });
  }

  private static long count(Connection c, String sql, Where w) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      w.bind(new Params(ps));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private <T> List<T> docs(String operation, String sql, Class<T> type, JdbcAccess.Binder binder) {
    return db.query(
        operation,
        c -> {
          List<T> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(new Params(ps));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(FlowJson.read(rs.getString(1), type));
              }
            }
          }
          return out;
        });
  }
}
