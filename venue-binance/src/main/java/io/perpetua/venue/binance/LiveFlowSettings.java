package io.perpetua.venue.binance;

/**
 * Settings of the {@link LiveFlowFeed} (spec §1 defaults in {@link #defaults()}).
 *
 * <p>Immutable.
 *
 * @param silentAfterMs a stream silent longer than this raises the alert (30 s)
 * @param continuityEveryMs the agg-id continuity check's period (1 min)
 * @param pollEveryMs the REST polls' period: open interest and long/short ratios (5 min)
 * @param pollPeriod the statistics period asked for ({@code 5m})
 * @param batchRows stored ticks are written per this many rows (200) ...
 * @param batchMs ... or this long after the oldest unwritten one (1 s)
 * @param catchUpMaxMs a stored last agg id older than this is not caught up from (1 h): the engine
 *     warms up on live ticks instead of fetching hours of trades
 * @param spotPerpEveryMs at most one spot–perp divergence sample per symbol per this (1 s)
 * @param spotWsUrl the spot venue's WebSocket base for {@code bookTicker} ("" = no spot–perp input)
 * @param reorderWindowMs trades above a hole in the agg ids are held at most this long for its
 *     back-fill, so that the engine gets them in id order (5 s)
 */
public record LiveFlowSettings(
    long silentAfterMs,
    long continuityEveryMs,
    long pollEveryMs,
    String pollPeriod,
    int batchRows,
    long batchMs,
    long catchUpMaxMs,
    long spotPerpEveryMs,
    String spotWsUrl,
    long reorderWindowMs) {

  /** Binance spot's public WebSocket base. */
  public static final String BINANCE_SPOT_WS = "wss://stream.binance.com:9443";

  /** Validates the fields (messages name the field). */
  public LiveFlowSettings {
    positive("silent_after_ms", silentAfterMs);
    positive("continuity_every_ms", continuityEveryMs);
    positive("poll_every_ms", pollEveryMs);
    positive("batch_rows", batchRows);
    positive("batch_ms", batchMs);
    positive("spot_perp_every_ms", spotPerpEveryMs);
    positive("reorder_window_ms", reorderWindowMs);
    if (catchUpMaxMs < 0) {
      throw new IllegalArgumentException("catch_up_max_ms must not be negative: " + catchUpMaxMs);
    }
    if (pollPeriod == null || !pollPeriod.matches("5m|15m|30m|1h|2h|4h|6h|12h|1d")) {
      throw new IllegalArgumentException("poll_period must be one of 5m..1d: " + pollPeriod);
    }
    spotWsUrl = spotWsUrl == null ? "" : spotWsUrl.strip();
    if (!spotWsUrl.isEmpty() && !spotWsUrl.matches("wss?://.+")) {
      throw new IllegalArgumentException("spot_ws_url must be a ws:// or wss:// URL: " + spotWsUrl);
    }
  }

  private static void positive(String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive: " + value);
    }
  }

  /** The spec's defaults, without the spot–perp input. */
  public static LiveFlowSettings defaults() {
    return new LiveFlowSettings(
        30_000, 60_000, 300_000, "5m", 200, 1_000, 3_600_000, 1_000, "", 5_000);
  }

  /** These settings with another silence limit. */
  public LiveFlowSettings withSilentAfterMs(long ms) {
    return new LiveFlowSettings(
        ms,
        continuityEveryMs,
        pollEveryMs,
        pollPeriod,
        batchRows,
        batchMs,
        catchUpMaxMs,
        spotPerpEveryMs,
        spotWsUrl,
        reorderWindowMs);
  }

  /** These settings with the spot venue's WebSocket base ("" = no spot–perp input). */
  public LiveFlowSettings withSpotWsUrl(String url) {
    return new LiveFlowSettings(
        silentAfterMs,
        continuityEveryMs,
        pollEveryMs,
        pollPeriod,
        batchRows,
        batchMs,
        catchUpMaxMs,
        spotPerpEveryMs,
        url,
        reorderWindowMs);
  }

  /** These settings with other check periods (continuity, polls). */
  public LiveFlowSettings withPeriods(long continuityMs, long pollMs) {
    return new LiveFlowSettings(
        silentAfterMs,
        continuityMs,
        pollMs,
        pollPeriod,
        batchRows,
        batchMs,
        catchUpMaxMs,
        spotPerpEveryMs,
        spotWsUrl,
        reorderWindowMs);
  }

  /** These settings with another reorder window (ms). */
  public LiveFlowSettings withReorderWindowMs(long ms) {
    return new LiveFlowSettings(
        silentAfterMs,
        continuityEveryMs,
        pollEveryMs,
        pollPeriod,
        batchRows,
        batchMs,
        catchUpMaxMs,
        spotPerpEveryMs,
        spotWsUrl,
        ms);
  }
}
