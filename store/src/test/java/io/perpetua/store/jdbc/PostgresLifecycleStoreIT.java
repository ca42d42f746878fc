package io.perpetua.store.jdbc;

import io.perpetua.store.contract.LifecycleStoreContract;
import io.perpetua.trading.lifecycle.LifecycleStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The strategy lifecycle store contract on this machine's PostgreSQL, a fresh schema per test. */
class PostgresLifecycleStoreIT extends LifecycleStoreContract {
  @RegisterExtension static final PostgresTestSchema SCHEMA = new PostgresTestSchema();
  private DatabaseConfig config;
  private final List<Database> open = new ArrayList<>();

  @Override
  protected LifecycleStore freshStore() throws SQLException {
    config = SCHEMA.fresh();
    return reopen();
  }

  @Override
  protected LifecycleStore reopen() {
    close();
    Database db = Database.open(config);
    open.add(db);
    return new JdbcLifecycleStore(db);
  }

  @AfterEach
  void close() {
    open.forEach(Database::close);
    open.clear();
  }
}
