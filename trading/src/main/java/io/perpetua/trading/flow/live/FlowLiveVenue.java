package io.perpetua.trading.flow.live;

import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueAccount;
import io.perpetua.trading.venue.MakerFirstVenue;
import java.util.Objects;

/**
 * The venue side of the order-flow live executor.
 *
 * @param venue the adapter (reduce-only exits go here directly, as market orders)
 * @param makerFirst maker-first execution wrapping {@code venue} (entries go through it: post-only
 *     limit, market fallback), or null to send entries at market
 * @param account the venue's account view (positions) for the periodic probe, or null for none
 * @param reconcile asks the adapter to settle orders whose outcome it does not know (e.g. {@code
 *     BinanceVenue::reconcile}); run when the venue is reachable again after an outage
 */
public record FlowLiveVenue(
    Venue venue, MakerFirstVenue makerFirst, VenueAccount account, Runnable reconcile) {
  /** Validates. */
  public FlowLiveVenue {
    Objects.requireNonNull(venue, "venue");
    reconcile = reconcile == null ? () -> {} : reconcile;
  }

  /** Market orders only, no account view. */
  public static FlowLiveVenue of(Venue venue) {
    return new FlowLiveVenue(venue, null, null, null);
  }

  /** Where entries go: the maker-first wrapper when there is one, else the venue. */
  public Venue entries() {
    return makerFirst != null ? makerFirst : venue;
  }
}
