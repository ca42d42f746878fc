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
import io.perpetua.core.order.Position;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The account's money path case by case, each value computed by hand: adding to a position, an
 * exact close, a flip, shorts, funding signs, unrealised PnL without a mark, adoption and restore
 * (issue 20: the mutants that survived the accounting identity).
 */
class AccountEdgesTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final InstrumentId ETH = InstrumentId.usdtPerp("ETH");
  private int seq;

  private Fill fill(InstrumentId id, OrderSide side, String qty, String price, String fee) {
    seq++;
    return new Fill(
        TradeId.of("t" + seq),
        ClientOrderId.of("c" + seq),
        id,
        side,
        Quantity.parse(qty, 3),
        Price.parse(price, 1),
        Money.parse(fee),
        Liquidity.TAKER,
        seq);
  }

  @Test
  void addingToALong_addsQuantityAndCost_realisesNothing() {
    Account a = new Account("acc", Money.parse("1000"));
    assertThat(a.apply(fill(BTC, OrderSide.BUY, "1.000", "100.0", "0"))).isEqualTo(Money.ZERO);
    Money r = a.apply(fill(BTC, OrderSide.BUY, "1.000", "110.0", "0.5"));
    assertThat(r).isEqualTo(Money.ZERO);
    Position p = a.position(BTC);
    assertThat(p.quantity()).isEqualTo(Quantity.parse("2.000", 3));
    assertThat(p.entryCost()).isEqualTo(Money.parse("210"));
    assertThat(p.realizedPnl()).isEqualTo(Money.ZERO);
    assertThat(a.wallet()).isEqualTo(Money.parse("999.5"));
    assertThat(a.totalRealized()).isEqualTo(Money.ZERO);
  }

  @Test
  void addingToAShort_keepsANegativeCost_thenCoverRealisesTheGain() {
    Account a = new Account("acc", Money.parse("1000"));
    a.apply(fill(BTC, OrderSide.SELL, "1.000", "100.0", "0"));
    a.apply(fill(BTC, OrderSide.SELL, "1.000", "90.0", "0"));
    assertThat(a.position(BTC).quantity()).isEqualTo(Quantity.parse("-2.000", 3));
    assertThat(a.position(BTC).entryCost()).isEqualTo(Money.parse("-190"));
    // buy back half at 80: closes 1 of 2, cost share -95, realised = -(80) - (-95) = 15
    Money r = a.apply(fill(BTC, OrderSide.BUY, "1.000", "80.0", "0"));
    assertThat(r).isEqualTo(Money.parse("15"));
    assertThat(a.position(BTC).quantity()).isEqualTo(Quantity.parse("-1.000", 3));
    assertThat(a.position(BTC).entryCost()).isEqualTo(Money.parse("-95"));
    assertThat(a.position(BTC).realizedPnl()).isEqualTo(Money.parse("15"));
  }

  @Test
  void exactClose_flat_zeroCost_allRealised() {
    Account a = new Account("acc", Money.parse("1000"));
    a.apply(fill(BTC, OrderSide.BUY, "0.500", "200.0", "0"));
    Money r = a.apply(fill(BTC, OrderSide.SELL, "0.500", "230.0", "0.1"));
    assertThat(r).isEqualTo(Money.parse("15"));
    Position p = a.position(BTC);
    assertThat(p.quantity().isZero()).isTrue();
    assertThat(p.entryCost()).isEqualTo(Money.ZERO);
    assertThat(a.wallet()).isEqualTo(Money.parse("1014.9"));
    assertThat(a.openPositions()).isEmpty();
  }

  @Test
  void flipFromShortToLong_closesTheShort_opensTheRestAtTheFillPrice() {
    Account a = new Account("acc", Money.parse("1000"));
    a.apply(fill(BTC, OrderSide.SELL, "1.000", "100.0", "0"));
    // buy 3 at 90: closes the short (+10), opens a long of 2 at 90
    Money r = a.apply(fill(BTC, OrderSide.BUY, "3.000", "90.0", "0"));
    assertThat(r).isEqualTo(Money.parse("10"));
    Position p = a.position(BTC);
    assertThat(p.quantity()).isEqualTo(Quantity.parse("2.000", 3));
    assertThat(p.entryCost()).isEqualTo(Money.parse("180"));
    assertThat(a.totalRealized()).isEqualTo(Money.parse("10"));
  }

  @Test
  void funding_shortReceivesWhenPositive_paysWhenNegative_nothingWhenFlat() {
    Account a = new Account("acc", Money.parse("1000"));
    assertThat(a.settleFunding(BTC, 0.001, 100)).isEqualTo(Money.ZERO); // never traded
    a.apply(fill(BTC, OrderSide.SELL, "2.000", "100.0", "0"));
    assertThat(a.settleFunding(BTC, 0.001, 100)).isEqualTo(Money.parse("0.2"));
    assertThat(a.settleFunding(BTC, -0.001, 100)).isEqualTo(Money.parse("-0.2"));
    assertThat(a.totalFunding()).isEqualTo(Money.ZERO);
    assertThat(a.wallet()).isEqualTo(Money.parse("1000"));
    a.apply(fill(BTC, OrderSide.BUY, "2.000", "100.0", "0"));
    assertThat(a.settleFunding(BTC, 0.001, 100)).isEqualTo(Money.ZERO); // flat
  }

  @Test
  void unrealised_sumsOpenPositionsWithAMark_skipsTheOthers() {
    Account a = new Account("acc", Money.parse("1000"));
    a.apply(fill(BTC, OrderSide.BUY, "1.000", "100.0", "0"));
    a.apply(fill(ETH, OrderSide.SELL, "2.000", "50.0", "0"));
    Map<InstrumentId, Double> marks = Map.of(BTC, 110.0, ETH, 40.0);
    assertThat(a.unrealizedPnl(marks::get)).isCloseTo(10 + 20, within(1e-9));
    assertThat(a.unrealizedPnl(id -> id.equals(BTC) ? 110.0 : 0.0)).isCloseTo(10, within(1e-9));
    assertThat(a.openPositions()).extracting(Position::instrument).containsExactly(BTC, ETH);
  }

  @Test
  void positions_areListedInInstrumentOrder_whateverTheTradingOrder() {
    Account a = new Account("acc", Money.parse("1000000"));
    List<String> bases = List.of("ZZZ", "AAA", "MMM", "BBB", "YYY", "CCC", "XXX", "DDD", "QQQ");
    for (String b : bases) {
      a.apply(fill(InstrumentId.usdtPerp(b), OrderSide.BUY, "1.000", "10.0", "0"));
    }
    List<InstrumentId> sorted = bases.stream().map(InstrumentId::usdtPerp).sorted().toList();
    assertThat(a.openPositions()).extracting(Position::instrument).isEqualTo(sorted);
    assertThat(a.snapshot(0).positions()).extracting(Position::instrument).isEqualTo(sorted);
  }

  @Test
  void adopt_replacesTheQuantity_atTheEntryPrice_keepsRealised() {
    Account a = new Account("acc", Money.parse("1000"));
    a.apply(fill(BTC, OrderSide.BUY, "1.000", "100.0", "0"));
    a.apply(fill(BTC, OrderSide.SELL, "0.500", "120.0", "0"));
    Quantity before = a.adopt(BTC, Quantity.parse("-0.300", 3), 130.0);
    assertThat(before).isEqualTo(Quantity.parse("0.500", 3));
    Position p = a.position(BTC);
    assertThat(p.quantity()).isEqualTo(Quantity.parse("-0.300", 3));
    assertThat(p.entryCost()).isEqualTo(Money.parse("-39"));
    assertThat(p.realizedPnl()).isEqualTo(Money.parse("10"));
    assertThat(a.adopt(ETH, Quantity.parse("0.000", 3), 50.0)).isEqualTo(Quantity.zero(3));
    assertThat(a.position(ETH).entryCost()).isEqualTo(Money.ZERO);
  }

  @Test
  void restore_bringsBackWalletFeesFundingPositionsAndRealised() {
    Account a = new Account("acc", Money.parse("1000"));
    a.apply(fill(BTC, OrderSide.BUY, "1.000", "100.0", "1"));
    a.apply(fill(BTC, OrderSide.SELL, "0.500", "120.0", "1"));
    a.apply(fill(ETH, OrderSide.SELL, "1.000", "50.0", "0"));
    a.apply(fill(ETH, OrderSide.BUY, "1.000", "45.0", "0"));
    a.settleFunding(BTC, 0.001, 100);
    Account b = Account.restore(a.snapshot(7));
    assertThat(b.accountId()).isEqualTo("acc");
    assertThat(b.wallet()).isEqualTo(a.wallet());
    assertThat(b.totalFees()).isEqualTo(Money.parse("2"));
    assertThat(b.totalFunding()).isEqualTo(Money.parse("-0.05"));
    assertThat(b.totalRealized()).isEqualTo(Money.parse("15"));
    assertThat(b.openPositions()).isEqualTo(a.openPositions());
    assertThat(a.snapshot(7).asOfMs()).isEqualTo(7);
    assertThat(a.snapshot(7).positions())
        .extracting(Position::instrument)
        .containsExactly(BTC, ETH);
  }

  @Test
  void crossMargin_openingQuantity_and_available() {
    CrossMargin m = new CrossMargin(5);
    assertThat(m.initialMargin(-1000)).isEqualTo(200.0);
    assertThat(CrossMargin.openingQuantity(0, -3)).isEqualTo(3.0);
    assertThat(CrossMargin.openingQuantity(2, 3)).isEqualTo(3.0);
    assertThat(CrossMargin.openingQuantity(2, -3)).isEqualTo(1.0);
    assertThat(CrossMargin.openingQuantity(2, -2)).isEqualTo(0.0);
    assertThat(CrossMargin.openingQuantity(5, -2)).isEqualTo(0.0);
    Quantity two = Quantity.parse("2.000", 3);
    assertThat(CrossMargin.openingQuantity(Quantity.zero(3), two.negate())).isEqualTo(two);
    assertThat(CrossMargin.openingQuantity(two, Quantity.parse("-3.000", 3)))
        .isEqualTo(Quantity.parse("1.000", 3));
    assertThat(CrossMargin.openingQuantity(two, two.negate())).isEqualTo(Quantity.zero(3));
    assertThat(CrossMargin.openingQuantity(two.negate(), Quantity.parse("-1.000", 3)))
        .isEqualTo(Quantity.parse("1.000", 3));
    assertThat(m.available(100, 30)).isEqualTo(70.0);
    assertThat(m.available(30, 100)).isEqualTo(0.0);
    for (int bad : List.of(0, 126)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CrossMargin(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("leverage");
    }
    assertThat(new CrossMargin(1).leverage()).isEqualTo(1);
    assertThat(new CrossMargin(125).leverage()).isEqualTo(125);
  }
}
