package io.perpetua.trading.orchestrator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The orchestrator's event triggers (spec 003 §2.1, §9): from a strategy's daily NAV, a Sharpe
 * below a threshold, a maximum drawdown above one, {@code n} days without a new high, or the latest
 * window return below the {@code q} quantile of its history; from the market and the risk engine, a
 * volatility spike or the risk usage above a threshold. Each firing trigger becomes one {@link
 * OptimiserTask} (train/validate windows, objective, constraints). Pure.
 *
 * @param sharpeBelow annualised Sharpe (√365 on daily returns) below which a strategy is
 *     re-optimised
 * @param mddAbove maximum drawdown (positive fraction) above which it is
 * @param daysWithoutHigh days without a new NAV high after which it is
 * @param quantileQ the quantile {@code q} of the strategy's rolling window returns
 * @param quantileWindowDays the window of those returns (days)
 * @param volSpikeRatio market short/long volatility above which every strategy is
 * @param riskUsageAbove risk usage (drawdown over the halt limit, 0..1) above which every one is
 * @param trainDays the task's training window
 * @param validateDays the task's validation window
 * @param objective the task's objective
 * @param maxDrawdownConstraint the task's drawdown constraint
 */
public record EventTriggers(
    double sharpeBelow,
    double mddAbove,
    int daysWithoutHigh,
    double quantileQ,
    int quantileWindowDays,
    double volSpikeRatio,
    double riskUsageAbove,
    int trainDays,
    int validateDays,
    String objective,
    double maxDrawdownConstraint) {
  /** The defaults of {@code perpetua-defaults.yaml} ({@code orchestrator.triggers}). */
  public static EventTriggers defaults() {
    return new EventTriggers(0.0, 0.20, 30, 0.05, 7, 2.0, 0.8, 180, 30, "calmar", 0.25);
  }

  /** Validates (the message names the key). */
  public EventTriggers {
    if (!(mddAbove > 0 && mddAbove < 1)) {
      throw new IllegalArgumentException("orchestrator.triggers.mdd_above must be in (0, 1)");
    }
    if (daysWithoutHigh < 1 || quantileWindowDays < 1 || trainDays < 1 || validateDays < 1) {
      throw new IllegalArgumentException("orchestrator.triggers: day counts must be >= 1");
    }
    if (!(quantileQ > 0 && quantileQ < 1)) {
      throw new IllegalArgumentException("orchestrator.triggers.quantile_q must be in (0, 1)");
    }
  }

  /** The triggers {@code strategy}'s daily {@code navs} (oldest first) fire at {@code nowMs}. */
  public List<OptimiserTask> evaluate(String strategy, double[] navs, long nowMs) {
    List<OptimiserTask> out = new ArrayList<>();
    if (navs.length < 3) {
      return out;
    }
    double[] r = new double[navs.length - 1];
    for (int i = 0; i < r.length; i++) {
      r[i] = navs[i + 1] / navs[i] - 1;
    }
    double sharpe = sharpe(r);
    if (sharpe < sharpeBelow) {
      out.add(task(strategy, "sharpe_below", "sharpe=%.3f < %.3f", nowMs, sharpe, sharpeBelow));
    }
    double peak = navs[0];
    int peakAt = 0;
    double mdd = 0;
    for (int i = 0; i < navs.length; i++) {
      if (navs[i] > peak) {
        peak = navs[i];
        peakAt = i;
      }
      mdd = Math.max(mdd, 1 - navs[i] / peak);
    }
    if (mdd > mddAbove) {
      out.add(task(strategy, "mdd_above", "mdd=%.4f > %.4f", nowMs, mdd, mddAbove));
    }
    int since = navs.length - 1 - peakAt;
    if (since >= daysWithoutHigh) {
      out.add(task(strategy, "no_new_high", "days=%d >= %d", nowMs, since, daysWithoutHigh));
    }
    quantile(strategy, navs, nowMs).ifPresent(out::add);
    return out;
  }

  private java.util.Optional<OptimiserTask> quantile(String strategy, double[] navs, long nowMs) {
    int w = quantileWindowDays;
    int count = navs.length - w;
    if (count < 10) {
      return java.util.Optional.empty(); // too little history for a quantile
    }
    double[] windows = new double[count];
    for (int i = 0; i < count; i++) {
      windows[i] = navs[i + w] / navs[i] - 1;
    }
    double latest = windows[count - 1];
    double[] sorted = Arrays.copyOf(windows, count);
    Arrays.sort(sorted);
    double threshold = sorted[(int) Math.floor(quantileQ * (count - 1))];
    if (latest < threshold) {
      return java.util.Optional.of(
          task(
              strategy,
              "return_quantile_below",
              "r_%dd=%.4f < q%.2f=%.4f",
              nowMs,
              w,
              latest,
              quantileQ,
              threshold));
    }
    return java.util.Optional.empty();
  }

  /** The market and risk triggers at {@code nowMs}: one task per strategy when one fires. */
  public List<OptimiserTask> evaluateGlobal(
      List<String> strategies, double volRatio, double riskUsage, long nowMs) {
    List<OptimiserTask> out = new ArrayList<>();
    for (String s : strategies) {
      if (volRatio > volSpikeRatio) {
        out.add(task(s, "vol_spike", "vol_ratio=%.3f > %.3f", nowMs, volRatio, volSpikeRatio));
      }
      if (riskUsage > riskUsageAbove) {
        out.add(task(s, "risk_threshold", "usage=%.3f > %.3f", nowMs, riskUsage, riskUsageAbove));
      }
    }
    return out;
  }

  /** The walk-forward task of the daily schedule. */
  public OptimiserTask walkForward(String strategy, long nowMs) {
    return task(strategy, "schedule:walk_forward", "daily 00:10 UTC", nowMs);
  }

  private OptimiserTask task(String strategy, String trigger, String fmt, long nowMs, Object... a) {
    return new OptimiserTask(
        strategy,
        trigger,
        String.format(Locale.ROOT, fmt, a),
        trainDays,
        validateDays,
        objective,
        Map.of("max_drawdown", maxDrawdownConstraint),
        nowMs);
  }

  static double sharpe(double[] r) {
    if (r.length < 2) {
      return Double.NaN;
    }
    double mean = Arrays.stream(r).average().orElse(0);
    double ss = 0;
    for (double v : r) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / (r.length - 1));
    return sd > 0 ? mean / sd * Math.sqrt(365) : 0.0;
  }
}
