package io.perpetua.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FixedPointTest {
  @Property
  void price_stringRoundTrip_isExact(
      @ForAll @LongRange(min = 1, max = 9_000_000_000_000L) long raw,
      @ForAll @IntRange(min = 0, max = 8) int scale) {
    Price p = new Price(raw, scale);
    assertThat(Price.parse(p.toString(), scale)).isEqualTo(p);
    assertThat(Price.of(p.toBigDecimal(), scale)).isEqualTo(p);
  }

  @Property
  void quantity_doubleRoundTrip_isExactForRepresentableValues(
      @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long raw,
      @ForAll @IntRange(min = 0, max = 8) int scale) {
    Quantity q = new Quantity(raw, scale);
    assertThat(Quantity.of(q.toDouble(), scale)).isEqualTo(q);
  }

  @Property
  void money_plusMinus_inverse(
      @ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) long a,
      @ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) long b) {
    Money x = new Money(a);
    Money y = new Money(b);
    assertThat(x.plus(y).minus(y)).isEqualTo(x);
    assertThat(Money.parse(x.toString())).isEqualTo(x);
  }

  @Property
  void notional_equalsExactDecimalProduct(
      @ForAll @LongRange(min = 1, max = 100_000_000_000L) long priceRaw,
      @ForAll @IntRange(min = 0, max = 8) int priceScale,
      @ForAll @LongRange(min = 1, max = 10_000_000_000L) long qtyRaw,
      @ForAll @IntRange(min = 0, max = 8) int qtyScale) {
    Price p = new Price(priceRaw, priceScale);
    Quantity q = new Quantity(qtyRaw, qtyScale);
    Assume.that(
        p.toBigDecimal().multiply(q.toBigDecimal()).compareTo(BigDecimal.valueOf(9e10)) < 0);
    BigDecimal exact =
        p.toBigDecimal().multiply(q.toBigDecimal()).setScale(8, RoundingMode.HALF_EVEN);
    assertThat(Money.notional(p, q).toBigDecimal()).isEqualByComparingTo(exact);
  }

  @Test
  void multiply_overflowingLong_takesExactPath() {
    // 100.0 (raw 1e10 at scale 8) x 1.0 (raw 1e12 at scale 12): the raw product 1e22 overflows
    long v = FixedPoint.multiply(10_000_000_000L, 8, 1_000_000_000_000L, 12, 8);
    assertThat(v).isEqualTo(10_000_000_000L);
    assertThatThrownBy(() -> FixedPoint.multiply(Long.MAX_VALUE, 0, 10, 0, 8))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void divideRoundHalfEven_ties() {
    assertThat(FixedPoint.divideRoundHalfEven(25, 10)).isEqualTo(2);
    assertThat(FixedPoint.divideRoundHalfEven(35, 10)).isEqualTo(4);
    assertThat(FixedPoint.divideRoundHalfEven(-25, 10)).isEqualTo(-2);
    assertThat(FixedPoint.divideRoundHalfEven(-26, 10)).isEqualTo(-3);
  }

  @Test
  void parse_moreDecimalsThanScale_isRefused() {
    assertThatThrownBy(() -> Price.parse("1.234", 2)).hasMessageContaining("does not fit scale 2");
    assertThatThrownBy(() -> Price.parse("abc", 2)).hasMessageContaining("not a decimal number");
    assertThatThrownBy(() -> Price.of(Double.NaN, 2)).hasMessageContaining("not a finite number");
  }

  @Test
  void roundTo_tick_andRoundDownTo_step() {
    assertThat(Price.parse("100.07", 2).roundTo(Price.parse("0.05", 2)))
        .isEqualTo(Price.parse("100.05", 2));
    assertThat(Quantity.parse("-0.0379", 4).roundDownTo(Quantity.parse("0.0010", 4)))
        .isEqualTo(Quantity.parse("-0.0370", 4));
  }

  @Property
  void moneyFraction_equalsExactDecimal(
      @ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) long raw,
      @ForAll @LongRange(min = 0, max = 1_000_000_000L) long num,
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long den) {
    Assume.that(num <= den);
    BigDecimal exact =
        BigDecimal.valueOf(raw, 8)
            .multiply(BigDecimal.valueOf(num))
            .divide(BigDecimal.valueOf(den), 8, RoundingMode.HALF_EVEN);
    assertThat(new Money(raw).fraction(num, den).toBigDecimal()).isEqualByComparingTo(exact);
  }

  @Property
  void moneyTimes_matchesDecimalWithinOneUnit(
      @ForAll @LongRange(min = -10_000_000_000_000L, max = 10_000_000_000_000L) long raw,
      @ForAll @IntRange(min = -100, max = 100) int bps) {
    double rate = bps / 10_000.0;
    BigDecimal exact =
        BigDecimal.valueOf(raw, 8)
            .multiply(BigDecimal.valueOf(rate))
            .setScale(8, RoundingMode.HALF_EVEN);
    assertThat(Math.abs(new Money(raw).times(rate).raw() - exact.unscaledValue().longValueExact()))
        .isLessThanOrEqualTo(1);
  }
}
