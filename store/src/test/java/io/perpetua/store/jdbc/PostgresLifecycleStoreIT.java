package io.perpetua.store.jdbc;

import io.perpetua.store.contract.LifecycleStoreContract;
import io.perpetua.trading.lifecycle.LifecycleStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The strategy lifecycle store contract on this machine's PostgreSQL, a fresh schema per test. */
class PostgresLifecycleStoreIT extends LifecycleStoreContract {
  private static final PostgresTestSchema SCHEMA = new PostgresTestSchema();
  private DatabaseConfig config;
  private final List<Database> open = new ArrayList<>();

  @BeforeAll
  static void requirePostgres() {
    SCHEMA.require();
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    SCHEMA.drop();
  }

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
