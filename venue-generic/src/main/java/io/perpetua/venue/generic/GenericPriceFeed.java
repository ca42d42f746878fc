package io.perpetua.venue.generic;

import io.perpetua.core.InstrumentId;
import io.perpetua.trading.venue.AsyncVenueBridge;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes the {@link GenericExchange} print the kernel's replayed prices (rounded to the listing's
 * tick), which moves its last price and fills resting limits. Prices of instruments the venue does
 * not list are ignored. Called on the kernel thread.
 */
public final class GenericPriceFeed implements AsyncVenueBridge.PriceFeed {
  private final GenericExchange exchange;
  private final Map<InstrumentId, GenericListing> listings = new HashMap<>();

  /** A feed into {@code exchange}. */
  public GenericPriceFeed(GenericExchange exchange) {
    this.exchange = exchange;
    for (GenericListing l : exchange.listings()) {
      listings.put(GenericSymbols.parse(l.symbol()), l);
    }
  }

  @Override
  public void onPrice(InstrumentId instrument, double price, long timeMs) {
    GenericListing l = listings.get(instrument);
    if (l == null || !(price > 0) || !Double.isFinite(price)) {
      return;
    }
    BigDecimal tick = l.tickSize();
    BigDecimal px =
        BigDecimal.valueOf(price).divide(tick, 0, RoundingMode.HALF_EVEN).multiply(tick);
    if (px.signum() > 0) {
      exchange.trade(l.symbol(), px);
    }
  }
}
