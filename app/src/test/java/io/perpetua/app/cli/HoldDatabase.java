package io.perpetua.app.cli;

import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link ApiKeyCommandTest}: opens the embedded database in the directory
 * given, prints {@code ready}, and holds it (like a running platform) until its standard input
 * closes.
 */
public final class HoldDatabase {
  private HoldDatabase() {}

  /** Entry point: {@code HoldDatabase <dataDir>}. */
  public static void main(String[] args) throws IOException {
    Database db = Database.open(DatabaseConfig.embedded(Path.of(args[0])));
    try {
      System.out.println("ready");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold the database until the parent closes our input
      }
    } finally {
      db.close();
    }
  }
}
