package io.perpetua.store.jdbc;

import io.perpetua.store.contract.AtomicAuditJournalContract;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The atomic audit of the kernel's journal on a real PostgreSQL (a fresh schema per test). */
class PostgresAtomicAuditJournalIT extends AtomicAuditJournalContract {
  @RegisterExtension static final PostgresTestSchema SCHEMA = new PostgresTestSchema();

  @Override
  protected Database openFresh() throws SQLException {
    return Database.open(SCHEMA.fresh());
  }
}
