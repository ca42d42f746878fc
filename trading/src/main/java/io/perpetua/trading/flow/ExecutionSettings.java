package io.perpetua.trading.flow;

/**
 * How paper trades are filled. {@link Mode#IMMEDIATE} is the §4 paper convention: entry at the last
 * trade price, exits at their levels (stops fill at the stop price), every fill a taker fill.
 * {@link Mode#MAKER} simulates the §4.1 execution state machine with a maker-fill model: post-only
 * orders fill only when a trade goes through their price.
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
    /** Paper fills at levels, all taker. */
    IMMEDIATE,
    /** Maker-fill simulation of the execution state machine. */
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

  /** Immediate paper fills. */
  public static ExecutionSettings immediate() {
    return new ExecutionSettings(Mode.IMMEDIATE, 0.1, 1, 4_000, 5, 2_000, 2_000);
  }

  /** The maker simulation with 1 tick offset, 4 s entry timeout, 5 bps fallback, 2 s TP timeout. */
  public static ExecutionSettings maker(double tickSize) {
    return new ExecutionSettings(Mode.MAKER, tickSize, 1, 4_000, 5, 2_000, 2_000);
  }
}
