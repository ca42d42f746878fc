package io.perpetua.store.jdbc;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The webhook outbox on the embedded H2 file database. */
class H2WebhookOutboxTest extends WebhookOutboxContract {
  @TempDir Path tempDir;

  @Override
  protected DatabaseConfig freshConfig() {
    return DatabaseConfig.embedded(tempDir.resolve(UUID.randomUUID().toString()));
  }
}
