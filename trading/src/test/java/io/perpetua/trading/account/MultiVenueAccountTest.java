package io.perpetua.trading.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.OrderSide;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MultiVenueAccountTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");
  private final MultiVenueAccount accounts = new MultiVenueAccount();
  private int trades;

  @BeforeEach
  void open() {
    accounts.open("binance-main", "binance", Money.of(10_000), 0.1);
    accounts.open("generic-hedge", "generic", Money.of(5_000), 0.2);
  }

  private Fill fill(InstrumentId id, OrderSide side, String qty, String price, double fee) {
    return new Fill(
        TradeId.of("t" + ++trades),
        ClientOrderId.of("c" + trades),
        id,
        side,
        Quantity.parse(qty, 3),
        Price.parse(price, 1),
        Money.of(fee),
        Liquidity.TAKER,
        1L);
  }

  @Test
  void longOnOneVenue_shortOnTheOther_netsToZero_grossIsTwice() {
    accounts.apply(new VenueFill("binance-main", fill(BTC, OrderSide.BUY, "1.000", "50000.0", 20)));
    accounts.apply(
        new VenueFill("generic-hedge", fill(BTC, OrderSide.SELL, "1.000", "50010.0", -5)));
    accounts.mark("binance-main", BTC, 50_100);
    accounts.mark("generic-hedge", BTC, 50_100);
    CombinedAccountView all = accounts.combined();
    assertThat(all.netQuantityByBase().get("BTC")).isEqualTo(0.0);
    assertThat(all.netNotionalByBase().get("BTC")).isCloseTo(0.0, offset(1e-9));
    assertThat(all.grossNotionalByBase().get("BTC")).isCloseTo(2 * 50_100, offset(1e-6));
    assertThat(all.grossNotional()).isCloseTo(2 * 50_100, offset(1e-6));
    assertThat(all.deltaRatio()).isCloseTo(0.0, offset(1e-12));
    // long +100, short −90: the hedge locks in the 10 USDT entry spread; fees 20 − 5
    assertThat(all.equity()).isCloseTo(15_000 + 100 - 90 - 20 + 5, offset(1e-6));
    assertThat(all.wallet()).isCloseTo(15_000 - 20 + 5, offset(1e-6));
    VenueAccountView binance = all.venue("binance-main");
    assertThat(binance.exchange()).isEqualTo("binance");
    assertThat(binance.unrealizedPnl()).isCloseTo(100, offset(1e-6));
    assertThat(binance.marginUsed()).isCloseTo(5_010, offset(1e-6));
    assertThat(binance.utilization()).isCloseTo(5_010 / (10_000 - 20 + 100.0), offset(1e-9));
    VenueAccountView hedge = all.venue("generic-hedge");
    assertThat(hedge.netNotional()).isCloseTo(-50_100, offset(1e-6));
    assertThat(hedge.marginUsed()).isCloseTo(0.2 * 50_100, offset(1e-6));
    assertThat(hedge.available()).isCloseTo(hedge.equity() - hedge.marginUsed(), offset(1e-9));
  }

  @Test
  void unhedgedLeg_showsAsNetExposurePerBase() {
    accounts.apply(new VenueFill("binance-main", fill(BTC, OrderSide.BUY, "0.500", "50000.0", 0)));
    accounts.apply(
        new VenueFill("generic-hedge", fill(BTC, OrderSide.SELL, "0.200", "50000.0", 0)));
    accounts.apply(new VenueFill("generic-hedge", fill(ETH, OrderSide.BUY, "2.000", "3000.0", 0)));
    accounts.mark("binance-main", BTC, 50_000);
    accounts.mark("generic-hedge", BTC, 50_000);
    accounts.mark("generic-hedge", ETH, 3_000);
    CombinedAccountView all = accounts.combined();
    assertThat(all.netQuantityByBase().get("BTC")).isCloseTo(0.3, offset(1e-12));
    assertThat(all.netNotionalByBase()).containsEntry("ETH", 6_000.0);
    assertThat(all.netNotional()).isCloseTo(15_000 + 6_000, offset(1e-6));
    assertThat(all.grossNotional()).isCloseTo(25_000 + 10_000 + 6_000, offset(1e-6));
    assertThat(all.venues())
        .extracting(VenueAccountView::venue)
        .containsExactly("binance-main", "generic-hedge");
  }

  @Test
  void listenerForAVenue_booksItsFillsThere_only() {
    var listener = accounts.listenerFor("generic-hedge");
    listener.onFill(fill(BTC, OrderSide.BUY, "0.100", "50000.0", 2));
    assertThat(accounts.view("generic-hedge").positions()).hasSize(1);
    assertThat(accounts.view("generic-hedge").wallet()).isCloseTo(4_998, offset(1e-9));
    assertThat(accounts.view("binance-main").positions()).isEmpty();
  }

  @Test
  void unknownVenue_orDuplicateOpen_isRefused() {
    assertThatThrownBy(() -> accounts.view("nowhere")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> accounts.open("binance-main", "binance", Money.of(1), 0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VenueFill(" ", fill(BTC, OrderSide.BUY, "1.000", "1.0", 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
