package io.perpetua.signals.pool;

/**
 * How an asset pool is chosen: the top {@code topK} instruments by trailing USDT volume over {@code
 * lookbackDays}, refreshed every {@code refreshHours}, among instruments with at least {@code
 * minHistoryDays} of bars.
 *
 * <p>Immutable; validated.
 *
 * @param name pool name, e.g. {@code default}
 * @param metric ranking metric (only {@code usdt_volume} is built in)
 * @param topK pool size
 * @param lookbackDays volume window in days
 * @param refreshHours refresh interval in hours
 * @param minHistoryDays minimum days of bars before an instrument may enter
 */
public record AssetPoolDefinition(
    String name, String metric, int topK, int lookbackDays, int refreshHours, int minHistoryDays) {

  /** Validates the definition. */
  public AssetPoolDefinition {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("asset pool name is required");
    }
    if (!"usdt_volume".equals(metric)) {
      throw new IllegalArgumentException(
          "asset pool " + name + ": unknown metric '" + metric + "': expected usdt_volume");
    }
    if (topK < 1 || lookbackDays < 1 || refreshHours < 1 || minHistoryDays < 0) {
      throw new IllegalArgumentException(
          "asset pool " + name + ": top_k, lookback_days and refresh_hours must be positive");
    }
  }

  /** The spec's {@code default} pool: top 100 by 30-day USDT volume, refreshed daily. */
  public static AssetPoolDefinition defaultPool() {
    return new AssetPoolDefinition("default", "usdt_volume", 100, 30, 24, 0);
  }
}
