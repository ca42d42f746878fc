package io.perpetua.store.jdbc;

import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhook outbox on this machine's PostgreSQL, a fresh schema per test. */
class PostgresWebhookOutboxIT extends WebhookOutboxContract {
  @RegisterExtension static final PostgresTestSchema SCHEMA = new PostgresTestSchema();

  @Override
  protected DatabaseConfig freshConfig() throws SQLException {
    return SCHEMA.fresh();
  }
}
