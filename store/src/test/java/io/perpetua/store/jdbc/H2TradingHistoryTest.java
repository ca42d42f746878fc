package io.perpetua.store.jdbc;

import io.perpetua.store.contract.TradingHistoryContract;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The audit-trail reads on the embedded H2 database. */
class H2TradingHistoryTest extends TradingHistoryContract {
  @TempDir Path tempDir;

  @Override
  protected DatabaseConfig freshDatabase() {
    return DatabaseConfig.embedded(tempDir.resolve(UUID.randomUUID().toString()));
  }
}
