package io.perpetua.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared real-data set ({@code ../shared/data} beside the repository) for golden tests;
 * a test that needs it is skipped with a clear message when it is absent.
 */
public final class SharedData {
  private SharedData() {}

  /** The data root (may not exist). */
  public static Path root() {
    String prop = System.getProperty("perpetua.shared.data");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    String env = System.getenv("PERPETUA_SHARED_DATA");
    return Path.of(env != null ? env : "../../shared/data").toAbsolutePath().normalize();
  }

  /** The path {@code relative} under the data root, skipping the test when it does not exist. */
  public static Path require(String relative) {
    Path p = root().resolve(relative);
    assumeTrue(
        Files.exists(p),
        "shared data not found at " + p + " (set -Dperpetua.shared.data); skipping golden test");
    return p;
  }
}
