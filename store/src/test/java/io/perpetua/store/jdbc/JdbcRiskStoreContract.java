package io.perpetua.store.jdbc;

import io.perpetua.store.contract.RiskStoreContract;
import io.perpetua.trading.risk.RiskStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The risk store contract on a database; a restart closes and reopens it. */
abstract class JdbcRiskStoreContract extends RiskStoreContract {
  private DatabaseConfig config;
  private final List<Database> open = new ArrayList<>();

  /** A fresh, empty database. */
  abstract DatabaseConfig freshDatabase() throws Exception;

  @Override
  protected RiskStore freshStore() throws Exception {
    config = freshDatabase();
    return reopen();
  }

  @Override
  protected RiskStore reopen() {
    close();
    Database db = Database.open(config);
    open.add(db);
    return new JdbcRiskStore(db);
  }

  @AfterEach
  void close() {
    open.forEach(Database::close);
    open.clear();
  }
}
