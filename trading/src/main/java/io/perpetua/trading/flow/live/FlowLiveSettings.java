package io.perpetua.trading.flow.live;

/**
 * Settings of the order-flow live executor ({@link FlowLiveExecutor}).
 *
 * <p>Immutable.
 *
 * @param capital the account's deposit in its settlement currency; equity = capital + realised −
 *     fees + unrealised, from the venue's fills
 * @param probeIntervalMs how often (wall clock) the venue is asked for its positions: a probe of
 *     reachability, a comparison with the executor's fills, and the moment failed exits are retried
 * @param maxExitAttempts how many orders a TP1 or exit leg may use before it is given up (and
 *     reported) — a venue refusal or a risk rejection costs one attempt
 */
public record FlowLiveSettings(double capital, long probeIntervalMs, int maxExitAttempts) {
  /** Validates the settings. */
  public FlowLiveSettings {
    if (!(capital > 0) || Double.isInfinite(capital)) {
      throw new IllegalArgumentException("capital must be positive, got " + capital);
    }
    if (probeIntervalMs < 1) {
      throw new IllegalArgumentException("probe interval must be positive");
    }
    if (maxExitAttempts < 1) {
      throw new IllegalArgumentException("at least one exit attempt");
    }
  }

  /** {@code capital}, a probe every 5 s (spec §6's risk-guard period), 3 attempts per exit leg. */
  public static FlowLiveSettings defaults(double capital) {
    return new FlowLiveSettings(capital, 5_000, 3);
  }
}
