package io.perpetua.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file in the data directory that tells local tools ({@code perpetua apikey}) where the API of
 * this data directory runs: written when the API is up, deleted when the platform stops.
 */
final class ApiUrlFile {
  private static final Logger LOG = LoggerFactory.getLogger(ApiUrlFile.class);

  private ApiUrlFile() {}

  static void write(Path dataDir, int port) {
    Path file = dataDir.resolve(Platform.API_URL_FILE);
    try {
      Files.writeString(file, "http://127.0.0.1:" + port + "\n");
    } catch (IOException e) {
      LOG.warn("could not write {}: {}", file, e.getMessage());
    }
  }

  static void delete(Path dataDir) {
    Path file = dataDir.resolve(Platform.API_URL_FILE);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", file, e.getMessage());
    }
  }
}
