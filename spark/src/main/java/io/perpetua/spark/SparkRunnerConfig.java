package io.perpetua.spark;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of a {@link SparkTrialRunner}, validated once here.
 *
 * @param master the Spark master URL: {@code local[*]} (default: every core of this machine),
 *     {@code local[N]}, or a cluster URL ({@code spark://host:port}, {@code yarn}, {@code k8s://…})
 * @param appName the application name shown by Spark
 * @param slicesPerCore how many tasks per core the trials are cut into (≥ 1; more slices balance
 *     uneven trials better, fewer cost less scheduling)
 */
public record SparkRunnerConfig(String master, String appName, int slicesPerCore) {
  /** The default master. */
  public static final String DEFAULT_MASTER = "local[*]";

  private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[0-9]+)?])?");

  /** Validates. */
  public SparkRunnerConfig {
    if (master == null || master.isBlank()) {
      throw new IllegalArgumentException("spark.master must not be empty");
    }
    master = master.strip();
    String m = master.toLowerCase(Locale.ROOT);
    if (m.startsWith("local") && !LOCAL.matcher(m).matches()) {
      throw new IllegalArgumentException(
          "spark.master '" + master + "' is not local, local[N], local[*] or local[N,F]");
    }
    if (!m.startsWith("local")
        && !m.startsWith("spark://")
        && !m.equals("yarn")
        && !m.startsWith("k8s://")) {
      throw new IllegalArgumentException(
          "spark.master '" + master + "' must be local[...], spark://..., yarn or k8s://...");
    }
    if (appName == null || appName.isBlank()) {
      throw new IllegalArgumentException("appName must not be empty");
    }
    if (slicesPerCore < 1) {
      throw new IllegalArgumentException("slicesPerCore must be at least 1, was " + slicesPerCore);
    }
  }

  /** {@code local[*]}, app "perpetua-trials", 2 slices per core. */
  public static SparkRunnerConfig defaults() {
    return of(DEFAULT_MASTER);
  }

  /** The given master with the other defaults. */
  public static SparkRunnerConfig of(String master) {
    return new SparkRunnerConfig(master, "perpetua-trials", 2);
  }

  /**
   * From configuration keys: {@code spark.master} (default {@code local[*]}), {@code
   * spark.app_name} (default {@code perpetua-trials}), {@code spark.slices_per_core} (default 2).
   *
   * @throws IllegalArgumentException naming the key whose value is invalid
   */
  public static SparkRunnerConfig fromSettings(Map<String, String> settings) {
    String slices = settings.getOrDefault("spark.slices_per_core", "2").strip();
    int perCore;
    try {
      perCore = Integer.parseInt(slices);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "spark.slices_per_core must be a whole number, was '" + slices + "'", e);
    }
    return new SparkRunnerConfig(
        settings.getOrDefault("spark.master", DEFAULT_MASTER),
        settings.getOrDefault("spark.app_name", "perpetua-trials"),
        perCore);
  }

  /** True for a {@code local…} master (everything in this JVM). */
  public boolean isLocal() {
    return master.toLowerCase(Locale.ROOT).startsWith("local");
  }
}
