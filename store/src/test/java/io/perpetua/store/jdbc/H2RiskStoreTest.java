package io.perpetua.store.jdbc;

import io.perpetua.store.contract.RiskStoreContract;
import io.perpetua.trading.risk.RiskStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The risk store contract on the embedded H2 file database; restart = close and reopen. */
class H2RiskStoreTest extends RiskStoreContract {
  @TempDir Path tempDir;
  private DatabaseConfig config;
  private final List<Database> open = new ArrayList<>();

  @Override
  protected RiskStore freshStore() {
    config = DatabaseConfig.embedded(tempDir.resolve(UUID.randomUUID().toString()));
    return reopen();
  }

  @Override
  protected RiskStore reopen() {
    open.forEach(Database::close);
    open.clear();
    Database db = Database.open(config);
    open.add(db);
    return new JdbcRiskStore(db);
  }

  @AfterEach
  void close() {
    open.forEach(Database::close);
  }
}
