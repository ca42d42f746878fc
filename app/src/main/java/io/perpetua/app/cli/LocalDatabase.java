package io.perpetua.app.cli;

import io.perpetua.app.StoreConnections;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the configured database for a CLI command (the embedded H2 file in the data directory
 * unless {@code store.database_url} is set), with a clear message when the running platform holds
 * the embedded file.
 */
final class LocalDatabase {
  private LocalDatabase() {}

  /** The data directory of {@code configFile} / {@code dataDir}. */
  static Path dataDir(Path configFile, Path dataDir) {
    PerpetuaConfig config = Home.config(configFile);
    return dataDir != null ? dataDir.toAbsolutePath() : Home.resolve(config.data().dir());
  }

  static Database open(Path configFile, Path dataDir, Map<String, String> env) {
    PerpetuaConfig config = Home.config(configFile);
    Path dir = dataDir(configFile, dataDir);
    DatabaseConfig db = StoreConnections.databaseConfig(config, dir, env);
    try {
      return Database.open(db);
    } catch (RuntimeException e) {
      if (db.isH2() && ApiKeyCommand.mentionsLock(e)) {
        throw new IllegalStateException(
            "the embedded database ("
                + db.safeUrl()
                + ") is in use, probably by the running platform: stop it and retry, use the"
                + " admin API (docs/security.md), or set store.database_url to PostgreSQL.",
            e);
      }
      throw e;
    }
  }
}
