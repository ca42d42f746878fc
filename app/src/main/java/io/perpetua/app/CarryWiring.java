package io.perpetua.app;

import io.perpetua.app.config.ControlSection;
import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.Order;
import io.perpetua.trading.carry.CarryInstance;
import io.perpetua.trading.carry.CarryLimits;
import io.perpetua.trading.carry.CarryMarket;
import io.perpetua.trading.carry.CarrySpec;
import io.perpetua.trading.carry.CarryStore;
import io.perpetua.trading.control.AccountRegistry;
import io.perpetua.trading.control.Book;
import io.perpetua.trading.kernel.algo.OrderGateway;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.port.VenueOpenOrder;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.venue.binance.BinanceAccountHealth;
import io.perpetua.venue.binance.fake.FakeExchange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The funding carries of the {@code control.carry} section (docs/funding-carry.md): each a {@link
 * CarryInstance} over two control accounts — the spot leg's and the perp leg's — reading their
 * books, positions and open orders through the accounts' ports, the perp's funding from its
 * in-process fake Binance, its margin ratio and clock drift over its REST API ({@link
 * BinanceAccountHealth}), and sending each leg through its account's {@link
 * io.perpetua.trading.control.ControlGateway} (the account's trading kernel: risk engine, trading
 * journal, venue port).
 */
final class CarryWiring {
  private CarryWiring() {}

  /** The running instances of {@code c} over {@code registry}, recording to {@code store}. */
  static List<CarryInstance> start(
      ControlSection c,
      AccountRegistry registry,
      Map<String, FakeVenueConnection> fakes,
      CarryStore store) {
    List<CarryInstance> out = new ArrayList<>();
    for (ControlSection.Carry k : c.carry()) {
      AccountRegistry.Entry spot = registry.entry(k.spotAccount());
      AccountRegistry.Entry perp = registry.entry(k.perpAccount());
      Instrument si = AccountRegistry.instrument(spot, k.underlying());
      Instrument pi = AccountRegistry.instrument(perp, k.underlying());
      CarrySpec spec =
          new CarrySpec(
              k.id(),
              k.underlying(),
              k.spotAccount(),
              k.perpAccount(),
              si,
              pi,
              CarryLimits.spec(Money.of(k.maxNotional())),
              k.spotFee() == null ? 0.001 : k.spotFee(),
              perp.config().takerFeeRate().doubleValue(),
              k.tickMs() == null ? 1_000 : k.tickMs());
      FakeVenueConnection perpVenue = fakes.get(k.perpAccount());
      FakeExchange exchange = perpVenue.fake.exchange();
      BinanceAccountHealth health = new BinanceAccountHealth(perpVenue.rest);
      CarryInstance.LegPaths paths =
          new CarryInstance.LegPaths() {
            @Override
            public OrderGateway spot(VenueListener events) {
              return new AccountLeg(spot, si, events);
            }

            @Override
            public OrderGateway perp(VenueListener events) {
              return new AccountLeg(perp, pi, events);
            }
          };
      out.add(
          new CarryInstance(
                  spec,
                  new AccountsMarket(spot, perp, si, pi, exchange, health),
                  paths,
                  store,
                  System::currentTimeMillis)
              .start());
    }
    return out;
  }

  /** A leg's order path: the account's gateway, outcomes to the carry. */
  private record AccountLeg(
      AccountRegistry.Entry account, Instrument instrument, VenueListener events)
      implements OrderGateway {
    @Override
    public boolean submit(Order o) {
      Money equity = account.ports().account().balance();
      OrderContext context =
          OrderContext.standalone(
              o.limitPrice(),
              o.createdAtMs(),
              equity,
              Money.notional(o.limitPrice(), o.quantity()));
      return account.gateway().send(o, instrument, context, events);
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) {
      account.gateway().cancel(clientOrderId);
    }

    @Override
    public long nowMillis() {
      return System.currentTimeMillis();
    }
  }

  /** The two accounts as the carry reads them. */
  private record AccountsMarket(
      AccountRegistry.Entry spot,
      AccountRegistry.Entry perp,
      Instrument si,
      Instrument pi,
      FakeExchange exchange,
      BinanceAccountHealth health)
      implements CarryMarket {
    @Override
    public double marginRatio() {
      return health.marginRatio();
    }

    @Override
    public long clockDriftMs() {
      return health.clockDriftMs();
    }

    @Override
    public Quote spotQuote() {
      return quote(spot, si);
    }

    @Override
    public Quote perpQuote() {
      return quote(perp, pi);
    }

    private static Quote quote(AccountRegistry.Entry e, Instrument i) {
      Book b =
          e.ports()
              .books()
              .book(i.id())
              .orElseThrow(() -> new IllegalStateException("no book of " + i.id()));
      return new Quote(
          Price.of(b.bids().get(0).price(), i.priceScale()),
          Price.of(b.asks().get(0).price(), i.priceScale()));
    }

    @Override
    public Quantity spotPosition() {
      return Quantity.of(AccountRegistry.position(spot, si.id()), si.quantityScale());
    }

    @Override
    public Quantity perpPosition() {
      return Quantity.of(AccountRegistry.position(perp, pi.id()), pi.quantityScale());
    }

    @Override
    public Set<ClientOrderId> openOrders() {
      Set<ClientOrderId> open = new HashSet<>();
      for (AccountRegistry.Entry e : List.of(spot, perp)) {
        for (VenueOpenOrder o : e.ports().account().openOrders()) {
          open.add(new ClientOrderId(o.clientOrderId()));
        }
      }
      return open;
    }

    @Override
    public double fundingRate() {
      return exchange.premiumIndex(pi.id().venueSymbol()).get("lastFundingRate").asDouble();
    }

    @Override
    public Optional<Settlement> lastSettlement() {
      Map.Entry<Long, BigDecimal> s = exchange.lastSettlement();
      if (s == null) {
        return Optional.empty();
      }
      BigDecimal mark = exchange.lastPrice(pi.id().venueSymbol());
      return Optional.of(
          new Settlement(s.getKey(), s.getValue().doubleValue(), Price.of(mark, pi.priceScale())));
    }
  }

  /** The spot account of a fake Binance: its spot balances as the venue account. */
  static io.perpetua.trading.port.VenueAccount spotAccount(
      FakeVenueConnection f, InstrumentId instrument) {
    return new io.perpetua.trading.port.VenueAccount() {
      @Override
      public Map<InstrumentId, BigDecimal> positions() {
        BigDecimal held = f.fake.spotBalance(instrument.base());
        return held.signum() == 0 ? Map.of() : Map.of(instrument, held);
      }

      @Override
      public List<VenueOpenOrder> openOrders() {
        return List.of(); // spot legs are IOC: nothing rests
      }

      @Override
      public void cancelOrder(VenueOpenOrder order) {}

      @Override
      public Money balance() {
        return Money.of(f.fake.spotBalance(instrument.quote()));
      }
    };
  }
}
