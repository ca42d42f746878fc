package io.perpetua.trading.venue;

/**
 * Settings of maker-first execution ({@link MakerFirstVenue}); the names are the strategy spec's
 * ({@code orderflow-and-arbitrage.md} §4.1).
 *
 * <p>Immutable.
 *
 * @param enabled false (the default) sends the kernel's market orders unchanged
 * @param entryOffsetTicks ticks between the reference price and the post-only limit, on the passive
 *     side (a buy rests below, a sell above); at least 1
 * @param entryTimeoutMs how long the limit may rest before it is cancelled (wall-clock ms)
 * @param entryFallbackSlippageBps the remainder is taken at market only when the price moved
 *     against the order by less than this since the entry
 */
public record MakerFirstSettings(
    boolean enabled, int entryOffsetTicks, long entryTimeoutMs, double entryFallbackSlippageBps) {

  /** Validates the settings. */
  public MakerFirstSettings {
    if (entryOffsetTicks < 1) {
      throw new IllegalArgumentException("entry_offset_ticks must be at least 1");
    }
    if (entryTimeoutMs < 1) {
      throw new IllegalArgumentException("entry_timeout_ms must be positive");
    }
    if (!(entryFallbackSlippageBps >= 0) || !Double.isFinite(entryFallbackSlippageBps)) {
      throw new IllegalArgumentException("entry_fallback_slippage_bps must be a number >= 0");
    }
  }

  /** Off, with the spec's defaults for when it is turned on: 1 tick, 4,000 ms, 10 bps. */
  public static MakerFirstSettings disabled() {
    return new MakerFirstSettings(false, 1, 4_000, 10);
  }
}
