package io.perpetua.store.jdbc;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The order-flow store contract on the embedded H2 file database. */
class H2FlowStoreTest extends JdbcFlowStoreContract {
  @TempDir Path tempDir;

  @Override
  DatabaseConfig freshDatabase() {
    return DatabaseConfig.embedded(tempDir.resolve(UUID.randomUUID().toString()));
  }
}
