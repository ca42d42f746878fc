package io.perpetua.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlPriceTest {
  @Test
  void smallPrices_keepSixSignificantDigits() {
    assertThat(Html.price(0.00001234)).isEqualTo("0.0000123400");
    assertThat(Html.price(0.5123456)).isEqualTo("0.512346");
    assertThat(Html.price(62450.5)).isEqualTo("62,450.50");
    assertThat(Html.price(Double.NaN)).isEqualTo(Html.NOT_AVAILABLE);
  }
}
