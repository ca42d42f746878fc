package io.perpetua.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.store.contract.TradingJournalContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The journal contract on a real PostgreSQL: every test gets a freshly created schema {@code
 * it_<random>} (selected with {@code currentSchema}), dropped after the class.
 */
class PostgresTradingJournalIT extends TradingJournalContract {
  @RegisterExtension static final PostgresTestSchema SCHEMA = new PostgresTestSchema();

  @Override
  protected DatabaseConfig freshDatabase() throws SQLException {
    return SCHEMA.fresh();
  }

  /** Every table the migrations create, and Flyway's history. */
  private static final String[] TABLES = {
    "account_state",
    "positions",
    "kernel_cursor",
    "orders",
    "fills",
    "funding_events",
    "rebalance_events",
    "signal_snapshots",
    "backtest_jobs",
    "api_keys",
    "risk_controls",
    "risk_alerts",
    "risk_events",
    "portfolio_snapshots",
    "flow_strategies",
    "flow_strategy_versions",
    "flow_evaluations",
    "flow_positions",
    "flow_trades",
    "flow_features",
    "flow_labels",
    "flow_execution_costs",
    "webhook_dead_letters",
    "users",
    "invite_codes",
    "refresh_tokens",
    "approval_requests",
    "audit_log",
    "audit_head",
    "risk_symbol_limits",
    "stream_epochs",
    "strategy_config_changes",
    "strategy_status_changes",
    "signal_coverage",
    "strategy_nav",
    "strategy_versions",
    "strategy_lifecycle",
    "strategy_lifecycle_events",
    "allocation_history",
    "orchestrator_jobs",
    "orchestrator_runs",
    "hotlist_scans",
    "hotlist",
    "hotlist_whitelist",
    "webhook_outbox",
    "carry_state",
    "carry_orders",
    "carry_ledger",
    "carry_funding",
    "carry_snapshots",
    "carry_events",
    "flow_evolution_runs",
    "flow_evolution_lineage",
    "flow_agg_trades",
    "flow_market_ticks",
    "flow_tick_meta",
    "flyway_schema_history",
  };

  @Test
  void schemaAndMigrationHistory_liveInTheTestSchema() throws SQLException {
    try (Connection c = PostgresTestSchema.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                    + " ORDER BY table_name")) {
      ps.setString(1, SCHEMA.name);
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables).containsExactlyInAnyOrder(TABLES);
    }
  }
}
