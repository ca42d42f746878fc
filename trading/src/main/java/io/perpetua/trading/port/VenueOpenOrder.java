package io.perpetua.trading.port;

import io.perpetua.core.InstrumentId;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order still open at a venue, as the venue reports it ({@link VenueAccount#openOrders}).
 *
 * @param clientOrderId the client order id (ours start with {@code pp-}; anything else was placed
 *     by someone else on the same account)
 * @param instrument the platform's instrument, null when the platform cannot name the venue symbol
 * @param venueSymbol the venue's own symbol
 * @param side {@code BUY} or {@code SELL}
 * @param quantity the unfilled quantity
 * @param price the limit price (zero for orders without one)
 */
public record VenueOpenOrder(
    String clientOrderId,
    InstrumentId instrument,
    String venueSymbol,
    String side,
    BigDecimal quantity,
    BigDecimal price) {
  /** Validates the required fields. */
  public VenueOpenOrder {
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    Objects.requireNonNull(venueSymbol, "venueSymbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(price, "price");
  }

  /** True when the client order id has the platform's format ({@code ClientOrderIds}). */
  public boolean platformId() {
    return clientOrderId.startsWith("pp-");
  }
}
