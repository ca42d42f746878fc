package io.perpetua.signals.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.ArrayView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridStrategyTest {
  private final GridStrategy grid =
      new GridStrategy(StrategyId.of("g"), "all", 8, 72_000, 60_000, 1.0);

  @Test
  void heldFraction_oneSlicePerLevelAbovePrice() {
    assertThat(grid.heldFraction(75_000)).isZero();
    assertThat(grid.heldFraction(72_000)).isZero();
    assertThat(grid.heldFraction(71_000)).isEqualTo(1.0 / 8); // below the top level only
    assertThat(grid.heldFraction(66_000)).isEqualTo(4.0 / 8); // exactly on a level
    assertThat(grid.heldFraction(65_999)).isEqualTo(5.0 / 8);
    assertThat(grid.heldFraction(60_000)).isEqualTo(1.0);
    assertThat(grid.heldFraction(50_000)).isEqualTo(1.0);
  }

  @Test
  void decide_splitsCapitalAcrossPoolMembers() {
    var view = ArrayView.of(new double[][] {{70_000, 66_000}, {1, 61_000}}, new double[] {1, 1});
    StrategyDecision d = grid.decide(view, new boolean[] {true, true}, List.of());
    assertThat(d.weights()[0]).isCloseTo(0.5 * 4 / 8, within(1e-12));
    assertThat(d.weights()[1]).isCloseTo(0.5 * 8 / 8, within(1e-12));
  }

  @Test
  void factory_acceptsDecimalStrings_andNamesBadParameters() {
    var f = new GridStrategy.Factory();
    var s =
        f.create(
            StrategyId.of("tpl_grid"),
            "all",
            Map.of("grid_levels", 8, "upper_price", "72000", "lower_price", "60000"));
    assertThat(s.parameters()).containsEntry("upper_price", 72_000.0);
    assertThatThrownBy(
            () ->
                f.create(StrategyId.of("g"), "all", Map.of("upper_price", "1", "lower_price", "2")))
        .hasMessageContaining("upper_price");
    assertThatThrownBy(() -> f.create(StrategyId.of("g"), "all", Map.of("lower_price", "2")))
        .hasMessageContaining("upper_price is required");
    assertThatThrownBy(
            () ->
                f.create(
                    StrategyId.of("g"),
                    "all",
                    Map.of("upper_price", "3", "lower_price", "2", "levels", 3)))
        .hasMessageContaining("unknown parameter levels");
    assertThatThrownBy(
            () ->
                f.create(
                    StrategyId.of("g"), "all", Map.of("upper_price", "abc", "lower_price", "2")))
        .hasMessageContaining("upper_price must be a number");
  }
}
