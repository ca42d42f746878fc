package io.perpetua.store.jdbc;

import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The order-flow store contract on this machine's PostgreSQL, one fresh schema per test. */
class PostgresFlowStoreIT extends JdbcFlowStoreContract {
  @RegisterExtension static final PostgresTestSchema SCHEMA = new PostgresTestSchema();

  @Override
  DatabaseConfig freshDatabase() throws SQLException {
    return SCHEMA.fresh();
  }
}
