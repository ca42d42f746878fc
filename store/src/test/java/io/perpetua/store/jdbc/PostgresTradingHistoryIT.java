package io.perpetua.store.jdbc;

import io.perpetua.store.contract.TradingHistoryContract;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The audit-trail reads on this machine's PostgreSQL, one fresh schema per test. */
class PostgresTradingHistoryIT extends TradingHistoryContract {
  private static final PostgresTestSchema SCHEMA = new PostgresTestSchema();

  @BeforeAll
  static void requirePostgres() {
    SCHEMA.require();
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    SCHEMA.drop();
  }

  @Override
  protected DatabaseConfig freshDatabase() throws SQLException {
    return SCHEMA.fresh();
  }
}
