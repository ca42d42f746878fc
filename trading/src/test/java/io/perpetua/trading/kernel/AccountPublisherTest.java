package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.OrderSide;
import io.perpetua.readmodel.AccountBalance;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.readmodel.PositionView;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.account.CrossMargin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The balance a venue would show under USDT-M cross margin. One long: 100 BTC-like contracts bought
 * at 100 (notional 10,000, fee 5) on a 10,000 deposit, marked at 99: wallet 9,995, unrealised −100,
 * equity 9,895.
 */
class AccountPublisherTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final List<Instrument> INSTRUMENTS =
      List.of(new Instrument(BTC, new Price(1, 1), new Quantity(1, 3), Money.of(5.0)));

  private static Account longTenThousand() {
    Account account = new Account("paper", Money.parse("10000"));
    account.apply(
        new Fill(
            TradeId.of("t1"),
            ClientOrderId.of("c1"),
            BTC,
            OrderSide.BUY,
            Quantity.parse("100", 3),
            Price.parse("100", 1),
            Money.parse("5"),
            Liquidity.TAKER,
            0));
    return account;
  }

  private static InMemoryPlatformState publish(int leverage, double openOrderNotional) {
    InMemoryPlatformState state = new InMemoryPlatformState();
    AccountPublisher.publish(
        state,
        longTenThousand(),
        INSTRUMENTS,
        new double[] {99},
        Map.of(BTC, 0),
        1_000,
        new CrossMargin(leverage),
        openOrderNotional);
    return state;
  }

  @Test
  void balance_atLeverage20_marginIsNotionalOverLeverage_plusOpenOrders() {
    InMemoryPlatformState state = publish(20, 2_000);
    AccountBalance b = state.balance().orElseThrow();
    assertThat(b.totalEquity()).isCloseTo(9_895, within(1e-9));
    assertThat(b.unrealizedPnl()).isCloseTo(-100, within(1e-9));
    // positions 9,900 / 20 = 495, orders 2,000 / 20 = 100
    assertThat(b.usedMargin()).isCloseTo(595, within(1e-9));
    assertThat(b.availableBalance()).isCloseTo(9_300, within(1e-9));
    PositionView p = state.positions().orElseThrow().positions().get(0);
    assertThat(p.leverage()).isEqualTo(20);
    assertThat(p.margin()).isCloseTo(495, within(1e-9));
  }

  @Test
  void balance_marginAboveEquity_availableIsZero_neverNegative() {
    // fully collateralised: 9,900 of margin on 9,895 of equity (the old view showed −5)
    AccountBalance b = publish(1, 0).balance().orElseThrow();
    assertThat(b.usedMargin()).isCloseTo(9_900, within(1e-9));
    assertThat(b.availableBalance()).isZero();
    assertThat(b.usedMargin()).isGreaterThan(b.totalEquity()); // the shortfall stays visible
  }

  @Test
  void openingQuantity_onlyWhatOpensOrAdds_needsMargin() {
    assertThat(CrossMargin.openingQuantity(0, -3)).isEqualTo(3);
    assertThat(CrossMargin.openingQuantity(2, 3)).isEqualTo(3);
    assertThat(CrossMargin.openingQuantity(2, -1.5)).isZero(); // closes part of the long
    assertThat(CrossMargin.openingQuantity(2, -5)).isEqualTo(3); // flips: 3 short open
    assertThatThrownBy(() -> new CrossMargin(0)).hasMessageContaining("leverage");
    assertThatThrownBy(() -> new CrossMargin(126)).hasMessageContaining("leverage");
  }
}
