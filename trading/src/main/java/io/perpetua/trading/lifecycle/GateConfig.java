package io.perpetua.trading.lifecycle;

/**
 * The canary's share of capital and the gates a candidate must pass to move on (spec 003 §13), from
 * configuration ({@code lifecycle:} in {@code perpetua-defaults.yaml}).
 *
 * @param canaryFraction the candidate's share of the strategy's capital in canary, in (0, 0.10]
 * @param minAnnualisedReturn the least annualised return of its live daily returns
 * @param maxDrawdown the largest drawdown of its live NAV, a fraction in [0, 1]
 * @param ksAlpha the two-sample Kolmogorov–Smirnov test's significance: a p-value below it says the
 *     live returns do not come from the backtest's distribution (breach)
 * @param slippageBandBps how far the live slippage may exceed the backtest's assumption, bps
 * @param minTrades the least trades before the gates decide
 * @param minDays the least live daily returns before the gates decide
 */
public record GateConfig(
    double canaryFraction,
    double minAnnualisedReturn,
    double maxDrawdown,
    double ksAlpha,
    double slippageBandBps,
    int minTrades,
    int minDays) {
  /** The defaults: 10 %, return ≥ 0, MDD ≤ 20 %, α 0.05, 5 bps, 20 trades, 14 days. */
  public static final GateConfig DEFAULTS = new GateConfig(0.10, 0.0, 0.20, 0.05, 5.0, 20, 14);

  /** Validates, naming the configuration key. */
  public GateConfig {
    if (!(canaryFraction > 0 && canaryFraction <= 0.10)) {
      throw new IllegalArgumentException(
          "lifecycle.canary_fraction must be in (0, 0.10], was " + canaryFraction);
    }
    if (!Double.isFinite(minAnnualisedReturn) || minAnnualisedReturn <= -1) {
      throw new IllegalArgumentException(
          "lifecycle.min_annualised_return must be > -1, was " + minAnnualisedReturn);
    }
    if (!(maxDrawdown >= 0 && maxDrawdown <= 1)) {
      throw new IllegalArgumentException(
          "lifecycle.max_drawdown must be in [0, 1], was " + maxDrawdown);
    }
    if (!(ksAlpha > 0 && ksAlpha < 1)) {
      throw new IllegalArgumentException("lifecycle.ks_alpha must be in (0, 1), was " + ksAlpha);
    }
    if (!(slippageBandBps >= 0) || Double.isInfinite(slippageBandBps)) {
      throw new IllegalArgumentException(
          "lifecycle.slippage_band_bps must be >= 0, was " + slippageBandBps);
    }
    if (minTrades < 0) {
      throw new IllegalArgumentException("lifecycle.min_trades must be >= 0, was " + minTrades);
    }
    if (minDays < 2) {
      throw new IllegalArgumentException("lifecycle.min_days must be >= 2, was " + minDays);
    }
  }
}
