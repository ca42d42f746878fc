package io.perpetua.market.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DecimalsTest {
  static double parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return Decimals.parseDouble(b, 0, b.length);
  }

  @Property
  void parseDouble_anyDoubleToString_equalsJdk(@ForAll double value) {
    String s = Double.toString(value);
    if (Double.isFinite(value)) {
      assertThat(Double.doubleToRawLongBits(parse(s)))
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
    } else {
      assertThat(parse(s)).isNaN();
    }
  }

  @Property
  void parseDouble_decimalStrings_equalJdk(
      @ForAll @LongRange(min = 0, max = 999_999_999_999_999_999L) long digits,
      @ForAll @IntRange(min = 0, max = 18) int decimals,
      @ForAll boolean negative) {
    String d = Long.toString(digits);
    String s = decimals >= d.length() ? "0." + "0".repeat(decimals - d.length()) + d : d;
    if (decimals > 0 && decimals < d.length()) {
      s = d.substring(0, d.length() - decimals) + "." + d.substring(d.length() - decimals);
    }
    s = (negative ? "-" : "") + s;
    assertThat(parse(s)).isEqualTo(Double.parseDouble(s));
  }

  @Test
  void parseDouble_formsOfTheData_areParsed() {
    assertThat(parse("2.6e-05")).isEqualTo(2.6e-05);
    assertThat(parse("0.00012359")).isEqualTo(0.00012359);
    assertThat(parse("5.4252355269552e-05")).isEqualTo(5.4252355269552e-05);
    assertThat(parse("0.000658153991747989")).isEqualTo(0.000658153991747989);
    assertThat(parse("29813.0")).isEqualTo(29813.0);
    assertThat(parse("+1.")).isEqualTo(1.0);
    assertThat(parse(".5")).isEqualTo(0.5);
    assertThat(parse("1E3")).isEqualTo(1000.0);
  }

  @Test
  void parseDouble_nonDecimals_areNaN() {
    for (String s : new String[] {"", "-", ".", "abc", "1.2.3", "1e", "NaN", "Infinity", "0x10"}) {
      assertThat(parse(s)).as(s).isNaN();
    }
  }

  @Test
  void parseLong_validatesDigits() {
    byte[] b = "-1653465600000".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(Decimals.parseLong(b, 0, b.length)).isEqualTo(-1653465600000L);
    byte[] bad = "16534656000x0".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(Decimals.parseLong(bad, 0, bad.length)).isEqualTo(Long.MIN_VALUE);
    assertThat(Decimals.parseLong(bad, 0, 0)).isEqualTo(Long.MIN_VALUE);
  }
}
