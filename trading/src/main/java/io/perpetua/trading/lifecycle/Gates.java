package io.perpetua.trading.lifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a candidate's evidence against the {@link GateConfig}: minimum trades and days first
 * (below them there is no decision), then the annualised return, the maximum drawdown, the
 * two-sample Kolmogorov–Smirnov test of live against backtest daily returns, and the live slippage
 * against the backtest's assumption. Stateless.
 */
public final class Gates {
  private Gates() {}

  /** The report on {@code evidence}. */
  public static GateReport evaluate(GateConfig config, CanaryEvidence evidence) {
    double[] live = evidence.liveDailyReturns();
    List<GateReport.Gate> gates = new ArrayList<>();
    GateReport.Gate trades =
        new GateReport.Gate(
            "min_trades",
            evidence.trades(),
            config.minTrades(),
            ">=",
            evidence.trades() >= config.minTrades());
    GateReport.Gate days =
        new GateReport.Gate(
            "min_days", live.length, config.minDays(), ">=", live.length >= config.minDays());
    gates.add(trades);
    gates.add(days);
    if (!trades.passed() || !days.passed()) {
      return new GateReport(GateReport.INSUFFICIENT, gates);
    }
    double annual = annualisedReturn(live);
    gates.add(
        new GateReport.Gate(
            "annualised_return",
            annual,
            config.minAnnualisedReturn(),
            ">=",
            annual >= config.minAnnualisedReturn()));
    double mdd = maxDrawdown(live);
    gates.add(
        new GateReport.Gate(
            "max_drawdown", mdd, config.maxDrawdown(), "<=", mdd <= config.maxDrawdown()));
    double[] reference = evidence.backtestDailyReturns();
    double p =
        reference.length == 0
            ? 0.0
            : KolmogorovSmirnov.pValue(
                KolmogorovSmirnov.statistic(live, reference), live.length, reference.length);
    gates.add(new GateReport.Gate("ks_p_value", p, config.ksAlpha(), ">=", p >= config.ksAlpha()));
    double excess = evidence.liveSlippageBps() - evidence.assumedSlippageBps();
    gates.add(
        new GateReport.Gate(
            "slippage_excess_bps",
            excess,
            config.slippageBandBps(),
            "<=",
            excess <= config.slippageBandBps()));
    boolean all = gates.stream().allMatch(GateReport.Gate::passed);
    return new GateReport(all ? GateReport.PASS : GateReport.BREACH, gates);
  }

  /** {@code (Π(1 + r))^(365/n) − 1} of {@code n} daily returns. */
  public static double annualisedReturn(double[] daily) {
    double logSum = 0;
    for (double r : daily) {
      logSum += Math.log1p(r);
    }
    return Math.expm1(logSum * 365.0 / daily.length);
  }

  /** The largest fall from a peak of the NAV {@code Π(1 + r)} starting at 1, as a fraction ≥ 0. */
  public static double maxDrawdown(double[] daily) {
    double nav = 1;
    double peak = 1;
    double worst = 0;
    for (double r : daily) {
      nav *= 1 + r;
      peak = Math.max(peak, nav);
      worst = Math.max(worst, 1 - nav / peak);
    }
    return worst;
  }
}
