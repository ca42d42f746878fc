package io.perpetua.trading.testing;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.port.VenueAccount;
import io.perpetua.trading.port.VenueOpenOrder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The account of a {@link ScriptedVenue} as a prober sees it: the venue's position in one
 * instrument, no open orders, a zero balance; while {@link #down}, asking for positions fails like
 * an HTTP 503. Cancelling is not supported. Thread-safe.
 */
public final class ScriptedVenueAccount implements VenueAccount {
  private final ScriptedVenue venue;
  private final InstrumentId instrument;
  private volatile boolean down;

  /** The account of {@code venue}'s position in {@code instrument}. */
  public ScriptedVenueAccount(ScriptedVenue venue, InstrumentId instrument) {
    this.venue = venue;
    this.instrument = instrument;
  }

  /** While true, {@link #positions} throws {@link ServiceUnavailableException}. */
  public void down(boolean value) {
    down = value;
  }

  @Override
  public Map<InstrumentId, BigDecimal> positions() {
    if (down) {
      throw new ServiceUnavailableException("binance venue: HTTP 503", null);
    }
    return Map.of(instrument, venue.position(instrument.venueSymbol()));
  }

  @Override
  public List<VenueOpenOrder> openOrders() {
    return List.of();
  }

  @Override
  public void cancelOrder(VenueOpenOrder order) {
    throw new UnsupportedOperationException("not used");
  }

  @Override
  public Money balance() {
    return Money.ZERO;
  }
}
