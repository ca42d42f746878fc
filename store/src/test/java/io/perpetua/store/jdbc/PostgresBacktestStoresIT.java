package io.perpetua.store.jdbc;

import io.perpetua.backtest.job.ApiKeyStore;
import io.perpetua.backtest.job.JobStore;
import io.perpetua.core.testing.Services;
import io.perpetua.store.contract.ApiKeyStoreContract;
import io.perpetua.store.contract.JobStoreContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The job and key store contracts on a real PostgreSQL: each test gets a freshly created schema
 * {@code it_<random>} (selected with {@code currentSchema}), dropped after the class; restart =
 * close the pool and open a new one.
 */
class PostgresBacktestStoresIT {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String USER = "postgres";
  private static final String SCHEMA =
      "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  private static boolean available;

  @BeforeAll
  static void requirePostgres() {
    Services.requirePostgres();
    available = true;
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (available) {
      execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static DatabaseConfig freshSchema() throws SQLException {
    execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    execute("CREATE SCHEMA " + SCHEMA);
    return DatabaseConfig.of(URL + "?currentSchema=" + SCHEMA, USER, "");
  }

  @Nested
  class Jobs extends JobStoreContract {
    private DatabaseConfig config;
    private Database database;

    @Override
    protected JobStore openFresh() throws SQLException {
      config = freshSchema();
      database = Database.open(config);
      return new JdbcJobStore(database);
    }

    @Override
    protected JobStore reopen() {
      database.close();
      database = Database.open(config);
      return new JdbcJobStore(database);
    }

    @Override
    protected void closeStore() {
      database.close();
    }
  }

  @Nested
  class Keys extends ApiKeyStoreContract {
    private Database database;

    @Override
    protected ApiKeyStore openFresh() throws SQLException {
      database = Database.open(freshSchema());
      return new JdbcApiKeyStore(database);
    }

    @Override
    protected void closeStore() {
      database.close();
    }
  }
}
