package io.perpetua.market.tick;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.InstrumentId;
import io.perpetua.market.tick.TickValidator.Reason;
import org.junit.jupiter.api.Test;

class TickValidatorTest {
  private static final InstrumentId BTC = InstrumentId.parse("BTC/USDT:USDT");
  private static final InstrumentId ETH = InstrumentId.parse("ETH/USDT:USDT");
  private final long[] wall = {0};
  private final TickValidator v = new TickValidator("test", () -> wall[0]);

  @Test
  void fieldReason_rejectsNonPositiveAndNonFiniteValues() {
    assertThat(TickValidator.fieldReason(100, 1)).isNull();
    assertThat(TickValidator.fieldReason(100, 0)).isEqualTo(Reason.NON_POSITIVE_QUANTITY);
    assertThat(TickValidator.fieldReason(100, -1)).isEqualTo(Reason.NON_POSITIVE_QUANTITY);
    assertThat(TickValidator.fieldReason(0, 1)).isEqualTo(Reason.NON_POSITIVE_PRICE);
    assertThat(TickValidator.fieldReason(-5, 1)).isEqualTo(Reason.NON_POSITIVE_PRICE);
    assertThat(TickValidator.fieldReason(Double.NaN, 1)).isEqualTo(Reason.NOT_FINITE);
    assertThat(TickValidator.fieldReason(100, Double.NaN)).isEqualTo(Reason.NOT_FINITE);
    assertThat(TickValidator.fieldReason(Double.POSITIVE_INFINITY, 1)).isEqualTo(Reason.NOT_FINITE);
  }

  @Test
  void trades_duplicateOutOfOrderAndBackwards_areRejected_perInstrument_andCounted() {
    assertThat(v.acceptTrade(BTC, 10, 1_000, 100, 1)).isTrue();
    assertThat(v.acceptTrade(BTC, 10, 1_000, 100, 1)).isFalse(); // duplicate
    assertThat(v.acceptTrade(BTC, 9, 1_000, 100, 1)).isFalse(); // out of order
    assertThat(v.acceptTrade(BTC, 11, 999, 100, 1)).isFalse(); // time backwards
    assertThat(v.acceptTrade(BTC, 11, 1_000, 100, -1)).isFalse(); // negative quantity
    assertThat(v.acceptTrade(BTC, 11, 1_000, Double.NaN, 1)).isFalse();
    assertThat(v.acceptTrade(ETH, 3, 500, 10, 1)).as("another instrument's own sequence").isTrue();
    assertThat(v.acceptTrade(BTC, 11, 1_000, 100, 1)).as("rejections leave no state").isTrue();
    assertThat(v.counts())
        .containsEntry(Reason.DUPLICATE_ID, 1L)
        .containsEntry(Reason.OUT_OF_ORDER_ID, 1L)
        .containsEntry(Reason.TIME_BACKWARDS, 1L)
        .containsEntry(Reason.NON_POSITIVE_QUANTITY, 1L)
        .containsEntry(Reason.NOT_FINITE, 1L)
        .containsEntry(Reason.NON_POSITIVE_PRICE, 0L);
    assertThat(v.rejected()).isEqualTo(5);
    assertThat(v.rejections()).containsEntry("duplicate_id", 1L).hasSize(6);
  }

  @Test
  void otherTicks_timeGoingBackwardsPerKind_isRejected() {
    assertThat(v.accept(new OpenInterestUpdate(BTC, 2_000, 10))).isTrue();
    assertThat(v.accept(new AggTrade(BTC, 1, 1_000, 100, 1, false)))
        .as("a trade has its own sequence")
        .isTrue();
    assertThat(v.accept(new OpenInterestUpdate(BTC, 1_999, 10))).isFalse();
    assertThat(v.accept(new OpenInterestUpdate(BTC, 2_000, 11))).isTrue();
    assertThat(v.counts()).containsEntry(Reason.TIME_BACKWARDS, 1L);
  }
}
