package io.perpetua.store.jdbc;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The webhook outbox on this machine's PostgreSQL, a fresh schema per test. */
class PostgresWebhookOutboxIT extends WebhookOutboxContract {
  private static final PostgresTestSchema SCHEMA = new PostgresTestSchema();

  @BeforeAll
  static void requirePostgres() {
    SCHEMA.require();
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    SCHEMA.drop();
  }

  @Override
  protected DatabaseConfig freshConfig() throws SQLException {
    return SCHEMA.fresh();
  }
}
