package io.perpetua.store.jdbc;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The order-flow store contract on this machine's PostgreSQL, one fresh schema per test. */
class PostgresFlowStoreIT extends JdbcFlowStoreContract {
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
  DatabaseConfig freshDatabase() throws SQLException {
    return SCHEMA.fresh();
  }
}
