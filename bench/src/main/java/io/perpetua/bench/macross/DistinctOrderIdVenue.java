package io.perpetua.bench.macross;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.port.VenueListener;
import java.util.HashMap;
import java.util.Map;

/**
 * A workaround, not a feature: passes orders to a {@link PriceDrivenVenue} under a client order id
 * made unique by a sequence suffix, and maps every outcome back to the kernel's id. The kernel
 * derives client order ids from a rebalance id that holds only the UTC date, so with an hourly
 * schedule a symbol's second order of a day repeats its first id and the venue refuses it as a
 * duplicate. Remove this class when the kernel's ids include the decision time.
 *
 * <p>Not thread-safe (kernel thread).
 */
public final class DistinctOrderIdVenue implements PriceDrivenVenue {
  private final PriceDrivenVenue venue;
  private final Map<ClientOrderId, ClientOrderId> kernelIds = new HashMap<>();
  private final Map<ClientOrderId, ClientOrderId> venueIds = new HashMap<>();
  private long sequence;

  /** Wraps {@code venue}. */
  public DistinctOrderIdVenue(PriceDrivenVenue venue) {
    this.venue = venue;
  }

  @Override
  public void setListener(VenueListener listener) {
    venue.setListener(
        new VenueListener() {
          @Override
          public void onAccepted(Order order, long timeMs) {
            listener.onAccepted(kernelOrder(order), timeMs);
          }

          @Override
          public void onFill(Fill f) {
            listener.onFill(
                new Fill(
                    f.tradeId(),
                    kernelId(f.clientOrderId()),
                    f.instrument(),
                    f.side(),
                    f.quantity(),
                    f.price(),
                    f.fee(),
                    f.liquidity(),
                    f.timeMs()));
          }

          @Override
          public void onRejected(Order order, String reason, long timeMs) {
            listener.onRejected(kernelOrder(order), reason, timeMs);
          }

          @Override
          public void onCancelled(ClientOrderId clientOrderId, long timeMs) {
            listener.onCancelled(kernelId(clientOrderId), timeMs);
          }
        });
  }

  @Override
  public void submit(Order order) {
    // kernel ids are "pp-" + 28 hex digits; the suffix keeps them well inside 64 characters
    ClientOrderId unique =
        ClientOrderId.of(order.clientOrderId().value() + "." + Long.toString(sequence++, 36));
    kernelIds.put(unique, order.clientOrderId());
    venueIds.put(order.clientOrderId(), unique);
    venue.submit(withId(order, unique));
  }

  @Override
  public void cancel(ClientOrderId clientOrderId) {
    ClientOrderId unique = venueIds.get(clientOrderId);
    if (unique != null) {
      venue.cancel(unique);
    }
  }

  @Override
  public boolean isSimulated() {
    return venue.isSimulated();
  }

  @Override
  public void onPrice(InstrumentId instrument, double price, long timeMs) {
    venue.onPrice(instrument, price, timeMs);
  }

  private ClientOrderId kernelId(ClientOrderId unique) {
    ClientOrderId id = kernelIds.get(unique);
    return id != null ? id : unique;
  }

  private Order kernelOrder(Order order) {
    return withId(order, kernelId(order.clientOrderId()));
  }

  private static Order withId(Order o, ClientOrderId id) {
    return new Order(
        id,
        o.instrument(),
        o.side(),
        o.type(),
        o.quantity(),
        o.limitPrice(),
        o.reduceOnly(),
        o.strategy(),
        o.rebalanceId(),
        o.createdAtMs());
  }
}
