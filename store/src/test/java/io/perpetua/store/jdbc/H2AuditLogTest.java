package io.perpetua.store.jdbc;

import io.perpetua.auth.audit.AuditLog;
import io.perpetua.store.contract.AuditLogContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The audit log contract on the embedded H2 file database. */
class H2AuditLogTest extends AuditLogContract {
  @TempDir Path tempDir;
  private DatabaseConfig config;
  private Database database;

  @Override
  protected AuditLog openFresh() {
    config = DatabaseConfig.embedded(tempDir.resolve(UUID.randomUUID().toString()));
    database = Database.open(config);
    return new JdbcAuditLog(database);
  }

  @Override
  protected AuditLog openAgain() {
    return new JdbcAuditLog(database);
  }

  @Override
  protected Connection connect() throws SQLException {
    return database.dataSource().getConnection();
  }

  @Override
  protected void closeStore() {
    database.close();
  }
}
