package io.perpetua.trading.carry;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.order.Order;
import io.perpetua.trading.kernel.algo.OrderGateway;
import java.util.function.LongSupplier;

/**
 * A carry leg's order path with each order recorded in the {@link CarryStore} before it goes on
 * (the records of both legs' orders). Thread-safe as far as its parts are.
 */
final class RecordedGateway implements OrderGateway {
  private final String id;
  private final String leg;
  private final String mode;
  private final OrderGateway gateway;
  private final CarryStore store;
  private final LongSupplier clock;

  RecordedGateway(
      String id,
      String leg,
      String mode,
      OrderGateway gateway,
      CarryStore store,
      LongSupplier clock) {
    this.id = id;
    this.leg = leg;
    this.mode = mode;
    this.gateway = gateway;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public boolean submit(Order o) {
    store.appendOrder(
        id,
        new CarryStore.OrderRecord(
            clock.getAsLong(),
            o.clientOrderId().value(),
            leg,
            o.side().name(),
            o.quantity().toString(),
            o.limitPrice() == null ? "" : o.limitPrice().toString(),
            mode));
    return gateway.submit(o);
  }

  @Override
  public void cancel(ClientOrderId clientOrderId) {
    gateway.cancel(clientOrderId);
  }

  @Override
  public long nowMillis() {
    return clock.getAsLong();
  }
}
