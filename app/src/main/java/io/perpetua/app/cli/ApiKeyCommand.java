package io.perpetua.app.cli;

import io.perpetua.app.Platform;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.backtest.job.ApiKey;
import io.perpetua.core.time.Clock;
import io.perpetua.core.time.Times;
import io.perpetua.server.jobs.ApiKeySecrets;
import io.perpetua.server.jobs.ApiKeys;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.jdbc.JdbcApiKeyStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code perpetua apikey create|list|revoke}: the API keys of the signed job API, in the configured
 * database (the embedded H2 file in the data directory unless {@code store.database_url} is set),
 * with secrets derived from the master key ({@code PERPETUA_MASTER_KEY} or {@code master.key} in
 * the data directory). The embedded database can be opened by one process at a time: stop the
 * platform first, or use PostgreSQL.
 */
@Command(
    name = "apikey",
    mixinStandardHelpOptions = true,
    description = {
      "Creates, lists and revokes API keys of the signed job API (/v1/backtest/jobs).",
      "With the embedded database, run it while the platform is stopped."
    },
    subcommands = {
      ApiKeyCommand.Create.class,
      ApiKeyCommand.ListKeys.class,
      ApiKeyCommand.Revoke.class
    })
public final class ApiKeyCommand implements Runnable {
  @Option(
      names = "--config",
      description = "YAML configuration file (default: PERPETUA_CONFIG).",
      scope = ScopeType.INHERIT)
  Path configFile;

  @Option(
      names = "--data-dir",
      description = "Data directory (default: data.dir = var).",
      scope = ScopeType.INHERIT)
  Path dataDir;

  @Spec CommandSpec spec;

  /** The environment (secrets, overrides); replaced in tests. */
  Map<String, String> env = System.getenv();

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** An open key store; close it after use. */
  private final class Keys implements AutoCloseable {
    final Database database;
    final ApiKeys keys;

    Keys() {
      PerpetuaConfig config = Home.config(configFile);
      Path dir = dataDir != null ? dataDir.toAbsolutePath() : Home.resolve(config.data().dir());
      DatabaseConfig db = Platform.databaseConfig(config, dir, env);
      database = open(db);
      keys =
          new ApiKeys(
              new JdbcApiKeyStore(database), ApiKeySecrets.resolve(dir, env), Clock.system());
    }

    @Override
    public void close() {
      database.close();
    }
  }

  /** Opens the database, explaining the embedded database's single-process lock. */
  static Database open(DatabaseConfig config) {
    try {
      return Database.open(config);
    } catch (RuntimeException e) {
      if (config.isH2() && mentionsLock(e)) {
        throw new IllegalStateException(
            "the embedded database ("
                + config.safeUrl()
                + ") is in use by another process, most likely the running platform. Stop it"
                + " and retry, or set store.database_url to a PostgreSQL database, which both"
                + " can use at once.",
            e);
      }
      throw e;
    }
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
      try (Keys k = parent.new Keys()) {
        ApiKeys.Issued issued = k.keys.create(owner);
        out.println("API key created for " + owner + ".");
        out.println("  key id: " + issued.key().keyId());
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
      try (Keys k = parent.new Keys()) {
        List<ApiKey> all = k.keys.list();
        if (all.isEmpty()) {
          out.println("No API keys. Create one with: perpetua apikey create --owner NAME");
        } else {
          out.printf("%-27s %-24s %-20s %s%n", "KEY ID", "OWNER", "CREATED", "STATUS");
          for (ApiKey key : all) {
            out.printf(
                "%-27s %-24s %-20s %s%n",
                key.keyId(),
                key.owner(),
                Times.iso(key.createdAt().toEpochMilli()),
                key.active() ? "active" : "revoked " + Times.iso(key.revokedAt().toEpochMilli()));
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
      try (Keys k = parent.new Keys()) {
        if (!k.keys.revoke(keyId)) {
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
