package io.perpetua.trading.control;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Spec 001 utilisation: per account the margin its positions use over its wallet, compared with a
 * target; outside {@code tolerancePercent × target} the action is {@code increase} or {@code
 * decrease} by the margin difference (capped by {@code maxRebalanceAmount}), else {@code maintain}.
 * The actions are computed, not executed: the venue ports have no transfer between accounts
 * (docs/control-plane.md). Accounts outside tolerance raise a {@code utilization-alert}.
 */
public final class Utilization {
  private Utilization() {}

  /** Spec 001 {@code UtilizationAction}. */
  public record Action(
      String accountId,
      String action,
      double currentUtilization,
      double targetUtilization,
      BigDecimal adjustmentAmount) {}

  /** Spec 001 {@code UtilizationMetric}. */
  public record Metric(
      String accountId,
      double currentUtilization,
      double targetUtilization,
      double deviationPercent,
      boolean withinTolerance) {}

  /** The result of one rebalance. */
  public record Result(List<Action> actions, List<Metric> metrics, double average) {}

  /** Used margin / wallet of the account (0 for an empty wallet). */
  public static double of(AccountRegistry.Entry e) {
    BigDecimal wallet = e.ports().account().balance().toBigDecimal();
    if (wallet.signum() <= 0) {
      return 0;
    }
    return AccountRegistry.usedMargin(e).divide(wallet, MathContext.DECIMAL64).doubleValue();
  }

  /** Computes actions and metrics; raises alerts for accounts outside tolerance. */
  public static Result rebalance(
      List<AccountRegistry.Entry> accounts,
      double target,
      double tolerancePercent,
      BigDecimal maxAmount,
      AlertBook alerts) {
    List<Action> actions = new ArrayList<>();
    List<Metric> metrics = new ArrayList<>();
    double sum = 0;
    for (AccountRegistry.Entry e : accounts) {
      double current = of(e);
      sum += current;
      double deviation = target == 0 ? current : Math.abs(current - target) / target;
      boolean within = deviation <= tolerancePercent;
      String action = within ? "maintain" : current < target ? "increase" : "decrease";
      BigDecimal amount =
          within
              ? BigDecimal.ZERO
              : e.ports()
                  .account()
                  .balance()
                  .toBigDecimal()
                  .multiply(BigDecimal.valueOf(Math.abs(target - current)))
                  .setScale(2, java.math.RoundingMode.HALF_EVEN);
      if (maxAmount != null && amount.compareTo(maxAmount) > 0) {
        amount = maxAmount;
      }
      String id = e.config().id();
      actions.add(new Action(id, action, current, target, amount));
      metrics.add(new Metric(id, current, target, deviation * 100, within));
      if (!within) {
        alerts.raise(
            RiskAlert.UTILIZATION,
            "WARN",
            id,
            "utilization " + current + " vs target " + target,
            Map.of("currentUtilization", current, "targetUtilization", target));
      }
    }
    return new Result(actions, metrics, accounts.isEmpty() ? 0 : sum / accounts.size());
  }
}
