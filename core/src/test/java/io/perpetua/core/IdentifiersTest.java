package io.perpetua.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The typed identifiers: the character rule, its edges, ordering and text. */
class IdentifiersTest {
  private static final List<Function<String, ? extends Comparable<?>>> FACTORIES =
      List.of(StrategyId::of, ClientOrderId::of, TradeId::of, RebalanceId::of, VenueOrderId::of);

  @Test
  void everyAllowedCharacterClass_isAccepted_atItsEdges() {
    String edges = "azAZ09_-.:";
    for (var factory : FACTORIES) {
      assertThat(factory.apply(edges).toString()).isEqualTo(edges);
      assertThat(factory.apply("x").toString()).isEqualTo("x");
      assertThat(factory.apply("a".repeat(64)).toString()).hasSize(64);
    }
  }

  @Test
  void charactersJustOutsideEachClass_areRefused() {
    // neighbours of a-z, A-Z, 0-9 in ASCII, and other punctuation
    for (String bad : List.of("`", "{", "@", "[", "/", ";", " ", "+", "é", "a b")) {
      for (var factory : FACTORIES) {
        assertThatThrownBy(() -> factory.apply("ok" + bad))
            .as("'%s'", bad)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("invalid");
      }
    }
  }

  @Test
  void emptyNullAndTooLong_areRefused() {
    for (var factory : FACTORIES) {
      assertThatThrownBy(() -> factory.apply("")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> factory.apply(null)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> factory.apply("a".repeat(65)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void messagesNameTheKindOfId() {
    assertThatThrownBy(() -> StrategyId.of("")).hasMessageContaining("invalid strategy id");
    assertThatThrownBy(() -> ClientOrderId.of("")).hasMessageContaining("invalid client order id");
    assertThatThrownBy(() -> TradeId.of("")).hasMessageContaining("invalid trade id");
    assertThatThrownBy(() -> RebalanceId.of("")).hasMessageContaining("invalid rebalance id");
    assertThatThrownBy(() -> VenueOrderId.of("")).hasMessageContaining("invalid venue order id");
  }

  @Test
  void idsOrderByTheirText() {
    assertThat(StrategyId.of("a").compareTo(StrategyId.of("b"))).isNegative();
    assertThat(StrategyId.of("b").compareTo(StrategyId.of("a"))).isPositive();
    assertThat(ClientOrderId.of("a").compareTo(ClientOrderId.of("b"))).isNegative();
    assertThat(TradeId.of("2").compareTo(TradeId.of("1"))).isPositive();
    assertThat(RebalanceId.of("rb-1").compareTo(RebalanceId.of("rb-2"))).isNegative();
    assertThat(VenueOrderId.of("9").compareTo(VenueOrderId.of("10"))).isPositive();
    assertThat(StrategyId.of("same").compareTo(StrategyId.of("same"))).isZero();
    assertThat(new StrategyId("s")).isEqualTo(StrategyId.of("s"));
  }

  @Test
  void clientOrderIds_matchTheDocumentedDigest() {
    // pp- + the first 28 hex characters of SHA-256("strat|dec|leg"), computed outside Java
    assertThat(ClientOrderIds.derive(StrategyId.of("strat"), "dec", "leg").value())
        .isEqualTo("pp-27d2c556767b3727cff9109e2018");
  }

  @Test
  void instrumentId_parseAnyAcceptsBothForms() {
    InstrumentId btc = InstrumentId.usdtPerp("BTC");
    assertThat(InstrumentId.parseAny("BTC/USDT:USDT")).isEqualTo(btc);
    assertThat(InstrumentId.parseAny("BTCUSDT")).isEqualTo(btc);
    assertThat(InstrumentId.parseAny(" ETH/USDC:USDC ").quote()).isEqualTo("USDC");
    assertThatThrownBy(() -> InstrumentId.parseAny(null))
        .hasMessageContaining("invalid venue symbol");
    assertThatThrownBy(() -> InstrumentId.parseAny("BTC/USDT"))
        .hasMessageContaining("BASE/QUOTE:SETTLE");
    // a leading slash is still the API form (and refused as such), not a venue symbol
    assertThatThrownBy(() -> InstrumentId.parseAny("/USDT:USDT"))
        .hasMessageContaining("BASE/QUOTE:SETTLE");
    assertThat(btc.toString()).isEqualTo("BTC/USDT:USDT");
  }

  @Test
  void instrumentId_ordersByBaseThenQuoteThenSettle() {
    InstrumentId a = new InstrumentId("BTC", "USDC", "USDT");
    assertThat(a.compareTo(new InstrumentId("ETH", "BUSD", "BUSD"))).isNegative();
    assertThat(a.compareTo(new InstrumentId("BTC", "USDT", "BUSD"))).isNegative();
    assertThat(a.compareTo(new InstrumentId("BTC", "BUSD", "USDT"))).isPositive();
    assertThat(a.compareTo(new InstrumentId("BTC", "USDC", "BUSD"))).isPositive();
    assertThat(a.compareTo(new InstrumentId("BTC", "USDC", "USDT"))).isZero();
    assertThatThrownBy(() -> new InstrumentId("btc", "USDT", "USDT"))
        .hasMessageContaining("invalid asset code: 'btc'");
  }
}
