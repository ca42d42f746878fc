package io.perpetua.venue.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.account.CombinedAccountView;
import io.perpetua.trading.account.MultiVenueAccount;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two venue accounts on two generic exchanges with different fee schedules feed one {@link
 * MultiVenueAccount} through their own venue sessions: a long on one and a short on the other net
 * to zero, and each venue's wallet in the model equals the exchange's.
 */
class TwoVenueHedgeTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final StrategyId STRATEGY = StrategyId.of("hedge-test");

  private static GenericExchange exchange(GenericFees fees) {
    return new GenericExchange(
        List.of(
            new GenericListing(
                "BTC-PERP",
                new BigDecimal("0.1"),
                new BigDecimal("0.001"),
                new BigDecimal("5"),
                new BigDecimal("50000.0"))),
        new BigDecimal("10000"),
        fees,
        2,
        System::currentTimeMillis);
  }

  private static Order market(OrderSide side, String leg) {
    return new Order(
        ClientOrderIds.derive(STRATEGY, "hedge-1", leg),
        BTC,
        side,
        OrderType.MARKET,
        Quantity.parse("0.100", 3),
        null,
        false,
        STRATEGY,
        null,
        1L);
  }

  @Test
  void longHere_shortThere_netZero_walletsMatchEachVenue() throws Exception {
    GenericExchange a = exchange(GenericFees.DEFAULT);
    GenericExchange b = exchange(new GenericFees(0, 6));
    MultiVenueAccount accounts = new MultiVenueAccount();
    accounts.open("venue-a", "generic", Money.of(10_000), 0.1);
    accounts.open("venue-b", "generic", Money.of(10_000), 0.1);
    try (GenericVenue va = new GenericVenue(a, false, Clock.system());
        GenericVenue vb = new GenericVenue(b, false, Clock.system())) {
      va.setListener(accounts.listenerFor("venue-a"));
      vb.setListener(accounts.listenerFor("venue-b"));
      va.submit(market(OrderSide.BUY, "a"));
      vb.submit(market(OrderSide.SELL, "b"));
      va.awaitIdle(5_000);
      vb.awaitIdle(5_000);
    }
    accounts.mark("venue-a", BTC, 50_000);
    accounts.mark("venue-b", BTC, 50_000);
    CombinedAccountView all = accounts.combined();
    assertThat(all.netQuantityByBase().get("BTC")).isCloseTo(0.0, offset(1e-12));
    assertThat(all.grossNotional()).isCloseTo(2 * 5_000, offset(1e-6));
    assertThat(all.venue("venue-a").wallet()).isCloseTo(a.wallet().doubleValue(), offset(1e-8));
    assertThat(all.venue("venue-b").wallet()).isCloseTo(b.wallet().doubleValue(), offset(1e-8));
    // taker fees per each venue's schedule: 4 bp and 6 bp of 5,000
    assertThat(all.venue("venue-a").wallet()).isCloseTo(10_000 - 2.0, offset(1e-8));
    assertThat(all.venue("venue-b").wallet()).isCloseTo(10_000 - 3.0, offset(1e-8));
  }
}
