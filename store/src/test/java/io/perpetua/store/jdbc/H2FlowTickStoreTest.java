package io.perpetua.store.jdbc;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The raw live-tick store contract on the embedded H2 file database. */
class H2FlowTickStoreTest extends FlowTickStoreContract {
  @TempDir Path tempDir;

  @Override
  DatabaseConfig freshDatabase() {
    return DatabaseConfig.embedded(tempDir.resolve(UUID.randomUUID().toString()));
  }
}
