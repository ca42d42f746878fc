package io.perpetua.trading.control;

import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Instrument;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.trading.risk.OrderContext;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Executes a hedge leg by leg: plans ({@link HedgePlanner}), sends the cheapest leg as a limit at
 * most {@code maxSlippage} through the mid (a marketable limit: it fills at once within the bound
 * or not at all) with a deterministic client id ({@code control|<operation>|<account>#<n>}), waits
 * for it, and when a leg fails or fills partly, excludes that account and plans the remainder again
 * over the others (the compensation). Every failed leg raises an alert. A dry run plans the same
 * legs and sends nothing.
 */
public final class HedgeExecutor {
  static final StrategyId STRATEGY = StrategyId.of("control");
  private final AlertBook alerts;
  private final LongSupplier clock;

  /** An executor raising its alerts in {@code alerts}. */
  public HedgeExecutor(AlertBook alerts, LongSupplier clock) {
    this.alerts = alerts;
    this.clock = clock;
  }

  /** What to hedge. */
  public record Request(
      String operationId,
      List<AccountRegistry.Entry> accounts,
      String underlying,
      OrderSide side,
      BigDecimal quantity,
      BigDecimal maxSlippage,
      long timeoutMs,
      boolean dryRun) {}

  /** Trades {@code r.quantity()} on {@code r.side()} over the accounts at least cost. */
  public HedgeOutcome execute(Request r) {
    long start = clock.getAsLong();
    long deadline = start + r.timeoutMs();
    List<LegResult> executed = new ArrayList<>();
    List<LegResult> failed = new ArrayList<>();
    Set<String> excluded = new HashSet<>();
    BigDecimal left = r.quantity();
    BigDecimal slipWeighted = BigDecimal.ZERO;
    BigDecimal cost = BigDecimal.ZERO;
    int legNo = 0;
    while (left.signum() > 0 && legNo < 3 * r.accounts().size()) {
      List<HedgePlanner.Leg> plan =
          HedgePlanner.plan(r.accounts(), r.underlying(), r.side(), left, excluded);
      if (plan.isEmpty()) {
        break;
      }
      if (r.dryRun()) {
        for (HedgePlanner.Leg leg : plan) {
          LegResult p = planned(r, leg, ++legNo);
          executed.add(p);
          cost = cost.add(leg.quantity().multiply(leg.estimatedPrice())).add(leg.estimatedFee());
          slipWeighted = slipWeighted.add(slip(leg, leg.estimatedPrice()));
          left = left.subtract(leg.quantity());
        }
        break;
      }
      HedgePlanner.Leg leg = plan.get(0);
      BigDecimal before = AccountRegistry.position(leg.account(), leg.instrument().id());
      LegResult result = send(r, leg, ++legNo, Math.max(1, deadline - clock.getAsLong()));
      if (result.failed()) {
        result = withVenueFill(result, leg, before);
      }
      left = left.subtract(result.filled());
      if (result.filled().signum() > 0) {
        executed.add(result);
        cost = cost.add(result.filled().multiply(result.averagePrice())).add(result.fees());
        slipWeighted = slipWeighted.add(slip(leg, result.averagePrice()));
      }
      if (result.failed()) {
        failed.add(result);
        excluded.add(leg.account().config().id());
        alerts.raise(
            RiskAlert.DELTA,
            "WARN",
            leg.account().config().id(),
            "hedge leg " + result.clientOrderId() + " " + result.status() + ": " + result.reason(),
            Map.of(
                "operationId", r.operationId(),
                "clientOrderId", result.clientOrderId(),
                "requested", result.requested(),
                "filled", result.filled()));
      }
      if (clock.getAsLong() >= deadline) {
        break;
      }
    }
    return outcome(r, start, executed, failed, left, cost, slipWeighted);
  }

  /**
   * A failed leg as the venue holds it: a fill the listener did not report (a late or lost
   * acknowledgement) shows in the position, which is the truth, so the remainder is never hedged
   * twice.
   */
  private static LegResult withVenueFill(
      LegResult result, HedgePlanner.Leg leg, BigDecimal before) {
    BigDecimal after = AccountRegistry.position(leg.account(), leg.instrument().id());
    BigDecimal moved = after.subtract(before);
    BigDecimal filled = result.side() == OrderSide.BUY ? moved : moved.negate();
    filled = filled.max(BigDecimal.ZERO).min(result.requested());
    if (filled.compareTo(result.filled()) <= 0) {
      return result;
    }
    return new LegResult(
        result.accountId(),
        result.clientOrderId(),
        result.side(),
        result.requested(),
        filled,
        result.averagePrice() != null ? result.averagePrice() : leg.mid(),
        result.fees(),
        result.status(),
        result.reason() + "; venue position shows " + filled.toPlainString() + " filled",
        result.timeMs());
  }

  private HedgeOutcome outcome(
      Request r,
      long start,
      List<LegResult> executed,
      List<LegResult> failed,
      BigDecimal left,
      BigDecimal cost,
      BigDecimal slipWeighted) {
    BigDecimal traded = r.quantity().subtract(left);
    BigDecimal change = r.side() == OrderSide.BUY ? traded : traded.negate();
    boolean success = left.signum() <= 0;
    String error =
        success
            ? null
            : "1003: "
                + left.toPlainString()
                + " of "
                + r.quantity().toPlainString()
                + " not hedged ("
                + failed.size()
                + " failed legs, no account left with capacity)";
    BigDecimal slippage =
        traded.signum() > 0 ? slipWeighted.divide(traded, MathContext.DECIMAL64) : BigDecimal.ZERO;
    return new HedgeOutcome(
        success,
        r.underlying(),
        executed,
        failed,
        cost,
        clock.getAsLong() - start,
        change,
        slippage,
        error,
        r.dryRun());
  }

  /** Quantity × |price − mid| / mid. */
  private static BigDecimal slip(HedgePlanner.Leg leg, BigDecimal price) {
    return leg.quantity()
        .multiply(price.subtract(leg.mid()).abs())
        .divide(leg.mid(), MathContext.DECIMAL64);
  }

  private LegResult planned(Request r, HedgePlanner.Leg leg, int legNo) {
    return new LegResult(
        leg.account().config().id(),
        clientId(r.operationId(), leg, legNo),
        r.side(),
        leg.quantity(),
        BigDecimal.ZERO,
        leg.estimatedPrice(),
        leg.estimatedFee(),
        LegResult.Status.PLANNED,
        null,
        clock.getAsLong());
  }

  private static String clientId(String operationId, HedgePlanner.Leg leg, int legNo) {
    return ClientOrderIds.derive(STRATEGY, operationId, leg.account().config().id() + "#" + legNo)
        .value();
  }

  private LegResult send(Request r, HedgePlanner.Leg leg, int legNo, long timeoutMs) {
    Instrument instrument = leg.instrument();
    BigDecimal bound =
        r.side() == OrderSide.BUY
            ? leg.mid().multiply(BigDecimal.ONE.add(r.maxSlippage()))
            : leg.mid().multiply(BigDecimal.ONE.subtract(r.maxSlippage()));
    BigDecimal tick = instrument.tickSize().toBigDecimal();
    // rounded inwards: a buy never above, a sell never below the bound
    RoundingMode mode = r.side() == OrderSide.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING;
    BigDecimal limit = bound.divide(tick, 0, mode).multiply(tick);
    long now = clock.getAsLong();
    Order order =
        new Order(
            ClientOrderIds.derive(
                STRATEGY, r.operationId(), leg.account().config().id() + "#" + legNo),
            instrument.id(),
            r.side(),
            OrderType.LIMIT,
            Quantity.of(leg.quantity(), instrument.quantityScale()),
            Price.of(limit, instrument.priceScale()),
            false,
            STRATEGY,
            null,
            now);
    return leg.account()
        .gateway()
        .execute(order, instrument, context(leg, r.side(), now), timeoutMs);
  }

  private static OrderContext context(HedgePlanner.Leg leg, OrderSide side, long now) {
    Instrument instrument = leg.instrument();
    BigDecimal position = AccountRegistry.position(leg.account(), instrument.id());
    BigDecimal signed = side == OrderSide.BUY ? leg.quantity() : leg.quantity().negate();
    Money before = Money.of(position.multiply(leg.mid()));
    Money after = Money.of(position.add(signed).multiply(leg.mid()));
    Money equity = leg.account().ports().account().balance();
    return new OrderContext(
        Price.of(leg.mid(), instrument.priceScale()),
        now,
        now,
        equity,
        before,
        after,
        before.abs(),
        after.abs());
  }
}
