package io.perpetua.trading.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.OrderSide;
import io.perpetua.trading.kernel.AccountKernels;
import io.perpetua.trading.port.VenueAccount;
import io.perpetua.trading.port.VenueOpenOrder;
import io.perpetua.trading.testing.ScriptedVenue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The least-cost plan: fees and book slippage decide the order, capacity and steps the sizes. */
class HedgePlannerTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final Instrument BTC_I =
      new Instrument(BTC, Price.parse("0.1", 1), Quantity.parse("0.001", 3), Money.of(5));
  private final AccountRegistry registry = new AccountRegistry(() -> 0L);

  private record Wallet(ScriptedVenue venue, String wallet) implements VenueAccount {
    @Override
    public Map<InstrumentId, BigDecimal> positions() {
      return Map.of(BTC, venue.position("BTCUSDT"));
    }

    @Override
    public List<VenueOpenOrder> openOrders() {
      return List.of();
    }

    @Override
    public void cancelOrder(VenueOpenOrder order) {}

    @Override
    public Money balance() {
      return Money.parse(wallet);
    }
  }

  private static Book book(String bidQty, String askQty, String deepAsk) {
    return new Book(
        List.of(new Book.Level(new BigDecimal("49999"), new BigDecimal(bidQty))),
        List.of(
            new Book.Level(new BigDecimal("50001"), new BigDecimal(askQty)),
            new Book.Level(new BigDecimal(deepAsk), new BigDecimal("100"))),
        0);
  }

  private void add(String id, String fee, String wallet, String position, Book book) {
    ScriptedVenue v = new ScriptedVenue(50_000);
    v.setPosition("BTCUSDT", new BigDecimal(position));
    registry.register(
        new ControlAccount(
            id,
            "v-" + id,
            AccountKind.PERP,
            "none",
            2,
            MarginMode.CROSS,
            new BigDecimal(fee),
            Map.of()),
        new AccountPorts(v, new Wallet(v, wallet), i -> Optional.of(book), Map.of(BTC, BTC_I)),
        AccountKernels.unjournaled(System::currentTimeMillis));
  }

  private List<AccountRegistry.Entry> all() {
    return registry.entries(registry.ids(), "accounts");
  }

  @Test
  void cheapestFirst_upToItsMarginCapacity_thenTheNext() {
    add("cheap-small", "0.0001", "1000", "0", book("10", "10", "50100")); // 2x: 0.038 BTC
    add("dear", "0.0010", "100000", "0", book("10", "10", "50100"));
    add("mid", "0.0004", "100000", "0", book("10", "10", "50100"));
    List<HedgePlanner.Leg> plan =
        HedgePlanner.plan(all(), "BTC-USD", OrderSide.BUY, new BigDecimal("0.5"), Set.of());
    assertThat(plan)
        .extracting(l -> l.account().config().id())
        .containsExactly("cheap-small", "mid");
    // 1000 × 0.95 × 2 / 50001 = 0.03799... → 0.037 (floored to the step)
    assertThat(plan.get(0).quantity()).isEqualByComparingTo("0.037");
    assertThat(plan.get(1).quantity()).isEqualByComparingTo("0.463");
    assertThat(plan.get(1).estimatedFee())
        .isEqualByComparingTo(
            new BigDecimal("0.463")
                .multiply(new BigDecimal("50001"))
                .multiply(new BigDecimal("0.0004")));
  }

  @Test
  void thinBook_costsSlippage_soADeeperDearerVenueWins() {
    add("thin", "0.0001", "100000", "0", book("10", "0.01", "51000")); // 0.49 at +1,000
    add("deep", "0.0004", "100000", "0", book("10", "10", "50100"));
    List<HedgePlanner.Leg> plan =
        HedgePlanner.plan(all(), "BTC-USD", OrderSide.BUY, new BigDecimal("0.5"), Set.of());
    assertThat(plan.get(0).account().config().id()).isEqualTo("deep");
    assertThat(plan).hasSize(1);
    assertThat(plan.get(0).estimatedPrice()).isEqualByComparingTo("50001");
  }

  @Test
  void reducingAPositionNeedsNoMargin_andExcludedAccountsAreSkipped() {
    add("long", "0.0004", "0", "0.3", book("10", "10", "50100"));
    add("other", "0.0001", "100000", "0", book("10", "10", "50100"));
    List<HedgePlanner.Leg> plan =
        HedgePlanner.plan(all(), "BTC-USD", OrderSide.SELL, new BigDecimal("0.3"), Set.of("other"));
    assertThat(plan)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.account().config().id()).isEqualTo("long");
              assertThat(l.quantity()).isEqualByComparingTo("0.3");
            });
    assertThat(
            HedgePlanner.plan(
                all(), "BTC-USD", OrderSide.BUY, new BigDecimal("0.3"), Set.of("other")))
        .isEmpty(); // no wallet: nothing to add with
  }

  @Test
  void belowMinNotional_orAnUnknownSymbol_planNothingOrFail() {
    add("a", "0.0004", "100000", "0", book("10", "10", "50100"));
    assertThat(
            HedgePlanner.plan(all(), "BTC-USD", OrderSide.BUY, new BigDecimal("0.0001"), Set.of()))
        .isEmpty();
    assertThatThrownBy(
            () -> HedgePlanner.plan(all(), "BTC", OrderSide.BUY, BigDecimal.ONE, Set.of()))
        .isInstanceOfSatisfying(
            ControlException.class,
            e -> assertThat(e.error()).isEqualTo(ControlError.MARKET_DATA_UNAVAILABLE));
  }

  @Test
  void credentialsMustBeAReference_neverASecret() {
    assertThatThrownBy(
            () ->
                new ControlAccount(
                    "x",
                    "binance",
                    AccountKind.PERP,
                    "sk_live_abcdef",
                    1,
                    MarginMode.CROSS,
                    BigDecimal.ZERO,
                    Map.of()))
        .hasMessageContaining("credentials of x must be a reference")
        .hasMessageNotContaining("sk_live");
    assertThatThrownBy(
            () ->
                new ControlAccount(
                    "x",
                    "binance",
                    AccountKind.SPOT,
                    "none",
                    3,
                    MarginMode.CROSS,
                    BigDecimal.ZERO,
                    Map.of()))
        .hasMessageContaining("leverage");
  }
}
