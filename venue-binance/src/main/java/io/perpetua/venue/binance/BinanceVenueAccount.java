package io.perpetua.venue.binance;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.port.VenueAccount;
import io.perpetua.trading.port.VenueOpenOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link VenueAccount} port on Binance USDT-M futures: positions from {@code
 * /fapi/v2/positionRisk}, open orders from {@code /fapi/v1/openOrders} (all symbols) and the USDT
 * wallet balance from {@code /fapi/v2/balance}. Any failure to get an answer ({@link
 * BinanceApiException}: network, timeout, 5xx, rate limit, rejected signature) is reported as
 * {@link ServiceUnavailableException}; its message names the venue and the Binance error, never
 * credentials. Thread-safe (the REST client is).
 */
public final class BinanceVenueAccount implements VenueAccount {
  private static final Logger LOG = LoggerFactory.getLogger(BinanceVenueAccount.class);

  private final BinanceRestClient rest;
  private final String asset;

  /** An account view on {@code rest} whose wallet is in {@code asset} (e.g. USDT). */
  public BinanceVenueAccount(BinanceRestClient rest, String asset) {
    this.rest = rest;
    this.asset = asset;
  }

  @Override
  public Map<InstrumentId, BigDecimal> positions() {
    Map<InstrumentId, BigDecimal> out = new TreeMap<>();
    for (PositionRisk p : ask(rest::positionRisk)) {
      if (p.positionAmt().signum() == 0) {
        continue;
      }
      try {
        out.merge(InstrumentId.fromVenueSymbol(p.symbol()), p.positionAmt(), BigDecimal::add);
      } catch (IllegalArgumentException e) {
        LOG.warn("position in {} ignored: the platform cannot name that symbol", p.symbol());
      }
    }
    return out;
  }

  @Override
  public List<VenueOpenOrder> openOrders() {
    List<VenueOpenOrder> out = new ArrayList<>();
    for (OrderState o : ask(rest::openOrders)) {
      InstrumentId id = null;
      try {
        id = InstrumentId.fromVenueSymbol(o.symbol());
      } catch (IllegalArgumentException e) {
        LOG.debug("open order {} on {}: symbol not nameable", o.clientOrderId(), o.symbol());
      }
      out.add(
          new VenueOpenOrder(
              o.clientOrderId(),
              id,
              o.symbol(),
              o.side(),
              o.origQty().subtract(o.executedQty()),
              o.price() == null ? BigDecimal.ZERO : o.price()));
    }
    return out;
  }

  @Override
  public void cancelOrder(VenueOpenOrder order) {
    try {
      rest.cancelOrder(order.venueSymbol(), order.clientOrderId());
    } catch (BinanceApiException e) {
      if (e.code() == BinanceApiException.UNKNOWN_ORDER) {
        return; // no longer open
      }
      throw new ServiceUnavailableException("binance venue: " + e.getMessage(), e);
    }
  }

  @Override
  public Money balance() {
    for (Balance b : ask(rest::balances)) {
      if (asset.equals(b.asset())) {
        return Money.of(b.balance());
      }
    }
    return Money.ZERO;
  }

  private static <T> T ask(Supplier<T> call) {
    try {
      return call.get();
    } catch (BinanceApiException e) {
      throw new ServiceUnavailableException("binance venue: " + e.getMessage(), e);
    }
  }
}
