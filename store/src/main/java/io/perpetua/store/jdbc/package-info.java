/**
 * JDBC persistence: {@link io.perpetua.store.jdbc.Database} (pool + Flyway migrations, H2 or
 * PostgreSQL) and {@link io.perpetua.store.jdbc.JdbcTradingJournal}.
 */
package io.perpetua.store.jdbc;
