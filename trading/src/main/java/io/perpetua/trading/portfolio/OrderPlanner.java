package io.perpetua.trading.portfolio;

import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Instrument;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns target weights into market orders: target quantity {@code = weight × equity / mark},
 * rounded toward zero to the step size; the order is the difference to the current position. Orders
 * whose notional is below the instrument's minimum are skipped unless they close a position
 * completely (reduce-only closes are accepted by venues below the minimum). Position-reducing
 * orders come first so they free margin for the rest.
 *
 * <p>Client order ids derive from (strategy, rebalance, symbol), so re-planning the same rebalance
 * yields the same ids. Stateless and thread-safe.
 */
public final class OrderPlanner {

  /** What the planner decided. */
  public record Plan(List<Order> orders, List<String> skipped) {}

  /** One instrument's inputs. */
  public record Line(Instrument instrument, double weight, double mark, Quantity current) {}

  /**
   * One instrument's inputs as a target quantity (contracts, signed; rounded toward zero to the
   * step size here) rather than a weight: the netted target of several strategies.
   */
  public record QuantityLine(
      Instrument instrument, double targetQuantity, double mark, Quantity current) {}

  /** Plans the orders to move from the current positions to the targets. */
  public Plan plan(
      StrategyId strategy, RebalanceId rebalance, long nowMs, double equity, List<Line> lines) {
    return plan(strategy, rebalance, nowMs, equity, lines, 0.0);
  }

  /**
   * Plans the orders, skipping changes smaller than {@code minTradeNotional} USDT unless they close
   * a position (a no-trade band).
   */
  public Plan plan(
      StrategyId strategy,
      RebalanceId rebalance,
      long nowMs,
      double equity,
      List<Line> lines,
      double minTradeNotional) {
    List<QuantityLine> quantities = new ArrayList<>(lines.size());
    for (Line line : lines) {
      quantities.add(
          new QuantityLine(
              line.instrument(),
              line.mark() > 0 ? line.weight() * equity / line.mark() : line.weight(),
              line.mark(),
              line.current()));
    }
    return planQuantities(strategy, rebalance, nowMs, quantities, minTradeNotional);
  }

  /**
   * Plans the orders moving each instrument's position to its target quantity, skipping changes
   * smaller than {@code minTradeNotional} USDT unless they close a position. The order of an
   * instrument is {@code toward0(targetQuantity) - current}.
   */
  public Plan planQuantities(
      StrategyId strategy,
      RebalanceId rebalance,
      long nowMs,
      List<QuantityLine> lines,
      double minTradeNotional) {
    List<Order> reducing = new ArrayList<>();
    List<Order> increasing = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (QuantityLine line : lines) {
      Instrument inst = line.instrument();
      if (!(line.mark() > 0)) {
        if (!line.current().isZero() || line.targetQuantity() != 0) {
          skipped.add(inst.id().apiSymbol() + ": no price");
        }
        continue;
      }
      Quantity target = inst.quantityToward0(line.targetQuantity());
      Quantity current = line.current();
      Quantity delta = target.minus(current);
      if (delta.isZero()) {
        continue;
      }
      boolean closesFully = target.isZero();
      boolean reduces =
          current.signum() != 0
              && delta.signum() != current.signum()
              && delta.abs().compareTo(current.abs()) <= 0;
      Price ref = inst.price(line.mark());
      Money notional = Money.notional(ref, delta.abs());
      if (!closesFully && notional.toDouble() < minTradeNotional) {
        continue;
      }
      if (!closesFully && notional.compareTo(inst.minNotional()) < 0) {
        skipped.add(
            inst.id().apiSymbol()
                + ": notional "
                + notional
                + " below minimum "
                + inst.minNotional());
        continue;
      }
      Order order =
          new Order(
              ClientOrderIds.derive(strategy, rebalance.value(), inst.id().venueSymbol()),
              inst.id(),
              delta.signum() > 0 ? OrderSide.BUY : OrderSide.SELL,
              OrderType.MARKET,
              delta.abs(),
              null,
              reduces,
              strategy,
              rebalance,
              nowMs);
      (reduces ? reducing : increasing).add(order);
    }
    List<Order> all = new ArrayList<>(reducing);
    all.addAll(increasing);
    return new Plan(all, skipped);
  }
}
