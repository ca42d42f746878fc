package io.perpetua.store.jdbc;

import io.perpetua.store.contract.OrchestrationStoresContract;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The orchestrator and allocation stores on the embedded H2 file database. */
class H2OrchestrationStoresTest extends OrchestrationStoresContract {
  @TempDir Path tempDir;
  private DatabaseConfig config;

  @Override
  protected void fresh() {
    config = DatabaseConfig.embedded(tempDir.resolve(UUID.randomUUID().toString()));
  }

  @Override
  protected Database openDatabase() {
    return Database.open(config);
  }
}
