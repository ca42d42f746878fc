package io.perpetua.trading.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.OrderSide;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The multi-venue account's validations, returned amounts and ratios at their edges (issue 20):
 * margin rates at 0 and 1, marks at 0, unknown marks, flat and one-way books.
 */
class MultiVenueAccountEdgesTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private final MultiVenueAccount accounts = new MultiVenueAccount();
  private int seq;

  private VenueFill fill(String venue, OrderSide side, String qty, String price) {
    seq++;
    return new VenueFill(
        venue,
        new Fill(
            TradeId.of("t" + seq),
            ClientOrderId.of("c" + seq),
            BTC,
            side,
            Quantity.parse(qty, 3),
            Price.parse(price, 1),
            Money.ZERO,
            Liquidity.TAKER,
            seq));
  }

  @Test
  void open_marginRateMustBeInZeroToOne_andAVenueOpensOnce() {
    accounts.open("a", "x", Money.of(100), 1.0);
    accounts.open("b", "x", Money.of(100), 0.01);
    for (double bad : new double[] {0.0, -0.1, 1.0001, Double.NaN}) {
      assertThatThrownBy(() -> accounts.open("c", "x", Money.of(100), bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("initial margin rate");
    }
    assertThatThrownBy(() -> accounts.open("a", "x", Money.of(100), 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already open");
    assertThat(accounts.venueIds()).containsExactly("a", "b");
  }

  @Test
  void mark_mustBePositiveAndFinite() {
    accounts.open("a", "x", Money.of(100), 0.1);
    for (double bad : new double[] {0.0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> accounts.mark("a", BTC, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("mark");
    }
    assertThatThrownBy(() -> accounts.mark("nope", BTC, 1))
        .hasMessageContaining("unknown venue account");
  }

  @Test
  void apply_andFunding_returnTheAmounts_unmarkedPositionsCountAsZero() {
    accounts.open("a", "x", Money.of(1000), 0.5);
    assertThat(accounts.apply(fill("a", OrderSide.BUY, "2.000", "100.0"))).isEqualTo(Money.ZERO);
    assertThat(accounts.apply(fill("a", OrderSide.SELL, "1.000", "110.0")))
        .isEqualTo(Money.parse("10"));
    assertThat(accounts.settleFunding("a", BTC, 0.01, 100)).isEqualTo(Money.parse("-1"));
    VenueAccountView unmarked = accounts.view("a");
    assertThat(unmarked.unrealizedPnl()).isZero();
    assertThat(unmarked.grossNotional()).isZero();
    assertThat(unmarked.equity()).isCloseTo(1009, within(1e-9));
    accounts.mark("a", BTC, 120);
    VenueAccountView v = accounts.view("a");
    assertThat(v.unrealizedPnl()).isCloseTo(20, within(1e-9));
    assertThat(v.marginUsed()).isCloseTo(60, within(1e-9));
    assertThat(v.available()).isCloseTo(1029 - 60, within(1e-9));
    assertThat(v.utilization()).isCloseTo(60 / 1029.0, within(1e-12));
    assertThat(v.leverage()).isCloseTo(120 / 1029.0, within(1e-12));
  }

  @Test
  void ratios_areZeroWithoutEquityOrExposure() {
    VenueAccountView broke = new VenueAccountView("a", "x", 0, 0, 0, 100, 100, 10, -10, List.of());
    assertThat(broke.utilization()).isZero();
    assertThat(broke.leverage()).isZero();
    VenueAccountView small =
        new VenueAccountView("a", "x", 0, 0, 1e-9, 1e-9, 0, 1e-9, 0, List.of());
    assertThat(small.utilization()).isEqualTo(1.0);
    assertThat(small.leverage()).isEqualTo(1.0);

    accounts.open("a", "x", Money.of(1000), 0.1);
    accounts.open("b", "x", Money.of(1000), 0.1);
    assertThat(accounts.combined().deltaRatio()).as("flat").isZero();
    accounts.apply(fill("a", OrderSide.BUY, "1.000", "100.0"));
    accounts.mark("a", BTC, 100);
    accounts.mark("b", BTC, 100);
    assertThat(accounts.combined().deltaRatio()).as("all long").isEqualTo(1.0);
    accounts.apply(fill("b", OrderSide.SELL, "3.000", "100.0"));
    assertThat(accounts.combined().deltaRatio()).as("-200 / 400").isEqualTo(-0.5);
  }
}
