package io.perpetua.trading.account;

import java.util.List;
import java.util.Map;

/**
 * All venue accounts together, as the delta-neutral control plane reads them: per base asset the
 * net exposure across venues (a long perp on one venue and an equal short on another net to zero),
 * the gross exposure, and the sums of equity and wallet.
 *
 * <p>Immutable.
 *
 * @param venues each venue account
 * @param netQuantityByBase Σ signed quantity per base asset (e.g. {@code BTC})
 * @param netNotionalByBase Σ signed notional per base asset
 * @param grossNotionalByBase Σ |notional| per base asset
 * @param wallet Σ wallets
 * @param equity Σ equities
 * @param grossNotional Σ |notional| over everything
 * @param netNotional Σ signed notional over everything
 */
public record CombinedAccountView(
    List<VenueAccountView> venues,
    Map<String, Double> netQuantityByBase,
    Map<String, Double> netNotionalByBase,
    Map<String, Double> grossNotionalByBase,
    double wallet,
    double equity,
    double grossNotional,
    double netNotional) {

  /** Copies the collections. */
  public CombinedAccountView {
    venues = List.copyOf(venues);
    netQuantityByBase = Map.copyOf(netQuantityByBase);
    netNotionalByBase = Map.copyOf(netNotionalByBase);
    grossNotionalByBase = Map.copyOf(grossNotionalByBase);
  }

  /** Net / gross notional: 0 is delta-neutral, ±1 all one way (0 when flat). */
  public double deltaRatio() {
    return grossNotional > 0 ? netNotional / grossNotional : 0;
  }

  /** The venue account {@code venue}, or null. */
  public VenueAccountView venue(String venue) {
    return venues.stream().filter(v -> v.venue().equals(venue)).findFirst().orElse(null);
  }
}
