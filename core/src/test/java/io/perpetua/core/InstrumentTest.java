package io.perpetua.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstrumentTest {
  @Test
  void instrumentId_apiAndVenueSymbols() {
    InstrumentId btc = InstrumentId.parse("BTC/USDT:USDT");
    assertThat(btc.venueSymbol()).isEqualTo("BTCUSDT");
    assertThat(InstrumentId.fromVenueSymbol("1000PEPEUSDT").apiSymbol())
        .isEqualTo("1000PEPE/USDT:USDT");
    assertThat(InstrumentId.fromVenueSymbol("btcusdt")).isEqualTo(btc);
    assertThatThrownBy(() -> InstrumentId.parse("BTCUSDT"))
        .hasMessageContaining("BASE/QUOTE:SETTLE");
    assertThatThrownBy(() -> InstrumentId.fromVenueSymbol("USDT"))
        .hasMessageContaining("invalid venue symbol");
  }

  @Test
  void derivedFilters_followPriceMagnitude() {
    Instrument btc = Instrument.derivedFrom(InstrumentId.usdtPerp("BTC"), 62_450.0);
    assertThat(btc.tickSize()).isEqualTo(Price.parse("0.1", 1));
    assertThat(btc.stepSize()).isEqualTo(Quantity.parse("0.00001", 5));
    assertThat(Instrument.derivedFrom(InstrumentId.usdtPerp("ETH"), 3_000.0).tickSize())
        .isEqualTo(Price.parse("0.01", 2));
    Instrument pepe = Instrument.derivedFrom(InstrumentId.usdtPerp("PEPE"), 0.0000123);
    assertThat(pepe.tickSize().scale()).isEqualTo(8);
    assertThat(pepe.stepSize()).isEqualTo(Quantity.parse("1", 0));
    assertThat(pepe.minNotional()).isEqualTo(Money.parse("5"));
  }

  @Test
  void quantityToward0_neverRoundsUp() {
    Instrument btc = Instrument.derivedFrom(InstrumentId.usdtPerp("BTC"), 62_450.0);
    assertThat(btc.quantityToward0(0.123456789)).isEqualTo(Quantity.parse("0.12345", 5));
    assertThat(btc.quantityToward0(-0.123459999)).isEqualTo(Quantity.parse("-0.12345", 5));
    assertThat(btc.price(62_450.06)).isEqualTo(Price.parse("62450.1", 1));
  }

  @Test
  void clientOrderIds_deterministicAndDistinct() {
    StrategyId s = StrategyId.of("baseline_rev");
    ClientOrderId a = ClientOrderIds.derive(s, "rb-20260302", "BTCUSDT");
    assertThat(ClientOrderIds.derive(s, "rb-20260302", "BTCUSDT")).isEqualTo(a);
    assertThat(ClientOrderIds.derive(s, "rb-20260303", "BTCUSDT")).isNotEqualTo(a);
    assertThat(ClientOrderIds.derive(s, "rb-20260302", "ETHUSDT")).isNotEqualTo(a);
    assertThat(a.value()).hasSize(31).startsWith("pp-");
  }

  @Test
  void timeframe_codesRoundTrip() {
    for (Timeframe t : Timeframe.values()) {
      assertThat(Timeframe.parse(t.code())).isEqualTo(t);
    }
    assertThatThrownBy(() -> Timeframe.parse("3h")).hasMessageContaining("unknown timeframe '3h'");
  }

  @Test
  void bar_rejectsInconsistentPrices() {
    assertThatThrownBy(() -> new Bar(0, 10, 9, 8, 9.5, 1, 1)).hasMessageContaining("inconsistent");
    assertThatThrownBy(() -> new Bar(0, 10, 11, 8, 9.5, -1, 1))
        .hasMessageContaining("non-negative");
  }
}
