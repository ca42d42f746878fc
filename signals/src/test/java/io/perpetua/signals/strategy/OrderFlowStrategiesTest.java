package io.perpetua.signals.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.ArrayView;
import io.perpetua.signals.PanelMarketView;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code rev_x_inv_vpin} and {@code ofi_14d} ranking a constructed panel. */
class OrderFlowStrategiesTest {
  static PanelMarketView view(int n) {
    double[][] c = new double[n][];
    double[] v = new double[n];
    Arrays.fill(v, 1);
    for (int i = 0; i < n; i++) {
      c[i] = new double[] {1, 1};
    }
    return ArrayView.of(c, v);
  }

  static boolean[] all(int n) {
    boolean[] b = new boolean[n];
    Arrays.fill(b, true);
    return b;
  }

  @Test
  void revXInvVpin_modulatesTheReversalByInverseVpin_continuously() {
    CrossSectionalStrategy s =
        new InverseVpinReversalStrategy.Factory()
            .create(StrategyId.of("rev_x_inv_vpin"), "default", Map.of("long_n", 1, "short_n", 1));
    assertThat(s.requiredFeatures())
        .containsExactly("zscore_neg_ret_2h", "zscore_neg_ret_4h", "tick_vpin_24h");
    // reversal = mean of the two z-scores: 2.0, 1.5, 0, -1.0, -1.2, and NaN VPIN for the last
    double[] z2 = {2.0, 1.0, 0.5, -1.0, -1.4, 3.0};
    double[] z4 = {2.0, 2.0, -0.5, -1.0, -1.0, 3.0};
    double[] vpin = {0.8, 0.2, 0.5, 0.4, 0.8, Double.NaN};
    StrategyDecision d = s.decide(view(6), all(6), List.of(z2, z4, vpin));
    // 1/VPIN = 1.25, 5, 2, 2.5, 1.25 -> mean 2.4; s = rev × (1/VPIN) / 2.4
    assertThat(d.signal()[0]).isCloseTo(2.0 * 1.25 / 2.4, within(1e-12));
    assertThat(d.signal()[1]).isCloseTo(1.5 * 5 / 2.4, within(1e-12));
    assertThat(d.signal()[3]).isCloseTo(-1.0 * 2.5 / 2.4, within(1e-12));
    assertThat(d.signal()[4]).isCloseTo(-1.2 * 1.25 / 2.4, within(1e-12));
    assertThat(d.signal()[5]).isNaN(); // no VPIN: missing, not traded
    // the plain reversal would buy 0 and sell 4; calm flow makes it buy 1 and sell 3
    assertThat(d.weights()).containsExactly(0, 0.5, 0, -0.5, 0, 0);
    assertThat(d.signalCount()).isEqualTo(5);
  }

  @Test
  void revXInvVpin_rejectsAFeatureListWithoutVpin() {
    assertThatThrownBy(
            () ->
                new InverseVpinReversalStrategy.Factory()
                    .create(
                        StrategyId.of("x"),
                        "default",
                        Map.of("features", List.of("zscore_neg_ret_2h", "zscore_neg_ret_4h"))))
        .hasMessageContaining("VPIN");
  }

  static CrossSectionalStrategy ofi(int longN, int shortN, int minCandidates) {
    return new RankLongShortStrategy.Factory()
        .create(
            StrategyId.of("ofi_14d"),
            "t50_monthly",
            Map.of(
                "features", List.of("ofi_14d", "zscore_ofi_14d"),
                "feature_weights", List.of(0.0, 1.0),
                "long_n", longN,
                "short_n", shortN,
                "min_candidates", minCandidates));
  }

  @Test
  void ofi14d_goesLongTheHighestImbalance_andShortTheLowest() {
    int n = 8;
    double[] raw = {0.10, -0.20, 0.05, 0.30, -0.05, Double.NaN, 0.0, -0.10};
    double[] z = {0.5, -1.4, 0.2, 1.6, -0.3, Double.NaN, 0.0, -0.8};
    StrategyDecision d = ofi(2, 2, 5).decide(view(n), all(n), List.of(raw, z));
    assertThat(d.weights()).containsExactly(0.25, -0.25, 0, 0.25, 0, 0, 0, -0.25);
    assertThat(ofi(2, 2, 5).parameters()).containsEntry("min_candidates", 5);
  }

  @Test
  void ofi14d_withFewerCandidatesThanTheMinimum_holdsNothing() {
    int n = 8;
    double[] raw = {0.10, -0.20, Double.NaN, 0.30, Double.NaN, Double.NaN, 0.0, Double.NaN};
    double[] z = {0.5, -1.4, Double.NaN, 1.6, Double.NaN, Double.NaN, 0.0, Double.NaN};
    StrategyDecision d = ofi(2, 2, 5).decide(view(n), all(n), List.of(raw, z));
    assertThat(d.signalCount()).isEqualTo(4);
    assertThat(d.longCount() + d.shortCount()).isZero();
    assertThat(ofi(2, 2, 4).decide(view(n), all(n), List.of(raw, z)).longCount()).isEqualTo(2);
  }
}
