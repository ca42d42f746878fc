package io.perpetua.trading.portfolio;

import io.perpetua.core.Instrument;
import io.perpetua.core.Quantity;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Nets the targets of several strategies into ONE order set: each strategy's target quantity of an
 * instrument is {@code capital × weight / mark} (its capital is its share of the account's equity);
 * the account's target is their sum, and the order is {@code toward0(sum) - position} (through the
 * {@link OrderPlanner}, so step size, minimum notional and the no-trade band apply once, to the net
 * order). The per-strategy target quantities are kept as the attribution: which strategy wanted
 * what. Stateless and thread-safe.
 */
public final class TargetNetting {
  private final OrderPlanner planner = new OrderPlanner();

  /**
   * One strategy's targets.
   *
   * @param strategy the strategy
   * @param capital the equity it trades (USDT; its share of the account's equity)
   * @param weights its target weight per instrument (dense index; fractions of {@code capital})
   */
  public record SleeveTarget(StrategyId strategy, double capital, double[] weights) {
    /** Validates. */
    public SleeveTarget {
      Objects.requireNonNull(strategy, "strategy");
      Objects.requireNonNull(weights, "weights");
      if (!(capital >= 0) || Double.isInfinite(capital)) {
        throw new IllegalArgumentException("capital must be finite and >= 0, was " + capital);
      }
    }
  }

  /**
   * The netted order set.
   *
   * @param orders the orders of the account (one per instrument at most)
   * @param skipped instruments not traded and why
   * @param netTarget the summed target quantity per instrument (before rounding to the step; NaN
   *     where a strategy wants a position but there is no price)
   * @param attribution each strategy's target quantity per instrument, by strategy
   */
  public record Netted(
      List<Order> orders,
      List<String> skipped,
      double[] netTarget,
      Map<StrategyId, double[]> attribution) {}

  /**
   * Nets {@code sleeves} over {@code instruments} (all, or only {@code selection} when not null)
   * against the current {@code positions} at {@code marks}.
   *
   * @param portfolio the strategy id the orders carry (the account's portfolio)
   */
  public Netted net(
      StrategyId portfolio,
      RebalanceId rebalance,
      long nowMs,
      List<Instrument> instruments,
      List<SleeveTarget> sleeves,
      double[] marks,
      Quantity[] positions,
      double minTradeNotional,
      int[] selection) {
    int n = instruments.size();
    double[] net = new double[n];
    Map<StrategyId, double[]> attribution = new LinkedHashMap<>();
    for (SleeveTarget s : sleeves) {
      if (s.weights().length != n) {
        throw new IllegalArgumentException(s.strategy() + ": " + n + " weights expected");
      }
      double[] q = new double[n];
      for (int i = 0; i < n; i++) {
        double w = s.weights()[i];
        if (w != 0 && marks[i] > 0) {
          q[i] = s.capital() * w / marks[i];
          net[i] += q[i];
        } else if (w != 0) {
          net[i] = Double.NaN; // a target without a price: the planner skips it, saying so
        }
      }
      attribution.merge(s.strategy(), q, TargetNetting::sum);
    }
    int count = selection == null ? n : selection.length;
    List<OrderPlanner.QuantityLine> lines = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      int i = selection == null ? k : selection[k];
      Instrument inst = instruments.get(i);
      Quantity current = positions[i] == null ? Quantity.zero(inst.quantityScale()) : positions[i];
      lines.add(new OrderPlanner.QuantityLine(inst, net[i], marks[i], current));
    }
    OrderPlanner.Plan plan =
        planner.planQuantities(portfolio, rebalance, nowMs, lines, minTradeNotional);
    return new Netted(plan.orders(), plan.skipped(), net, attribution);
  }

  private static double[] sum(double[] a, double[] b) {
    double[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += b[i];
    }
    return out;
  }
}
