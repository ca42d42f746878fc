package io.perpetua.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The evolution store contract on the embedded H2 file database. */
class H2EvolutionStoreTest extends EvolutionStoreContract {
  @TempDir Path tempDir;

  @Override
  protected DatabaseConfig freshDatabase() {
    return DatabaseConfig.embedded(tempDir.resolve("evo"));
  }
}
