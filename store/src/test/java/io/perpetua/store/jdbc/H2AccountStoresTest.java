package io.perpetua.store.jdbc;

import io.perpetua.store.contract.AccountStoresContract;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The account stores contract on the embedded H2 file database (restart = reopen the file). */
class H2AccountStoresTest extends AccountStoresContract {
  @TempDir Path tempDir;
  private DatabaseConfig config;
  private Database database;

  @Override
  protected Stores openFresh() {
    config = DatabaseConfig.embedded(tempDir.resolve(UUID.randomUUID().toString()));
    database = Database.open(config);
    return stores(database);
  }

  @Override
  protected Stores reopen() {
    database.close();
    database = Database.open(config);
    return stores(database);
  }

  static Stores stores(Database db) {
    return new Stores(
        new JdbcUserStore(db),
        new JdbcInviteStore(db),
        new JdbcRefreshTokenStore(db),
        new JdbcApprovalStore(db));
  }

  @Override
  protected void closeStore() {
    database.close();
  }
}
