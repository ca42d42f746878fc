package io.perpetua.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.order.OrderSide;
import org.junit.jupiter.api.Test;

class WireCodeTest {
  @Test
  void parse_knownCode_anyCaseAndPadding() {
    assertThat(WireCode.parse(OrderSide.class, "side", " BUY ")).isEqualTo(OrderSide.BUY);
  }

  @Test
  void parse_unknownCode_namesTheFieldAndTheAcceptedValues_quotingAtMostTheEchoCut() {
    String huge = "x".repeat(100_000);
    assertThatThrownBy(() -> WireCode.parse(OrderSide.class, "direction", huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid direction '" + "x".repeat(Echo.MAX) + "...'")
        .hasMessageContaining("expected one of buy, sell")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(Echo.MAX + 80));
  }
}
