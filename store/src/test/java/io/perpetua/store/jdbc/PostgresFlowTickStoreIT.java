package io.perpetua.store.jdbc;

import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The raw live-tick store contract on this machine's PostgreSQL, one fresh schema per test. */
class PostgresFlowTickStoreIT extends FlowTickStoreContract {
  @RegisterExtension static final PostgresTestSchema SCHEMA = new PostgresTestSchema();

  @Override
  DatabaseConfig freshDatabase() throws SQLException {
    return SCHEMA.fresh();
  }
}
