package io.perpetua.signals.pool;

/**
 * How an asset pool is chosen: the top {@code topK} instruments by a volume metric among those
 * tradable now with at least {@code minHistoryDays} of bars.
 *
 * <ul>
 *   <li>{@code usdt_volume}: trailing USDT volume over {@code lookbackDays}, refreshed every {@code
 *       refreshHours} (the spec's {@code default} pool: top 100, 30 days, daily);
 *   <li>{@code dollar_volume_monthly}: the USDT volume of the calendar month {@code lagMonths}
 *       before the current one (the reference month), refreshed when a UTC month starts (the spec's
 *       {@code t50_monthly}: top 50, lag 1, at least 60 days of history).
 * </ul>
 *
 * <p>Immutable; validated.
 *
 * @param name pool name, e.g. {@code default}
 * @param metric ranking metric, {@code usdt_volume} or {@code dollar_volume_monthly}
 * @param topK pool size
 * @param lookbackDays volume window in days ({@code usdt_volume})
 * @param refreshHours refresh interval in hours ({@code usdt_volume})
 * @param minHistoryDays minimum days of bars before an instrument may enter
 * @param lagMonths months between the reference month and the current one ({@code
 *     dollar_volume_monthly}; 0 = the current, partial month)
 */
public record AssetPoolDefinition(
    String name,
    String metric,
    int topK,
    int lookbackDays,
    int refreshHours,
    int minHistoryDays,
    int lagMonths) {
  /** The trailing-volume metric. */
  public static final String USDT_VOLUME = "usdt_volume";

  /** The calendar-month metric. */
  public static final String MONTHLY = "dollar_volume_monthly";

  /** Validates the definition. */
  public AssetPoolDefinition {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("asset pool name is required");
    }
    if (!USDT_VOLUME.equals(metric) && !MONTHLY.equals(metric)) {
      throw new IllegalArgumentException(
          "asset pool "
              + name
              + ": unknown metric '"
              + metric
              + "': expected usdt_volume or dollar_volume_monthly");
    }
    if (topK < 1 || lookbackDays < 1 || refreshHours < 1 || minHistoryDays < 0) {
      throw new IllegalArgumentException(
          "asset pool " + name + ": top_k, lookback_days and refresh_hours must be positive");
    }
    if (lagMonths < 0 || lagMonths > 24) {
      throw new IllegalArgumentException(asMessage(name, "lag must be within 0..24 months"));
    }
  }

  private static String asMessage(String name, String text) {
    return "asset pool " + name + ": " + text;
  }

  /** A trailing-volume pool (no month lag). */
  public AssetPoolDefinition(
      String name,
      String metric,
      int topK,
      int lookbackDays,
      int refreshHours,
      int minHistoryDays) {
    this(name, metric, topK, lookbackDays, refreshHours, minHistoryDays, 0);
  }

  /** Whether the pool ranks by a calendar month's volume. */
  public boolean monthly() {
    return MONTHLY.equals(metric);
  }

  /**
   * The metric as the API names it: {@code usdt_volume_30d} for a 30-day trailing volume, {@code
   * dollar_volume_monthly}.
   */
  public String apiMetric() {
    return monthly() ? MONTHLY : USDT_VOLUME + "_" + lookbackDays + "d";
  }

  /** The refresh interval as the API shows it: {@code 24h} or {@code monthly}. */
  public String updateInterval() {
    return monthly() ? "monthly" : refreshHours + "h";
  }

  /** The spec's {@code default} pool: top 100 by 30-day USDT volume, refreshed daily. */
  public static AssetPoolDefinition defaultPool() {
    return new AssetPoolDefinition("default", USDT_VOLUME, 100, 30, 24, 0);
  }

  /**
   * The spec's {@code t50_monthly} pool: top 50 by the previous calendar month's dollar volume, at
   * least 60 days of history, refreshed monthly.
   */
  public static AssetPoolDefinition t50Monthly() {
    return new AssetPoolDefinition("t50_monthly", MONTHLY, 50, 31, 24, 60, 1);
  }
}
