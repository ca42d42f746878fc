package io.perpetua.store.jdbc;

import io.perpetua.store.contract.RegistryStoreContract;
import io.perpetua.trading.registry.RegistryStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The strategy registry store contract on the embedded H2 file database. */
class H2RegistryStoreTest extends RegistryStoreContract {
  @TempDir Path tempDir;
  private DatabaseConfig config;
  private final List<Database> open = new ArrayList<>();

  @Override
  protected RegistryStore freshStore() {
    config = DatabaseConfig.embedded(tempDir.resolve(UUID.randomUUID().toString()));
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
