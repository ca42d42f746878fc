package io.perpetua.venue.binance;

import io.perpetua.venue.binance.order.NewOrderRequest;
import java.util.Optional;

/**
 * The wait before an order of unknown outcome may be sent again. Binance keeps client order ids
 * unique among open orders only, so a lost request that reaches the venue late could fill and close
 * before a re-send arrives, and the re-send would be a second order. The order is therefore looked
 * up (every 250 ms) until it is found or the first request can no longer be accepted: its {@code
 * recvWindow} plus one second after it was sent (the venue then refuses it with -1021). Stateless.
 */
final class LostOrders {
  private LostOrders() {}

  /** The order of {@code request} if the venue has it, after waiting as described above. */
  static Optional<OrderState> await(
      BinanceRestClient rest, NewOrderRequest request, long firstSentNanos) {
    long deadline = firstSentNanos + (rest.config().recvWindowMs() + 1_000) * 1_000_000;
    while (true) {
      Optional<OrderState> existing = rest.findOrder(request.symbol(), request.clientOrderId());
      if (existing.isPresent() || System.nanoTime() >= deadline) {
        return existing;
      }
      try {
        Thread.sleep(Math.min(250, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return existing;
      }
    }
  }
}
