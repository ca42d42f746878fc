package io.perpetua.store.jdbc;

import io.perpetua.auth.apikey.ApiKeyStore;
import io.perpetua.jobs.JobStore;
import io.perpetua.store.contract.ApiKeyStoreContract;
import io.perpetua.store.contract.JobStoreContract;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The job and key store contracts on the embedded H2 file database (restart = reopen the file). */
class H2BacktestStoresTest {
  @Nested
  class Jobs extends JobStoreContract {
    @TempDir Path tempDir;
    private DatabaseConfig config;
    private Database database;

    @Override
    protected JobStore openFresh() {
      config = DatabaseConfig.embedded(tempDir.resolve(UUID.randomUUID().toString()));
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
    @TempDir Path tempDir;
    private Database database;

    @Override
    protected ApiKeyStore openFresh() {
      database = Database.open(DatabaseConfig.embedded(tempDir));
      return new JdbcApiKeyStore(database);
    }

    @Override
    protected void closeStore() {
      database.close();
    }
  }
}
