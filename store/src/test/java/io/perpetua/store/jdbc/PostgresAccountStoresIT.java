package io.perpetua.store.jdbc;

import io.perpetua.store.contract.AccountStoresContract;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The account stores contract on a real PostgreSQL (a fresh schema per test). */
class PostgresAccountStoresIT extends AccountStoresContract {
  @RegisterExtension static final PostgresTestSchema SCHEMA = new PostgresTestSchema();
  private DatabaseConfig config;
  private Database database;

  @Override
  protected Stores openFresh() throws SQLException {
    config = SCHEMA.fresh();
    database = Database.open(config);
    return H2AccountStoresTest.stores(database);
  }

  @Override
  protected Stores reopen() {
    database.close();
    database = Database.open(config);
    return H2AccountStoresTest.stores(database);
  }

  @Override
  protected void closeStore() {
    database.close();
  }
}
