package io.perpetua.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.event.FundingSettled;
import io.perpetua.core.event.OrderFilled;
import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.event.OrderSubmitted;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.event.SignalPublished;
import org.junit.jupiter.api.Test;

/** Bars, trades, funding, instruments, events and echoes: the edges of their validation. */
class MarketRecordsTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");

  @Test
  void bar_flatBarAndZeroVolume_areValid() {
    Bar flat = new Bar(0, 5, 5, 5, 5, 0, 0);
    assertThat(flat.close()).isEqualTo(5);
    assertThat(new Bar(0, 8, 10, 8, 10, 1, 1).high()).isEqualTo(10);
  }

  @Test
  void bar_eachNonPositivePrice_isRefusedAsNotPositive() {
    String msg = "bar prices must be positive";
    assertThatThrownBy(() -> new Bar(0, 0, 5, 4, 5, 1, 1)).hasMessage(msg);
    assertThatThrownBy(() -> new Bar(0, 5, 5, 0, 5, 1, 1)).hasMessage(msg);
    assertThatThrownBy(() -> new Bar(0, 5, 0, 5, 5, 1, 1)).hasMessage(msg);
    assertThatThrownBy(() -> new Bar(0, 5, 5, 5, 0, 1, 1)).hasMessage(msg);
    assertThatThrownBy(() -> new Bar(0, Double.NaN, 5, 5, 5, 1, 1)).hasMessage(msg);
  }

  @Test
  void bar_eachInconsistency_isRefused() {
    assertThatThrownBy(() -> new Bar(0, 5, 5, 6, 5, 1, 1)).hasMessageContaining("inconsistent");
    assertThatThrownBy(() -> new Bar(0, 6, 5, 4, 5, 1, 1)).hasMessageContaining("inconsistent");
    assertThatThrownBy(() -> new Bar(0, 5, 5, 4, 6, 1, 1)).hasMessageContaining("inconsistent");
    assertThatThrownBy(() -> new Bar(0, 3, 5, 4, 5, 1, 1)).hasMessageContaining("inconsistent");
    assertThatThrownBy(() -> new Bar(0, 5, 5, 4, 3, 1, 1)).hasMessageContaining("inconsistent");
  }

  @Test
  void bar_negativeOrNanVolumes_areRefused() {
    String msg = "bar volumes must be non-negative";
    assertThatThrownBy(() -> new Bar(0, 5, 5, 5, 5, -1e-9, 0)).hasMessage(msg);
    assertThatThrownBy(() -> new Bar(0, 5, 5, 5, 5, 0, -1e-9)).hasMessage(msg);
    assertThatThrownBy(() -> new Bar(0, 5, 5, 5, 5, Double.NaN, 0)).hasMessage(msg);
    assertThatThrownBy(() -> new Bar(0, 5, 5, 5, 5, 0, Double.NaN)).hasMessage(msg);
  }

  @Test
  void tradeTick_priceAndQuantityMustBePositive() {
    assertThat(new TradeTick(BTC, 1, 0, 1e-9, 1e-9, true).price()).isEqualTo(1e-9);
    String msg = "trade price and quantity must be positive";
    assertThatThrownBy(() -> new TradeTick(BTC, 1, 0, 0, 1, true)).hasMessage(msg);
    assertThatThrownBy(() -> new TradeTick(BTC, 1, 0, 1, 0, true)).hasMessage(msg);
    assertThatThrownBy(() -> new TradeTick(BTC, 1, 0, Double.NaN, 1, true)).hasMessage(msg);
    assertThatThrownBy(() -> new TradeTick(BTC, 1, 0, 1, Double.NaN, true)).hasMessage(msg);
  }

  @Test
  void fundingRate_plausibleRange_isInclusive() {
    assertThat(new FundingRate(BTC, 0, 0.1).rate()).isEqualTo(0.1);
    assertThat(new FundingRate(BTC, 0, -0.1).rate()).isEqualTo(-0.1);
    assertThatThrownBy(() -> new FundingRate(BTC, 0, 0.1000001))
        .hasMessageContaining("implausible funding rate");
    assertThatThrownBy(() -> new FundingRate(BTC, 0, -0.1000001))
        .hasMessageContaining("implausible funding rate");
    assertThatThrownBy(() -> new FundingRate(BTC, 0, Double.NaN))
        .hasMessageContaining("implausible funding rate");
  }

  @Test
  void instrument_filterEdges() {
    Price tick = new Price(1, 1);
    Quantity step = new Quantity(1, 3);
    assertThat(new Instrument(BTC, tick, step, Money.ZERO).minNotional()).isEqualTo(Money.ZERO);
    assertThatThrownBy(() -> new Instrument(BTC, new Price(0, 1), step, Money.ZERO))
        .hasMessageContaining("tick size and step size must be positive");
    assertThatThrownBy(() -> new Instrument(BTC, tick, new Quantity(0, 3), Money.ZERO))
        .hasMessageContaining("tick size and step size must be positive");
    assertThatThrownBy(() -> new Instrument(BTC, tick, step, new Money(-1)))
        .hasMessageContaining("min notional must not be negative");
    assertThatThrownBy(() -> new Instrument(null, tick, step, Money.ZERO))
        .hasMessageContaining("instrument id is required");
    assertThatThrownBy(() -> Instrument.derivedFrom(BTC, 0.0))
        .hasMessageContaining("reference price must be positive");
    assertThatThrownBy(() -> Instrument.derivedFrom(BTC, Double.POSITIVE_INFINITY))
        .hasMessageContaining("reference price must be positive");
    Instrument one = Instrument.derivedFrom(BTC, 1.0);
    assertThat(one.priceScale()).isEqualTo(5);
    assertThat(one.quantityScale()).isEqualTo(1);
  }

  @Test
  void timeframe_lengths() {
    assertThat(Timeframe.M1.millis()).isEqualTo(60_000L);
    assertThat(Timeframe.H4.millis()).isEqualTo(4 * 3_600_000L);
    assertThat(Timeframe.D1.millis()).isEqualTo(86_400_000L);
    assertThat(Timeframe.parse(" 1H ")).isEqualTo(Timeframe.H1);
    assertThatThrownBy(() -> Timeframe.parse(null)).hasMessageContaining("unknown timeframe");
  }

  @Test
  void echo_cutsOnlyBeyondTheLimit() {
    String exact = "x".repeat(Echo.MAX);
    assertThat(Echo.of(exact)).isEqualTo(exact);
    assertThat(Echo.of(exact + "y")).isEqualTo(exact + "...");
    assertThat(Echo.of(null)).isEqualTo("null");
  }

  @Test
  void events_haveStableTypeCodes() {
    assertThat(new FundingSettled(0, BTC, 0.0001, Money.ZERO).type()).isEqualTo("funding.settled");
    assertThat(new SignalPublished(0, StrategyId.of("s"), 1, 2, 1, 0).type())
        .isEqualTo("signal.published");
    assertThat(new OrderFilled(0, null).type()).isEqualTo("order.filled");
    assertThat(new OrderSubmitted(0, null).type()).isEqualTo("order.submitted");
    assertThat(new OrderRejected(0, null, "r", "why").type()).isEqualTo("order.rejected");
    assertThat(completed(10, 0, 10).type()).isEqualTo("rebalance.completed");
  }

  @Test
  void rebalanceCompleted_timesMustBeOrdered() {
    assertThat(completed(10, 0, 10).startedAtMs()).isEqualTo(10);
    assertThatThrownBy(() -> completed(10, -1, 10))
        .hasMessageContaining("executionTimeMs must not be negative");
    assertThatThrownBy(() -> completed(10, 0, 11))
        .hasMessageContaining("cannot start after it completes");
  }

  private static RebalanceCompleted completed(long at, long executionMs, long startedAt) {
    return new RebalanceCompleted(
        at,
        RebalanceId.of("rb-1"),
        StrategyId.of("s"),
        "manual",
        1,
        1,
        0,
        0.5,
        Money.ZERO,
        1,
        0,
        executionMs,
        startedAt,
        true);
  }
}
