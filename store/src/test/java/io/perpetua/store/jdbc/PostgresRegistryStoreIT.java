package io.perpetua.store.jdbc;

import io.perpetua.store.contract.RegistryStoreContract;
import io.perpetua.trading.registry.RegistryStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The strategy registry store contract on this machine's PostgreSQL, a fresh schema per test. */
class PostgresRegistryStoreIT extends RegistryStoreContract {
  @RegisterExtension static final PostgresTestSchema SCHEMA = new PostgresTestSchema();
  private DatabaseConfig config;
  private final List<Database> open = new ArrayList<>();

  @Override
  protected RegistryStore freshStore() throws SQLException {
    config = SCHEMA.fresh();
    return reopen();
  }

  @Override
  protected RegistryStore reopen() {
    close();
    Database db = Database.open(config);
    open.add(db);
    return new JdbcRegistryStore(db);
  }

  @AfterEach
  void close() {
    open.forEach(Database::close);
    open.clear();
  }
}
