package io.perpetua.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal database: a HikariCP connection pool over H2 or PostgreSQL, migrated by Flyway
 * (scripts in {@code db/migration}) when opened.
 *
 * <p>{@link #open} fails with {@link io.perpetua.trading.port.ServiceUnavailableException} when the
 * database cannot be reached and with {@link DatabaseException} when the migration fails; both name
 * the URL without credentials. An embedded H2 file database is kept private to its owner (directory
 * {@code 0700}, files {@code 0600}; {@link PrivateFiles}) on creation and on every open.
 * Thread-safe; {@link #close} closes the pool (and thereby an embedded H2 database).
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final long CONNECTION_TIMEOUT_MS = 5_000;

  private final DatabaseConfig config;
  private final HikariDataSource dataSource;
  private final JdbcErrors errors;

  private Database(DatabaseConfig config, HikariDataSource dataSource, JdbcErrors errors) {
    this.config = config;
    this.dataSource = dataSource;
    this.errors = errors;
  }

  /** Connects, migrates the schema to the latest version and returns the open database. */
  public static Database open(DatabaseConfig config) {
    return open(config, Duration.ofMillis(CONNECTION_TIMEOUT_MS));
  }

  /**
   * {@link #open(DatabaseConfig)}, failing with a {@link
   * io.perpetua.trading.port.ServiceUnavailableException} when no connection is made within {@code
   * connectTimeout} (refused, unknown host, a server that accepts but never answers); the same
   * timeout bounds every later wait for a pooled connection.
   */
  public static Database open(DatabaseConfig config, Duration connectTimeout) {
    Objects.requireNonNull(config, "config");
    JdbcErrors errors = new JdbcErrors(config.safeUrl(), config.secrets());
    Optional<Path> h2File = PrivateFiles.h2Base(config.url());
    h2File.ifPresent(PrivateFiles::restrict); // the directory, before H2 creates files in it
    HikariDataSource dataSource = connect(config, connectTimeout, errors);
    h2File.ifPresent(PrivateFiles::restrict); // and the files H2 has created
    try {
      Flyway flyway =
          Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
      var result = flyway.migrate();
      var current = flyway.info().current();
      LOG.info(
          "Database {} at schema version {} ({} migrations applied now)",
          config.safeUrl(),
          current == null ? "none" : current.getVersion(),
          result.migrationsExecuted);
    } catch (FlywayException e) {
      dataSource.close();
      throw errors.translate("schema migration", e);
    }
    return new Database(config, dataSource, errors);
  }

  private static HikariDataSource connect(
      DatabaseConfig config, Duration timeout, JdbcErrors errors) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("perpetua-db");
    hikari.setJdbcUrl(config.url());
    hikari.setUsername(config.user());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(config.maxPoolSize());
    hikari.setConnectionTimeout(Math.max(250, timeout.toMillis()));
    if (config.url().startsWith("jdbc:postgresql:")) {
      // the driver's own bounds: the TCP connect and the whole login (a server that never answers)
      String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
      hikari.addDataSourceProperty("connectTimeout", seconds);
      hikari.addDataSourceProperty("loginTimeout", seconds);
    }
    hikari.setAutoCommit(true);
    // the pool's first connection, bounded as a whole: the driver may try more than once (e.g.
    // with and without SSL), each attempt waiting for its own timeout
    CompletableFuture<HikariDataSource> pool = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("perpetua-db-connect")
        .start(
            () -> {
              try {
                HikariDataSource ds = new HikariDataSource(hikari);
                if (!pool.complete(ds)) {
                  ds.close(); // given up on meanwhile
                }
              } catch (RuntimeException e) {
                pool.completeExceptionally(e);
              }
            });
    try {
      return pool.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      // PoolInitializationException (unreachable, bad credentials) or a bad URL / missing driver.
      throw errors.unavailable(
          "connect", e.getCause() instanceof Exception c ? c : new IllegalStateException(e));
    } catch (TimeoutException e) {
      pool.completeExceptionally(e);
      throw errors.unavailable(
          "connect", new TimeoutException("no connection within " + timeout.toMillis() + " ms"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.completeExceptionally(e);
      throw errors.unavailable("connect", e);
    }
  }

  /** The configuration (its {@code toString} hides the password). */
  public DatabaseConfig config() {
    return config;
  }

  /** The pooled data source. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The error translation for this database. */
  JdbcErrors errors() {
    return errors;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
