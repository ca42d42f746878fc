package io.perpetua.venue.generic;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.port.VenueAccount;
import io.perpetua.trading.port.VenueOpenOrder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The {@link VenueAccount} port on the {@link GenericExchange}: positions translated from the
 * venue's symbols to the platform's instruments, open orders by client id, and the USDT wallet. An
 * outage is reported as {@link ServiceUnavailableException}. Thread-safe (the exchange is).
 */
public final class GenericVenueAccount implements VenueAccount {
  private final GenericExchange exchange;

  /** A view of {@code exchange}'s account. */
  public GenericVenueAccount(GenericExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public Map<InstrumentId, BigDecimal> positions() {
    Map<InstrumentId, BigDecimal> out = new TreeMap<>();
    ask(exchange::positions).forEach((s, q) -> out.put(GenericSymbols.parse(s), q));
    return out;
  }

  @Override
  public List<VenueOpenOrder> openOrders() {
    return ask(exchange::openOrderDetails).stream()
        .map(
            r ->
                new VenueOpenOrder(
                    r.clientId(),
                    GenericSymbols.parse(r.symbol()),
                    r.symbol(),
                    r.buy() ? "BUY" : "SELL",
                    r.quantity(),
                    r.price() == null ? BigDecimal.ZERO : r.price()))
        .toList();
  }

  @Override
  public void cancelOrder(VenueOpenOrder order) {
    ask(
        () -> {
          exchange.cancel(order.clientOrderId());
          return null;
        });
  }

  @Override
  public Money balance() {
    return Money.of(ask(exchange::wallet));
  }

  private static <T> T ask(Supplier<T> call) {
    try {
      return call.get();
    } catch (GenericUnavailableException e) {
      throw new ServiceUnavailableException("generic venue: " + e.getMessage(), e);
    }
  }
}
