package io.perpetua.store.jdbc;

import io.perpetua.store.contract.TradingJournalContract;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The journal contract on the embedded H2 file database (restart = close and reopen the file). */
class H2TradingJournalTest extends TradingJournalContract {
  @TempDir Path tempDir;

  @Override
  protected DatabaseConfig freshDatabase() {
    return DatabaseConfig.embedded(tempDir.resolve(UUID.randomUUID().toString()));
  }
}
