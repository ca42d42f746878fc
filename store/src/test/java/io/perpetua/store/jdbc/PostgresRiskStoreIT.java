package io.perpetua.store.jdbc;

import io.perpetua.store.contract.RiskStoreContract;
import io.perpetua.trading.risk.RiskStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The risk store contract on this machine's PostgreSQL, one fresh schema per test. */
class PostgresRiskStoreIT extends RiskStoreContract {
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
  protected RiskStore freshStore() throws SQLException {
    config = SCHEMA.fresh();
    return reopen();
  }

  @Override
  protected RiskStore reopen() {
    open.forEach(Database::close);
    open.clear();
    Database db = Database.open(config);
    open.add(db);
    return new JdbcRiskStore(db);
  }

  @AfterEach
  void close() {
    open.forEach(Database::close);
  }
}
