package io.perpetua.store.jdbc;

import io.perpetua.store.contract.OrchestrationStoresContract;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The orchestrator and allocation stores on this machine's PostgreSQL (fresh schema per test): the
 * two-instance test runs two connection pools, as two platform processes would.
 */
class PostgresOrchestrationStoresIT extends OrchestrationStoresContract {
  @RegisterExtension static final PostgresTestSchema SCHEMA = new PostgresTestSchema();
  private DatabaseConfig config;

  @Override
  protected void fresh() throws SQLException {
    config = SCHEMA.fresh();
  }

  @Override
  protected Database openDatabase() {
    return Database.open(config);
  }
}
