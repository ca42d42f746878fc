package io.perpetua.signals.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.ArrayView;
import io.perpetua.signals.PanelMarketView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankLongShortStrategyTest {
  private static RankLongShortStrategy strategy(int longN, int shortN) {
    return new RankLongShortStrategy(
        StrategyId.of("t"), "default", List.of("f"), new double[] {1.0}, longN, shortN, 1.0);
  }

  private static PanelMarketView view(int n) {
    double[][] c = new double[n][2];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = new double[] {1, 1};
      v[i] = 1;
    }
    return ArrayView.of(c, v);
  }

  @Test
  void decide_topLongBottomShort_equalWeightGrossOne() {
    double[] f = {0.5, -2.0, 3.0, 0.1, -0.3, 1.0};
    boolean[] pool = {true, true, true, true, true, true};
    StrategyDecision d = strategy(2, 2).decide(view(6), pool, List.of(f));
    assertThat(d.weights()).containsExactly(0, -0.25, 0.25, 0, -0.25, 0.25);
    assertThat(d.longCount()).isEqualTo(2);
    assertThat(d.shortCount()).isEqualTo(2);
    assertThat(d.poolSize()).isEqualTo(6);
  }

  @Test
  void decide_tooFewSignals_shrinksBothSidesWithoutOverlap() {
    double[] f = {1, 2, 3, Double.NaN};
    StrategyDecision d =
        strategy(30, 30).decide(view(4), new boolean[] {true, true, true, true}, List.of(f));
    assertThat(d.longCount()).isEqualTo(1);
    assertThat(d.shortCount()).isEqualTo(1);
    assertThat(d.weights()[1]).isZero();
    assertThat(d.weights()[3]).isZero();
  }

  @Test
  void decide_outOfPool_neverSelected() {
    double[] f = {9, 1, 0, -9};
    StrategyDecision d =
        strategy(1, 1).decide(view(4), new boolean[] {false, true, true, false}, List.of(f));
    assertThat(d.weights()).containsExactly(0, 0.5, -0.5, 0);
    assertThat(d.signal()[0]).isNaN();
  }

  @Test
  void factory_validatesParametersByName() {
    var factory = new RankLongShortStrategy.Factory();
    assertThatThrownBy(
            () ->
                factory.create(
                    StrategyId.of("x"), "default", Map.of("features", List.of("a"), "long_n", -1)))
        .hasMessageContaining("long_n");
    assertThatThrownBy(() -> factory.create(StrategyId.of("x"), "default", Map.of("long_n", 3)))
        .hasMessageContaining("features");
    assertThatThrownBy(
            () ->
                factory.create(
                    StrategyId.of("x"),
                    "default",
                    Map.of("features", List.of("a", "b"), "feature_weights", List.of(1.0))))
        .hasMessageContaining("feature_weights");
    assertThatThrownBy(
            () ->
                factory.create(
                    StrategyId.of("x"), "default", Map.of("features", List.of("a"), "longn", 3)))
        .hasMessageContaining("unknown parameter longn");
  }
}
