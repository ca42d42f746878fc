package io.perpetua.store.jdbc;

import io.perpetua.store.contract.TradingHistoryContract;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit-trail reads on this machine's PostgreSQL, one fresh schema per test. */
class PostgresTradingHistoryIT extends TradingHistoryContract {
  @RegisterExtension static final PostgresTestSchema SCHEMA = new PostgresTestSchema();

  @Override
  protected DatabaseConfig freshDatabase() throws SQLException {
    return SCHEMA.fresh();
  }
}
