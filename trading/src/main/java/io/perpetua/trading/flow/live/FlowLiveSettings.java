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
 * @param maxExitAttempts how many market orders an exit leg may use before it is given up (and
 *     reported) — a venue refusal or a risk rejection costs one attempt
 * @param tpTimeoutMs maker-first exits: how long (wall clock) a pre-placed TP limit may stay
 *     unfilled after the paper engine hit its level before it is cancelled and the rest of its half
 *     is closed at market (spec §4.1 {@code tp_timeout_ms})
 * @param timeoutGraceMs maker-first exits: how long (wall clock) the timeout exit's limit rests
 *     before the rest is closed at market (spec §4.1 {@code timeout_grace_ms})
 */
public record FlowLiveSettings(
    double capital,
    long probeIntervalMs,
    int maxExitAttempts,
    long tpTimeoutMs,
    long timeoutGraceMs) {
  /** {@code tp_timeout_ms} by default (spec §4.1: "e.g. 2 s"). */
  public static final long DEFAULT_TP_TIMEOUT_MS = 2_000;

  /** {@code timeout_grace_ms} by default. */
  public static final long DEFAULT_TIMEOUT_GRACE_MS = 3_000;

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
    if (tpTimeoutMs < 1 || timeoutGraceMs < 1) {
      throw new IllegalArgumentException("tp_timeout_ms and timeout_grace_ms must be positive");
    }
  }

  /** The settings with the default exit timeouts (2 s TP timeout, 3 s timeout grace). */
  public FlowLiveSettings(double capital, long probeIntervalMs, int maxExitAttempts) {
    this(
        capital, probeIntervalMs, maxExitAttempts, DEFAULT_TP_TIMEOUT_MS, DEFAULT_TIMEOUT_GRACE_MS);
  }

  /** {@code capital}, a probe every 5 s (spec §6's risk-guard period), 3 attempts per exit leg. */
  public static FlowLiveSettings defaults(double capital) {
    return new FlowLiveSettings(capital, 5_000, 3);
  }

  /** These settings with other exit timeouts. */
  public FlowLiveSettings withExitTimeouts(long tpTimeout, long timeoutGrace) {
    return new FlowLiveSettings(capital, probeIntervalMs, maxExitAttempts, tpTimeout, timeoutGrace);
  }
}
