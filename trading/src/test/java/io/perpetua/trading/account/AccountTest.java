package io.perpetua.trading.account;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AccountTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private int seq;

  private Fill fill(OrderSide side, String qty, String price, String fee) {
    seq++;
    return new Fill(
        TradeId.of("t" + seq),
        ClientOrderId.of("c" + seq),
        BTC,
        side,
        Quantity.parse(qty, 3),
        Price.parse(price, 1),
        Money.parse(fee),
        Liquidity.TAKER,
        seq);
  }

  @Test
  void longThenPartialCloseThenFlip_handComputed() {
    Account a = new Account("acc", Money.parse("10000"));
    a.apply(fill(OrderSide.BUY, "0.100", "60000.0", "3"));
    // sell 0.040 at 61000: realise 0.04*(61000-60000) = 40
    Money r1 = a.apply(fill(OrderSide.SELL, "0.040", "61000.0", "1.22"));
    assertThat(r1).isEqualTo(Money.parse("40"));
    // sell 0.100 at 59000: closes 0.060 (realise 0.06*(59000-60000) = -60) and opens short 0.040
    Money r2 = a.apply(fill(OrderSide.SELL, "0.100", "59000.0", "2.95"));
    assertThat(r2).isEqualTo(Money.parse("-60"));
    var p = a.position(BTC);
    assertThat(p.quantity()).isEqualTo(Quantity.parse("-0.040", 3));
    assertThat(p.averageEntryPrice()).isCloseTo(59000.0, within(1e-9));
    assertThat(a.wallet())
        .isEqualTo(Money.parse("10000").plus(Money.parse("-20")).minus(Money.parse("7.17")));
    assertThat(a.totalFees()).isEqualTo(Money.parse("7.17"));
  }

  @Test
  void funding_longPaysWhenRatePositive() {
    Account a = new Account("acc", Money.parse("1000"));
    a.apply(fill(OrderSide.BUY, "0.010", "50000.0", "0"));
    Money paid = a.settleFunding(BTC, 0.0001, 50000.0);
    assertThat(paid).isEqualTo(Money.parse("-0.05"));
    assertThat(a.totalFunding()).isEqualTo(Money.parse("-0.05"));
  }

  record Trade(boolean buy, int qtyMilli, int priceTenths, int feeCents, int fundingBp) {}

  @Provide
  Arbitrary<List<Trade>> trades() {
    Arbitrary<Trade> t =
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 5000),
                Arbitraries.integers().between(10_000, 1_000_000),
                Arbitraries.integers().between(0, 500),
                Arbitraries.integers().between(-5, 5))
            .as(Trade::new);
    return t.list().ofMinSize(1).ofMaxSize(60);
  }

  /** equity − deposit = realised + unrealised − fees + funding, exactly, after every event. */
  @Property(tries = 300)
  void accountingIdentity_holdsAfterEveryFillAndFunding(@ForAll("trades") List<Trade> trades) {
    Money deposit = Money.parse("100000");
    Account a = new Account("acc", deposit);
    BigDecimal lastPrice = BigDecimal.ONE;
    for (Trade t : trades) {
      Fill f =
          fill(
              t.buy() ? OrderSide.BUY : OrderSide.SELL,
              BigDecimal.valueOf(t.qtyMilli(), 3).toPlainString(),
              BigDecimal.valueOf(t.priceTenths(), 1).toPlainString(),
              BigDecimal.valueOf(t.feeCents(), 2).toPlainString());
      a.apply(f);
      lastPrice = f.price().toBigDecimal();
      a.settleFunding(BTC, t.fundingBp() / 10_000.0, lastPrice.doubleValue());
      var p = a.position(BTC);
      BigDecimal unrealized =
          p.quantity().toBigDecimal().multiply(lastPrice).subtract(p.entryCost().toBigDecimal());
      BigDecimal lhs = a.wallet().toBigDecimal().add(unrealized).subtract(deposit.toBigDecimal());
      BigDecimal rhs =
          a.totalRealized()
              .toBigDecimal()
              .add(unrealized)
              .subtract(a.totalFees().toBigDecimal())
              .add(a.totalFunding().toBigDecimal());
      assertThat(lhs).isEqualByComparingTo(rhs);
      if (p.quantity().isZero()) {
        assertThat(p.entryCost()).isEqualTo(Money.ZERO);
      }
    }
    Account restored = Account.restore(a.snapshot(0));
    assertThat(restored.wallet()).isEqualTo(a.wallet());
    assertThat(restored.totalRealized()).isEqualTo(a.totalRealized());
    assertThat(restored.position(BTC)).isEqualTo(a.position(BTC));
  }
}
