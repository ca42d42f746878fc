package io.perpetua.store.jdbc;

import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The evolution store contract on this machine's PostgreSQL, a fresh schema per test. */
class PostgresEvolutionStoreIT extends EvolutionStoreContract {
  @RegisterExtension static final PostgresTestSchema SCHEMA = new PostgresTestSchema();

  @Override
  protected DatabaseConfig freshDatabase() throws SQLException {
    return SCHEMA.fresh();
  }
}
