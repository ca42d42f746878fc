package io.perpetua.store.jdbc;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The risk store contract on this machine's PostgreSQL, one fresh schema per test. */
class PostgresRiskStoreIT extends JdbcRiskStoreContract {
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
