package io.perpetua.store.jdbc;

import io.perpetua.store.contract.AtomicAuditJournalContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The atomic audit of the kernel's journal on the embedded H2 file database. */
class H2AtomicAuditJournalTest extends AtomicAuditJournalContract {
  @TempDir Path tempDir;

  @Override
  protected Database openFresh() {
    return Database.open(DatabaseConfig.embedded(tempDir));
  }
}
