package io.perpetua.app.cli;

import io.perpetua.app.Platform;
import io.perpetua.app.StoreConnections;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.time.Clock;
import io.perpetua.core.time.Times;
import io.perpetua.server.jobs.ApiKeySecrets;
import io.perpetua.server.jobs.ApiKeys;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.jdbc.JdbcApiKeyStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code perpetua apikey create|list|revoke}: the API keys of the signed job API, in the configured
 * database (the embedded H2 file in the data directory unless {@code store.database_url} is set),
 * with secrets derived from the master key ({@code PERPETUA_MASTER_KEY} or {@code master.key} in
 * the data directory). The embedded database can be opened by one process at a time: while the
 * running platform holds it, the command goes through that platform's admin API ({@link
 * RunningPlatformKeys}).
 */
@Command(
    name = "apikey",
    mixinStandardHelpOptions = true,
    description = {
      "Creates, lists and revokes API keys of the signed job API (/v1/backtest/jobs).",
      "While the platform runs on the embedded database, goes through its admin API."
    },
    subcommands = {
      ApiKeyCommand.Create.class,
      ApiKeyCommand.ListKeys.class,
      ApiKeyCommand.Revoke.class
    })
public final class ApiKeyCommand implements Runnable {
  @Mixin LocalStoreOptions store = new LocalStoreOptions();

  @Spec CommandSpec spec;

  /** The environment (secrets, overrides); replaced in tests. */
  Map<String, String> env = System.getenv();

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Creates, lists and revokes keys: in the database, or through the running platform. */
  interface Admin extends AutoCloseable {
    /** Issues a key for {@code owner}; the secret exists only in the answer. */
    Created create(String owner);

    /** Every key, oldest first. */
    List<Row> list();

    /** Revokes a key; false when there is no such active key. */
    boolean revoke(String keyId);

    @Override
    void close();
  }

  /** A created key and its secret (never logged). */
  record Created(String keyId, String secret) {
    @Override
    public String toString() {
      return "Created[keyId=" + keyId + ", secret=redacted]";
    }
  }

  /** A listed key. */
  record Row(String keyId, String owner, Instant createdAt, Instant revokedAt) {}

  /** The keys in the configured database, opened by this process. */
  private record Local(Database database, ApiKeys keys) implements Admin {
    @Override
    public Created create(String owner) {
      ApiKeys.Issued issued = keys.create(owner);
      return new Created(issued.key().keyId(), issued.secret());
    }

    @Override
    public List<Row> list() {
      return keys.list().stream()
          .map(k -> new Row(k.keyId(), k.owner(), k.createdAt(), k.revokedAt()))
          .toList();
    }

    @Override
    public boolean revoke(String keyId) {
      return keys.revoke(keyId);
    }

    @Override
    public void close() {
      database.close();
    }
  }

  /**
   * The key store: the configured database, or, when the embedded database is held by the running
   * platform, that platform's admin API.
   */
  private Admin admin() {
    PerpetuaConfig config = Home.config(store.configFile);
    Path dir =
        store.dataDir != null ? store.dataDir.toAbsolutePath() : Home.resolve(config.data().dir());
    DatabaseConfig db = StoreConnections.databaseConfig(config, dir, env);
    Database database;
    try {
      database = Database.open(db);
    } catch (RuntimeException e) {
      if (db.isH2() && mentionsLock(e)) {
        Optional<RunningPlatformKeys> running = RunningPlatformKeys.find(dir, env);
        if (running.isPresent()) {
          return running.get();
        }
        throw new IllegalStateException(
            "the embedded database ("
                + db.safeUrl()
                + ") is in use by another process that is not a running platform of this data"
                + " directory (no "
                + Platform.API_URL_FILE
                + " in it, or no API token). Stop it and retry, or set store.database_url to a"
                + " PostgreSQL database, which both can use at once.",
            e);
      }
      throw e;
    }
    return new Local(
        database,
        new ApiKeys(
            new JdbcApiKeyStore(database), ApiKeySecrets.resolve(dir, env), Clock.system()));
  }

  static boolean mentionsLock(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("already in use")) {
        return true;
      }
    }
    return false;
  }

  /** {@code apikey create --owner NAME}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Issues a key for a user and prints its id and secret (shown only once).")
  static final class Create implements Callable<Integer> {
    @ParentCommand ApiKeyCommand parent;

    @Option(
        names = "--owner",
        required = true,
        description = "The user the key acts for (letters, digits, _ . @ -).")
    String owner;

    @Override
    public Integer call() {
      PrintWriter out = parent.spec.commandLine().getOut();
      try (Admin k = parent.admin()) {
        Created issued = k.create(owner);
        out.println("API key created for " + owner + ".");
        out.println("  key id: " + issued.keyId());
        out.println("  secret: " + issued.secret());
        out.println(
            "The secret is shown only this once: store it now. Sign requests as described in"
                + " docs/api.md (X-Perpetua-API-Key, X-Perpetua-Timestamp, X-Perpetua-Signature).");
        out.flush();
        return 0;
      }
    }
  }

  /** {@code apikey list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists every key (never the secrets).")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand ApiKeyCommand parent;

    @Override
    public Integer call() {
      PrintWriter out = parent.spec.commandLine().getOut();
      try (Admin k = parent.admin()) {
        List<Row> all = k.list();
        if (all.isEmpty()) {
          out.println("No API keys. Create one with: perpetua apikey create --owner NAME");
        } else {
          out.printf("%-27s %-24s %-20s %s%n", "KEY ID", "OWNER", "CREATED", "STATUS");
          for (Row key : all) {
            out.printf(
                "%-27s %-24s %-20s %s%n",
                key.keyId(),
                key.owner(),
                Times.iso(key.createdAt().toEpochMilli()),
                key.revokedAt() == null
                    ? "active"
                    : "revoked " + Times.iso(key.revokedAt().toEpochMilli()));
          }
        }
        out.flush();
        return 0;
      }
    }
  }

  /** {@code apikey revoke KEY_ID}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revokes a key: its requests are refused from now on. Exit 1 if none.")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand ApiKeyCommand parent;

    @Parameters(paramLabel = "KEY_ID", description = "The key id (pk_...).")
    String keyId;

    @Override
    public Integer call() {
      try (Admin k = parent.admin()) {
        if (!k.revoke(keyId)) {
          parent.spec.commandLine().getErr().println("perpetua: no active API key " + keyId);
          return 1;
        }
        parent.spec.commandLine().getOut().println("Revoked " + keyId + ".");
        parent.spec.commandLine().getOut().flush();
        return 0;
      }
    }
  }
}
