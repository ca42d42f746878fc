/**
 * JDBC persistence: {@link io.perpetua.store.jdbc.Database} (pool + Flyway migrations, H2 or
 * PostgreSQL), {@link io.perpetua.store.jdbc.JdbcTradingJournal}, {@link
 * io.perpetua.store.jdbc.JdbcJobStore} (backtest jobs) and {@link
 * io.perpetua.store.jdbc.JdbcApiKeyStore}.
 */
package io.perpetua.store.jdbc;
