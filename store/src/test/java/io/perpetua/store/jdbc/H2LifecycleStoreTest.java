package io.perpetua.store.jdbc;

import io.perpetua.store.contract.LifecycleStoreContract;
import io.perpetua.trading.lifecycle.LifecycleStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The strategy lifecycle store contract on the embedded H2 file database. */
class H2LifecycleStoreTest extends LifecycleStoreContract {
  @TempDir Path tempDir;
  private DatabaseConfig config;
  private final List<Database> open = new ArrayList<>();

  @Override
  protected LifecycleStore freshStore() {
    config = DatabaseConfig.embedded(tempDir.resolve(UUID.randomUUID().toString()));
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
