package io.perpetua.trading.learn;

/**
 * Limits of the daily auto-evolution (spec §5).
 *
 * @param windowDays the statistics window (7 days)
 * @param maxNewPerSymbolPerDay new strategies per symbol per UTC day (1)
 * @param maxAutoRunningPerSymbol auto-created strategies running per symbol (3)
 * @param minAgeMs the youngest auto-created strategy that may be deprecated (24 h)
 * @param seed the seed of the mutations (same seed and inputs, same plan)
 */
public record EvolutionConfig(
    int windowDays,
    int maxNewPerSymbolPerDay,
    int maxAutoRunningPerSymbol,
    long minAgeMs,
    long seed) {
  /** 7 days, 1 a day, 3 running, 24 h, seed 5. */
  public static final EvolutionConfig DEFAULTS = new EvolutionConfig(7, 1, 3, 86_400_000L, 5);

  /** Validates the fields. */
  public EvolutionConfig {
    if (windowDays < 1
        || maxNewPerSymbolPerDay < 0
        || maxAutoRunningPerSymbol < 1
        || minAgeMs < 0) {
      throw new IllegalArgumentException("evolution limits must be positive");
    }
  }
}
