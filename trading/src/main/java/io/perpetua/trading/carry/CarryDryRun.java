package io.perpetua.trading.carry;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.trading.kernel.algo.OrderGateway;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A carry leg in dry-run mode: nothing leaves for a venue; an order "would have" filled at once, at
 * the current quote of its side ({@code quote.apply(BUY)} = the ask), paying {@code feeRate} of the
 * notional (fixed point, half-even to 1e-8), when that quote is within the order's limit; otherwise
 * it rests until cancelled (the carry re-orders it as in real mode). The fills go to the attached
 * machine, whose ledger is then the "would have traded" ledger. Not thread-safe (the carry's
 * thread).
 */
public final class CarryDryRun implements OrderGateway {
  private final Function<OrderSide, Price> quote;
  private final double feeRate;
  private final LongSupplier clock;
  private final String name;
  private final Set<ClientOrderId> resting = new HashSet<>();
  private CarryMachine machine;
  private long trades;

  /** A dry-run leg named {@code name} (in its trade ids) quoting from {@code quote}. */
  public CarryDryRun(
      String name, Function<OrderSide, Price> quote, double feeRate, LongSupplier clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.quote = Objects.requireNonNull(quote, "quote");
    this.feeRate = feeRate;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The machine that hears of this leg's fills and cancellations. */
  public void attach(CarryMachine machine) {
    this.machine = machine;
  }

  @Override
  public boolean submit(Order order) {
    Price price = quote.apply(order.side());
    Price limit = order.limitPrice();
    boolean within =
        price != null
            && (limit == null
                || (order.side() == OrderSide.BUY
                    ? price.compareTo(limit) <= 0
                    : price.compareTo(limit) >= 0));
    if (!within) {
      resting.add(order.clientOrderId());
      return true;
    }
    Quantity quantity = order.quantity();
    Fill fill =
        new Fill(
            new TradeId("dry-" + name + "-" + ++trades),
            order.clientOrderId(),
            order.instrument(),
            order.side(),
            quantity,
            price,
            Money.notional(price, quantity).times(feeRate),
            Liquidity.TAKER,
            clock.getAsLong());
    machine.onFill(fill);
    return true;
  }

  @Override
  public void cancel(ClientOrderId clientOrderId) {
    if (resting.remove(clientOrderId)) {
      machine.onCancelled(clientOrderId, clock.getAsLong());
    }
  }

  @Override
  public long nowMillis() {
    return clock.getAsLong();
  }
}
