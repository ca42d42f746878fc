package io.perpetua.store.jdbc;

import io.perpetua.auth.audit.AuditLog;
import io.perpetua.store.contract.AuditLogContract;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit log contract on a real PostgreSQL (a fresh schema per test). */
class PostgresAuditLogIT extends AuditLogContract {
  @RegisterExtension static final PostgresTestSchema SCHEMA = new PostgresTestSchema();
  private Database database;
  private Database second;

  @Override
  protected AuditLog openFresh() throws SQLException {
    database = Database.open(SCHEMA.fresh());
    return new JdbcAuditLog(database);
  }

  @Override
  protected AuditLog openAgain() {
    second = Database.open(database.config());
    return new JdbcAuditLog(second);
  }

  @Override
  protected Connection connect() throws SQLException {
    return database.dataSource().getConnection();
  }

  @Override
  protected void closeStore() {
    database.close();
    if (second != null) {
      second.close();
    }
  }
}
