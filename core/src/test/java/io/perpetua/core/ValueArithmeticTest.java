package io.perpetua.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Outcomes of {@link Price}, {@link Quantity} and {@link Money} arithmetic, including mixing. */
class ValueArithmeticTest {
  private static final Quantity Q2 = Quantity.parse("1.50", 2);
  private static final Quantity Q3 = Quantity.parse("1.500", 3);

  @Test
  void quantity_plusMinusNegateAbs() {
    Quantity a = Quantity.parse("1.25", 2);
    Quantity b = Quantity.parse("0.75", 2);
    assertThat(a.plus(b)).isEqualTo(Quantity.parse("2.00", 2));
    assertThat(b.minus(a)).isEqualTo(Quantity.parse("-0.50", 2));
    assertThat(a.negate()).isEqualTo(new Quantity(-125, 2));
    assertThat(a.negate().abs()).isEqualTo(a);
    assertThat(a.abs()).isSameAs(a);
    assertThat(Quantity.zero(3).abs()).isEqualTo(new Quantity(0, 3));
    assertThat(Quantity.zero(4)).isEqualTo(new Quantity(0, 4));
  }

  @Test
  void quantity_signAndZero() {
    assertThat(Quantity.zero(2).isZero()).isTrue();
    assertThat(new Quantity(1, 2).isZero()).isFalse();
    assertThat(new Quantity(-3, 2).signum()).isEqualTo(-1);
    assertThat(new Quantity(3, 2).signum()).isEqualTo(1);
    assertThat(Quantity.zero(2).signum()).isZero();
  }

  @Test
  void quantity_overflowIsAnError() {
    Quantity max = new Quantity(Long.MAX_VALUE, 0);
    assertThatThrownBy(() -> max.plus(new Quantity(1, 0))).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> new Quantity(Long.MIN_VALUE, 0).minus(new Quantity(1, 0)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> new Quantity(Long.MIN_VALUE, 0).negate())
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void quantity_scaleMixing_isRefusedEverywhere() {
    assertThatThrownBy(() -> Q2.plus(Q3)).hasMessageContaining("scale mismatch: 2 vs 3");
    assertThatThrownBy(() -> Q2.minus(Q3)).hasMessageContaining("scale mismatch");
    assertThatThrownBy(() -> Q2.compareTo(Q3)).hasMessageContaining("scale mismatch");
    assertThatThrownBy(() -> Q3.roundDownTo(Quantity.parse("0.01", 2)))
        .hasMessageContaining("scale mismatch: 3 vs 2");
    // equal values at different scales are different quantities
    assertThat(Q2).isNotEqualTo(Q3);
  }

  @Test
  void quantity_compareToOrdersByValue() {
    assertThat(Quantity.parse("1.49", 2).compareTo(Q2)).isNegative();
    assertThat(Quantity.parse("1.51", 2).compareTo(Q2)).isPositive();
    assertThat(Quantity.parse("1.5", 2).compareTo(Q2)).isZero();
  }

  @Test
  void quantity_conversionsAndText() {
    assertThat(Quantity.parse("-0.125", 3).toDouble()).isEqualTo(-0.125);
    assertThat(Quantity.parse("2.50", 2).toBigDecimal()).isEqualTo(new BigDecimal("2.50"));
    assertThat(Quantity.parse("2.5", 3).toString()).isEqualTo("2.500");
    assertThat(Quantity.of(new BigDecimal("0.01"), 2)).isEqualTo(new Quantity(1, 2));
    assertThat(Quantity.of(0.25, 2)).isEqualTo(new Quantity(25, 2));
    assertThatThrownBy(() -> new Quantity(1, 13)).hasMessageContaining("scale must be");
  }

  @Test
  void quantity_roundDownTo_neverExceedsInput() {
    Quantity step = Quantity.parse("0.05", 2);
    assertThat(Quantity.parse("0.99", 2).roundDownTo(step)).isEqualTo(Quantity.parse("0.95", 2));
    assertThat(Quantity.parse("1.00", 2).roundDownTo(step)).isEqualTo(Quantity.parse("1.00", 2));
    assertThat(Quantity.parse("-0.99", 2).roundDownTo(step)).isEqualTo(Quantity.parse("-0.95", 2));
  }

  @Test
  void price_compareRoundAndSign() {
    Price p = Price.parse("100.10", 2);
    assertThat(p.compareTo(Price.parse("100.09", 2))).isPositive();
    assertThat(p.compareTo(Price.parse("100.11", 2))).isNegative();
    assertThat(p.compareTo(Price.parse("100.1", 2))).isZero();
    assertThatThrownBy(() -> p.compareTo(Price.parse("100.1", 1)))
        .hasMessageContaining("scale mismatch: 2 vs 1");
    assertThatThrownBy(() -> p.roundTo(Price.parse("0.5", 1)))
        .hasMessageContaining("scale mismatch");
    assertThat(Price.parse("100.125", 3).roundTo(Price.parse("0.050", 3)))
        .isEqualTo(Price.parse("100.100", 3));
    assertThat(Price.parse("100.075", 3).roundTo(Price.parse("0.050", 3)))
        .isEqualTo(Price.parse("100.100", 3));
    assertThat(new Price(1, 2).isPositive()).isTrue();
    assertThat(new Price(0, 2).isPositive()).isFalse();
    assertThat(new Price(-1, 2).isPositive()).isFalse();
  }

  @Test
  void price_conversionsAndText() {
    assertThat(Price.parse("62450.1", 1).toDouble()).isEqualTo(62450.1);
    assertThat(Price.of(0.125, 2)).isEqualTo(new Price(12, 2));
    assertThat(Price.parse("0.10", 2).toString()).isEqualTo("0.10");
    assertThatThrownBy(() -> new Price(1, -1)).hasMessageContaining("scale must be");
  }

  @Test
  void money_arithmeticIsExactAndChecked() {
    Money a = Money.parse("10.5");
    Money b = Money.parse("0.25");
    assertThat(a.plus(b)).isEqualTo(Money.parse("10.75"));
    assertThat(b.minus(a)).isEqualTo(Money.parse("-10.25"));
    assertThat(a.negate()).isEqualTo(Money.parse("-10.5"));
    assertThat(a.negate().abs()).isEqualTo(a);
    assertThat(a.abs()).isSameAs(a);
    assertThat(Money.ZERO.abs()).isEqualTo(Money.ZERO);
    assertThat(a.signum()).isEqualTo(1);
    assertThat(a.negate().signum()).isEqualTo(-1);
    assertThat(Money.ZERO.signum()).isZero();
    assertThatThrownBy(() -> new Money(Long.MAX_VALUE).plus(new Money(1)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> new Money(Long.MIN_VALUE).minus(new Money(1)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> new Money(Long.MIN_VALUE).negate())
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void money_compareConvertAndText() {
    assertThat(Money.parse("1").compareTo(Money.parse("2"))).isNegative();
    assertThat(Money.parse("2").compareTo(Money.parse("1"))).isPositive();
    assertThat(Money.parse("2").compareTo(Money.parse("2.00"))).isZero();
    assertThat(Money.parse("-12.5").toDouble()).isEqualTo(-12.5);
    assertThat(Money.parse("12.50").toString()).isEqualTo("12.5");
    assertThat(Money.of(new BigDecimal("0.123456785"))).isEqualTo(new Money(12_345_678));
    assertThat(Money.of(new BigDecimal("0.123456775"))).isEqualTo(new Money(12_345_678));
    assertThat(Money.of(1.5)).isEqualTo(new Money(150_000_000));
  }

  @Test
  void money_notionalOfPriceAndQuantityAtDifferentScales() {
    Money n = Money.notional(Price.parse("62450.1", 1), Quantity.parse("0.003", 3));
    assertThat(n).isEqualTo(Money.parse("187.3503"));
    Money tiny = Money.notional(Price.parse("0.00000123", 8), Quantity.parse("0.5", 1));
    assertThat(tiny).isEqualTo(new Money(62)); // 6.15e-7 -> 0.00000062 (half-even)
  }

  @Test
  void money_times_roundsHalfEvenBothPaths() {
    assertThat(Money.parse("100").times(0.0004)).isEqualTo(Money.parse("0.04"));
    assertThat(Money.parse("-100").times(0.0004)).isEqualTo(Money.parse("-0.04"));
    assertThat(new Money(5).times(0.5)).isEqualTo(new Money(2));
    assertThat(new Money(15).times(0.5)).isEqualTo(new Money(8));
    // past 2^52 units the double product is no longer exact: the decimal path keeps every unit
    long big = (1L << 53) + 1;
    assertThat(new Money(big).times(1.0)).isEqualTo(new Money(big));
    assertThat(new Money(-big).times(1.0)).isEqualTo(new Money(-big));
    assertThat(new Money(1_000_000_000_000_001L).times(0.5))
        .isEqualTo(new Money(500_000_000_000_000L));
    assertThat(new Money(4_000_000_000_000_001L).times(0.5))
        .isEqualTo(new Money(2_000_000_000_000_000L));
  }

  @Test
  void money_fraction_exactAndGuarded() {
    assertThat(Money.parse("10").fraction(1, 3)).isEqualTo(Money.parse("3.33333333"));
    assertThat(Money.parse("10").fraction(2, 3)).isEqualTo(Money.parse("6.66666667"));
    // raw x numerator overflows a long: the decimal path gives the exact answer
    assertThat(new Money(4_000_000_000_000_000_000L).fraction(3, 4))
        .isEqualTo(new Money(3_000_000_000_000_000_000L));
    assertThatThrownBy(() -> Money.parse("1").fraction(1, 0))
        .hasMessageContaining("zero denominator");
  }
}
