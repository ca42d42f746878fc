package io.perpetua.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The edges of {@link FixedPoint}: scale limits, range checks, rounding ties and product paths. */
class FixedPointBoundaryTest {
  @Test
  void checkScale_acceptsZeroToMax_andReturnsIt() {
    assertThat(FixedPoint.checkScale(0)).isZero();
    assertThat(FixedPoint.checkScale(7)).isEqualTo(7);
    assertThat(FixedPoint.checkScale(FixedPoint.MAX_SCALE)).isEqualTo(12);
    assertThatThrownBy(() -> FixedPoint.checkScale(-1)).hasMessageContaining("was -1");
    assertThatThrownBy(() -> FixedPoint.checkScale(13)).hasMessageContaining("scale must be 0..12");
  }

  @Test
  void pow10_isExact() {
    assertThat(FixedPoint.pow10(0)).isEqualTo(1L);
    assertThat(FixedPoint.pow10(8)).isEqualTo(100_000_000L);
    assertThat(FixedPoint.pow10(18)).isEqualTo(1_000_000_000_000_000_000L);
  }

  @Test
  void rawOfDouble_outOfRange_throwsInsteadOfSaturating() {
    // (long) 1e20 would silently be Long.MAX_VALUE; the conversion must refuse it
    assertThatThrownBy(() -> FixedPoint.rawOf(1e20, 0))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> FixedPoint.rawOf(-1e20, 0)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Money.of(1e11)).isInstanceOf(ArithmeticException.class);
    // the limit is 9e18 raw units, inclusive
    assertThatThrownBy(() -> FixedPoint.rawOf(9.0e18, 0)).isInstanceOf(ArithmeticException.class);
    assertThat(FixedPoint.rawOf(8.9e18, 0)).isEqualTo(8_900_000_000_000_000_000L);
    assertThatThrownBy(() -> FixedPoint.rawOf(Double.POSITIVE_INFINITY, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rawOfDouble_roundsHalfEvenAtScale() {
    assertThat(FixedPoint.rawOf(1.25, 1)).isEqualTo(12);
    assertThat(FixedPoint.rawOf(1.35, 1)).isEqualTo(14);
    assertThat(FixedPoint.rawOf(-2.5, 0)).isEqualTo(-2);
  }

  @Test
  void rawOfString_trimsAndRejectsOverflow() {
    assertThat(FixedPoint.rawOf(" 1.5 ", 2)).isEqualTo(150);
    assertThatThrownBy(() -> FixedPoint.rawOf("100000000000", 8))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("does not fit scale 8");
  }

  @Test
  void rescale_upDownAndSame() {
    assertThat(FixedPoint.rescale(123, 2, 2)).isEqualTo(123);
    assertThat(FixedPoint.rescale(123, 2, 4)).isEqualTo(12_300);
    assertThat(FixedPoint.rescale(12_350, 4, 2)).isEqualTo(124);
    assertThat(FixedPoint.rescale(12_250, 4, 2)).isEqualTo(122);
    assertThatThrownBy(() -> FixedPoint.rescale(Long.MAX_VALUE / 10, 0, 2))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void divideRoundHalfEven_signsAndTies() {
    assertThat(FixedPoint.divideRoundHalfEven(26, 10)).isEqualTo(3);
    assertThat(FixedPoint.divideRoundHalfEven(24, 10)).isEqualTo(2);
    assertThat(FixedPoint.divideRoundHalfEven(15, 10)).isEqualTo(2);
    assertThat(FixedPoint.divideRoundHalfEven(25, -10)).isEqualTo(-2);
    assertThat(FixedPoint.divideRoundHalfEven(35, -10)).isEqualTo(-4);
    assertThat(FixedPoint.divideRoundHalfEven(-35, -10)).isEqualTo(4);
    assertThat(FixedPoint.divideRoundHalfEven(-36, 10)).isEqualTo(-4);
    assertThat(FixedPoint.divideRoundHalfEven(0, 7)).isZero();
  }

  @Test
  void multiply_fastPathRescalesToOutScale() {
    // 1.5 (scale 1) x 2.25 (scale 2) = 3.375 -> 3.38 at scale 2 (half-even on 7.5 -> 8)
    assertThat(FixedPoint.multiply(15, 1, 225, 2, 2)).isEqualTo(338);
    assertThat(FixedPoint.multiply(15, 1, 225, 2, 5)).isEqualTo(337_500);
    assertThat(FixedPoint.multiply(-15, 1, 225, 2, 2)).isEqualTo(-338);
    assertThat(FixedPoint.multiply(0, 3, 225, 2, 2)).isZero();
  }

  @Test
  void multiply_productScaleAbove18_isExact() {
    // 1.0 at scale 12 squared: product scale 24, out scale 0 -> 1
    assertThat(FixedPoint.multiply(1_000_000_000_000L, 12, 1_000_000_000_000L, 12, 0)).isEqualTo(1);
    assertThat(FixedPoint.multiply(2, 10, 3, 10, 20)).isEqualTo(6);
    // 6e-20 at scale 0 is 0; 10^20 is beyond the long range of powers of ten
    assertThat(FixedPoint.multiply(2, 10, 3, 10, 0)).isZero();
  }

  @Test
  void multiply_productOfExactlyMinus2To64_isOutOfRange() {
    // high word -1, low word 0: must not be read as a small negative number
    assertThatThrownBy(() -> FixedPoint.multiply(-(1L << 32), 0, 1L << 32, 0, 0))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> FixedPoint.multiply(1L << 32, 0, 1L << 32, 0, 0))
        .isInstanceOf(ArithmeticException.class);
    // a product just inside the range keeps its sign on the fast path
    assertThat(FixedPoint.multiply(-(1L << 31), 0, 1L << 31, 0, 0)).isEqualTo(-(1L << 62));
  }

  @Test
  void toDoubleAndBigDecimal_divideByScale() {
    assertThat(FixedPoint.toDouble(12_345, 2)).isEqualTo(123.45);
    assertThat(FixedPoint.toBigDecimal(12_345, 3).toPlainString()).isEqualTo("12.345");
  }
}
