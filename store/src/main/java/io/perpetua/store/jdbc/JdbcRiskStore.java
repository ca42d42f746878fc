package io.perpetua.store.jdbc;

import static io.perpetua.store.jdbc.MergeSql.column;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.trading.risk.Alert;
import io.perpetua.trading.risk.AlertSeverity;
import io.perpetua.trading.risk.EmergencyStop;
import io.perpetua.trading.risk.Fraction;
import io.perpetua.trading.risk.RiskEvent;
import io.perpetua.trading.risk.RiskStore;
import io.perpetua.trading.risk.SymbolControl;
import io.perpetua.trading.risk.SymbolLimit;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link RiskStore} in the journal database ({@code risk_controls}, {@code risk_alerts}, {@code
 * risk_events}; migration V3). Every write is its own committed statement, so an operator's
 * emergency stop is durable when the API answers. Thread-safe.
 */
public final class JdbcRiskStore implements RiskStore {
  private static final String EMERGENCY_KEY = "emergency_stop";
  private static final String SYMBOL_PREFIX = "symbol:";
  private static final String TEXT = "VARCHAR";
  private static final String BIGINT = "BIGINT";
  private static final String DOUBLE = "DOUBLE PRECISION";
  private static final String CONTROL =
      MergeSql.upsert(
          "risk_controls",
          List.of("control_key"),
          List.of(
              column("control_key", TEXT),
              column("symbol", TEXT),
              column("active", "BOOLEAN"),
              column("reason", TEXT),
              column("operator", TEXT),
              column("changed_at_ms", BIGINT)));
  private static final String ALERT =
      MergeSql.upsert(
          "risk_alerts",
          List.of("alert_id"),
          List.of(
              column("alert_id", TEXT),
              column("severity", TEXT),
              column("rule_name", TEXT),
              column("symbol", TEXT),
              column("message", TEXT),
              column("current_value", DOUBLE),
              column("threshold", DOUBLE),
              column("raised_at_ms", BIGINT),
              column("resolved_at_ms", BIGINT)));
  private static final String EVENT =
      MergeSql.insertIfAbsent(
          "risk_events",
          List.of("event_time_ms", "kind", "rule_name", "symbol"),
          List.of(
              column("event_time_ms", BIGINT),
              column("kind", TEXT),
              column("rule_name", TEXT),
              column("symbol", TEXT),
              column("detail", TEXT)));
  private static final String LIMIT =
      MergeSql.upsert(
          "risk_symbol_limits",
          List.of("symbol"),
          List.of(
              column("symbol", TEXT),
              column("max_leverage", "NUMERIC(20, 8)"),
              column("max_pos_value", "NUMERIC(30, 8)"),
              column("reason", TEXT),
              column("operator", TEXT),
              column("changed_at_ms", BIGINT)));
  private static final String ALERT_COLUMNS =
      "SELECT alert_id, severity, rule_name, symbol, message, current_value, threshold,"
          + " raised_at_ms, resolved_at_ms FROM risk_alerts";
  private static final int MAX_TEXT = 1000;

  private final JdbcAccess db;

  /** A store in {@code database}. */
  public JdbcRiskStore(Database database) {
    Objects.requireNonNull(database, "database");
    this.db = new JdbcAccess(database.dataSource(), database.errors());
  }

  @Override
  public Optional<EmergencyStop> loadEmergencyStop() {
    return db.query(
        "load emergency stop",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT active, reason, operator, changed_at_ms FROM risk_controls"
                      + " WHERE control_key = ?")) {
            ps.setString(1, EMERGENCY_KEY);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new EmergencyStop(
                          rs.getBoolean(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                  : Optional.<EmergencyStop>empty();
            }
          }
        });
  }

  @Override
  public void saveEmergencyStop(EmergencyStop stop) {
    saveControl(
        EMERGENCY_KEY, null, stop.active(), stop.reason(), stop.operator(), stop.changedAtMs());
  }

  @Override
  public List<SymbolControl> loadSymbolControls() {
    return db.query(
        "load symbol controls",
        c -> {
          List<SymbolControl> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT symbol, active, reason, operator, changed_at_ms FROM risk_controls"
                      + " WHERE control_key LIKE 'symbol:%' ORDER BY control_key")) {
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                // for a symbol, 'active' means the control (disabling) is active
                out.add(
                    new SymbolControl(
                        InstrumentId.parse(rs.getString(1)),
                        !rs.getBoolean(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5)));
              }
            }
          }
          return out;
        });
  }

  @Override
  public void saveSymbolControl(SymbolControl control) {
    String symbol = control.symbol().apiSymbol();
    saveControl(
        SYMBOL_PREFIX + symbol,
        symbol,
        !control.tradingEnabled(),
        control.reason(),
        control.operator(),
        control.changedAtMs());
  }

  private void saveControl(
      String key, String symbol, boolean active, String reason, String operator, long timeMs) {
    db.update(
        "save risk control",
        CONTROL,
        p ->
            p.text(key)
                .text(symbol)
                .bool(active)
                .text(cut(reason))
                .text(cut(operator))
                .bigint(timeMs));
  }

  @Override
  public List<SymbolLimit> loadSymbolLimits() {
    return db.query(
        "load symbol limits",
        c -> {
          List<SymbolLimit> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT symbol, max_leverage, max_pos_value, reason, operator, changed_at_ms"
                          + " FROM risk_symbol_limits ORDER BY symbol");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              java.math.BigDecimal leverage = rs.getBigDecimal(2);
              java.math.BigDecimal value = rs.getBigDecimal(3);
              out.add(
                  new SymbolLimit(
                      InstrumentId.parse(rs.getString(1)),
                      leverage == null ? null : Fraction.exact(leverage),
                      value == null ? null : Money.of(value),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getLong(6)));
            }
          }
          return out;
        });
  }

  @Override
  public void saveSymbolLimit(InstrumentId symbol, SymbolLimit limit) {
    if (limit == null) {
      db.update(
          "remove symbol limit",
          "DELETE FROM risk_symbol_limits WHERE symbol = ?",
          p -> p.text(symbol.apiSymbol()));
      return;
    }
    db.update(
        "save symbol limit",
        LIMIT,
        p ->
            p.text(symbol.apiSymbol())
                .decimal(limit.maxLeverage() == null ? null : limit.maxLeverage().toBigDecimal())
                .decimal(
                    limit.maxPositionValue() == null
                        ? null
                        : limit.maxPositionValue().toBigDecimal())
                .text(cut(limit.reason()))
                .text(cut(limit.operator()))
                .bigint(limit.changedAtMs()));
  }

  @Override
  public void saveAlert(Alert a) {
    db.update(
        "save alert",
        ALERT,
        p ->
            p.text(a.alertId())
                .text(a.severity().code())
                .text(a.ruleName())
                .text(a.symbol())
                .text(cut(a.message()))
                .real(finite(a.currentValue()))
                .real(finite(a.threshold()))
                .bigint(a.raisedAtMs())
                .bigint(a.resolvedAtMs()));
  }

  @Override
  public List<Alert> activeAlerts() {
    return db.query(
        "active alerts",
        c ->
            JournalReader.list(
                c,
                ALERT_COLUMNS + " WHERE resolved_at_ms IS NULL ORDER BY raised_at_ms",
                100_000,
                JdbcRiskStore::alert));
  }

  @Override
  public AlertPage alerts(AlertSeverity severity, long sinceMs, int page, int pageSize) {
    String where = " WHERE raised_at_ms >= ?" + (severity == null ? "" : " AND severity = ?");
    return db.query(
        "alert history",
        c -> {
          long total;
          try (PreparedStatement ps =
              c.prepareStatement("SELECT COUNT(*) FROM risk_alerts" + where)) {
            bindAlertFilter(ps, severity, sinceMs);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              total = rs.getLong(1);
            }
          }
          List<Alert> items = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  ALERT_COLUMNS
                      + where
                      + " ORDER BY raised_at_ms DESC, alert_id LIMIT ? OFFSET ?")) {
            int next = bindAlertFilter(ps, severity, sinceMs);
            ps.setInt(next, pageSize);
            ps.setLong(next + 1, (long) (page - 1) * pageSize);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                items.add(alert(rs));
              }
            }
          }
          return new AlertPage(items, total);
        });
  }

  private static int bindAlertFilter(PreparedStatement ps, AlertSeverity severity, long sinceMs)
      throws SQLException {
    ps.setLong(1, sinceMs);
    if (severity != null) {
      ps.setString(2, severity.code());
      return 3;
    }
    return 2;
  }

  private static Alert alert(ResultSet rs) throws SQLException {
    long resolved = rs.getLong(9);
    Long resolvedAt = rs.wasNull() ? null : resolved;
    return new Alert(
        rs.getString(1),
        AlertSeverity.parse(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getDouble(6),
        rs.getDouble(7),
        rs.getLong(8),
        resolvedAt);
  }

  @Override
  public void recordEvent(RiskEvent e) {
    db.update(
        "record risk event",
        EVENT,
        p ->
            p.bigint(e.timeMs())
                .text(e.kind())
                .text(e.rule() == null ? "" : e.rule())
                .text(e.symbol() == null ? "" : e.symbol())
                .text(cut(e.detail())));
  }

  @Override
  public List<RiskEvent> events(int limit) {
    return db.query(
        "risk events",
        c ->
            JournalReader.list(
                c,
                "SELECT event_time_ms, kind, rule_name, symbol, detail FROM risk_events"
                    + " ORDER BY event_time_ms DESC, kind",
                limit,
                rs ->
                    new RiskEvent(
                        rs.getLong(1),
                        rs.getString(2),
                        emptyToNull(rs.getString(3)),
                        emptyToNull(rs.getString(4)),
                        rs.getString(5))));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static String cut(String s) {
    return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : (v > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE);
  }
}
