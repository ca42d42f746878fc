package io.perpetua.bench.macross;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TradeListTest {
  private static final List<String> SYMBOLS = List.of("A", "B");

  @Test
  void counts_entriesIncludeOpenPositions() {
    TradeList t = TradeList.builder(SYMBOLS).fill(0, 3).fill(0, 9).fill(1, 4).build();
    assertThat(t.entries()).isEqualTo(2);
    assertThat(t.fillCount()).isEqualTo(3);
    assertThat(t.fills(0)).containsExactly(3, 9);
  }

  @Test
  void firstDifference_namesSymbolFillAndBars() {
    TradeList a = TradeList.builder(SYMBOLS).fill(0, 3).fill(1, 4).fill(1, 8).build();
    TradeList b = TradeList.builder(SYMBOLS).fill(0, 3).fill(1, 4).fill(1, 9).build();
    assertThat(a.firstDifference(a)).isEmpty();
    assertThat(a.firstDifference(b)).contains("B: fill #1 at bar 8 vs 9 (2 vs 2 fills)");
    assertThat(a.symbolsDiffering(b)).isEqualTo(1);
    assertThat(a)
        .isNotEqualTo(b)
        .isEqualTo(TradeList.builder(SYMBOLS).fill(0, 3).fill(1, 4).fill(1, 8).build());
  }

  @Test
  void builder_refusesFillsOutOfOrder() {
    TradeList.Builder b = TradeList.builder(SYMBOLS).fill(0, 5);
    assertThatThrownBy(() -> b.fill(0, 5)).hasMessageContaining("A: fill at bar 5 after one at 5");
  }
}
