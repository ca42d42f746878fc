package io.perpetua.signals.strategy.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.strategy.RankLongShortStrategy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamSpaceTest {
  private static final Map<String, Object> BASELINE =
      Map.of("features", List.of("zscore_neg_ret_2h", "zscore_neg_ret_4h"));

  @Test
  void integer_mapsTheUnitIntervalOntoItsStepGrid_andBack() {
    ParamSpec p = ParamSpec.integer("long_n", 0, 100, 10, 50, 10, 30);
    assertThat(p.levels()).isEqualTo(5);
    assertThat(p.value(0.0)).isEqualTo(10);
    assertThat(p.value(0.39)).isEqualTo(20);
    assertThat(p.value(1.0)).isEqualTo(50);
    assertThat(p.value(p.unit(40))).isEqualTo(40);
  }

  @Test
  void logFloat_isUniformInTheLogarithm() {
    ParamSpec p = ParamSpec.logReal("lr", 1e-6, 1, 1e-4, 1e-2, 1e-3);
    assertThat((double) p.value(0.5)).isCloseTo(1e-3, within(1e-12));
    assertThat(p.unit(1e-3)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void categorical_picksChoicesByCell() {
    ParamSpec p = ParamSpec.categorical("mode", List.of("a", "b", "c"), "a");
    assertThat(p.value(0.1)).isEqualTo("a");
    assertThat(p.value(0.5)).isEqualTo("b");
    assertThat(p.value(0.99)).isEqualTo("c");
    assertThatThrownBy(() -> p.check("z")).hasMessageContaining("parameter mode must be one of");
  }

  @Test
  void narrowed_rejectsReversedBounds_nonPositiveStep_andValuesOutsideTheDeclaration() {
    ParamSpec p = ParamSpec.integer("long_n", 0, 10_000, 1, 60, 1, 30);
    assertThatThrownBy(() -> p.narrowed(50, 10, null))
        .hasMessageContaining("long_n: bounds reversed");
    assertThatThrownBy(() -> p.narrowed(10, 50, 0.0))
        .hasMessageContaining("long_n.step: must be > 0");
    assertThatThrownBy(() -> p.narrowed(10, 50, -1.0)).hasMessageContaining("long_n.step");
    assertThatThrownBy(() -> p.narrowed(-5, 50, 1.0)).hasMessageContaining("outside the accepted");
    assertThat(p.narrowed(10, 50, 5.0).levels()).isEqualTo(9);
  }

  @Test
  void space_unknownName_listsTheDeclaredOnes() {
    ParamSpace s = new RankLongShortStrategy.Factory().space(BASELINE);
    assertThatThrownBy(() -> s.spec("lookback"))
        .hasMessageContaining("unknown parameter lookback")
        .hasMessageContaining("long_n");
  }

  @Test
  void baselineRev_declaresCountsExposureAndOneWeightPerFeature() {
    ParamSpace s = new RankLongShortStrategy.Factory().space(BASELINE);
    assertThat(s.names())
        .containsExactly(
            "long_n",
            "short_n",
            "gross_exposure",
            "weight_zscore_neg_ret_2h",
            "weight_zscore_neg_ret_4h");
    assertThat(s.values(new double[] {0, 1, 0.5, 0, 1}))
        .containsEntry("long_n", 1)
        .containsEntry("short_n", 60)
        .containsEntry("weight_zscore_neg_ret_4h", 1.0);
  }

  @Test
  void factory_acceptsTheDeclaredWeights_andChecksThemAgainstTheDeclaration() {
    var factory = new RankLongShortStrategy.Factory();
    Map<String, Object> p =
        Map.of(
            "features",
            BASELINE.get("features"),
            "weight_zscore_neg_ret_2h",
            0.25,
            "weight_zscore_neg_ret_4h",
            0.75);
    var strategy = factory.create(StrategyId.of("baseline_rev"), "default", p);
    assertThat(strategy.parameters().get("feature_weights")).isEqualTo(List.of(0.25, 0.75));
    Map<String, Object> bad =
        Map.of("features", BASELINE.get("features"), "weight_zscore_neg_ret_2h", 11);
    assertThatThrownBy(() -> factory.create(StrategyId.of("baseline_rev"), "default", bad))
        .hasMessageContaining("parameter weight_zscore_neg_ret_2h must be in -10..10");
  }
}
