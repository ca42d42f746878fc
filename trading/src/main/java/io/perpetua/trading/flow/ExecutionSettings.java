package io.perpetua.trading.flow;

/**
 * How flow strategies enter their kernel bracket orders ({@link KernelFlowStrategy}). {@link
 * Mode#IMMEDIATE}: a market entry at the signal. {@link Mode#MAKER}: the §4.1 post-only entry
 * {@code entryOffsetTicks} behind the last price, cancelled after {@code entryTimeoutMs} and then
 * filled at market unless the price moved more than {@code entryFallbackSlippageBps}. Fills are the
 * venue's (the simulated venue in backtest and paper, a real one live).
 *
 * <p>Immutable.
 *
 * @param mode the fill model
 * @param tickSize price increment used for the entry offset
 * @param entryOffsetTicks how many ticks behind the last price the post-only entry rests (1–2)
 * @param entryTimeoutMs how long the entry rests before cancel (3–5 s)
 * @param entryFallbackSlippageBps max move since the signal for the market fallback
 * @param tpTimeoutMs how long a touched TP may stay unfilled before a market close
 * @param timeoutGraceMs how long the timeout limit rests before a market close
 */
public record ExecutionSettings(
    Mode mode,
    double tickSize,
    int entryOffsetTicks,
    long entryTimeoutMs,
    double entryFallbackSlippageBps,
    long tpTimeoutMs,
    long timeoutGraceMs) {

  /** The fill model. */
  public enum Mode {
    /** Market entry at the signal. */
    IMMEDIATE,
    /** Post-only entry with timeout and market fallback (§4.1). */
    MAKER
  }

  /** Validates the fields. */
  public ExecutionSettings {
    if (mode == null || !(tickSize > 0) || entryOffsetTicks < 0) {
      throw new IllegalArgumentException("mode, positive tick size and offset ≥ 0 required");
    }
    if (entryTimeoutMs <= 0 || tpTimeoutMs <= 0 || timeoutGraceMs <= 0) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (!(entryFallbackSlippageBps >= 0)) {
      throw new IllegalArgumentException("fallback slippage must be non-negative");
    }
  }

  /** Market entries. */
  public static ExecutionSettings immediate() {
    return new ExecutionSettings(Mode.IMMEDIATE, 0.1, 1, 4_000, 5, 2_000, 2_000);
  }

  /** Post-only entries with 1 tick offset, 4 s entry timeout, 5 bps fallback, 2 s TP timeout. */
  public static ExecutionSettings maker(double tickSize) {
    return new ExecutionSettings(Mode.MAKER, tickSize, 1, 4_000, 5, 2_000, 2_000);
  }
}
