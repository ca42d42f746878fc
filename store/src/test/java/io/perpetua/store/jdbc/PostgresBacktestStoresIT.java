package io.perpetua.store.jdbc;

import io.perpetua.auth.apikey.ApiKeyStore;
import io.perpetua.jobs.JobStore;
import io.perpetua.store.contract.ApiKeyStoreContract;
import io.perpetua.store.contract.JobStoreContract;
import java.sql.SQLException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job and key store contracts on a real PostgreSQL: each test gets a freshly created schema
 * {@code it_<random>} (selected with {@code currentSchema}), dropped after the class; restart =
 * close the pool and open a new one.
 */
class PostgresBacktestStoresIT {
  @RegisterExtension static final PostgresTestSchema SCHEMA = new PostgresTestSchema();

  private static DatabaseConfig freshSchema() throws SQLException {
    return SCHEMA.fresh();
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
