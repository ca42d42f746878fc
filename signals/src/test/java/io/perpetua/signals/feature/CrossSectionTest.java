package io.perpetua.signals.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.signals.ArrayView;
import io.perpetua.signals.PanelMarketView;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CrossSectionTest {
  @Test
  void zscore_handComputed_sampleStdDev() {
    double[] x = {1, 2, 3, Double.NaN, 6};
    boolean[] mask = {true, true, true, true, true};
    double[] out = new double[5];
    int valid = CrossSection.zscore(x, mask, 5, out);
    // mean 3, sample sd sqrt((4+1+0+9)/3) = sqrt(14/3)
    double sd = Math.sqrt(14.0 / 3.0);
    assertThat(valid).isEqualTo(4);
    assertThat(out[0]).isCloseTo(-2 / sd, within(1e-12));
    assertThat(out[2]).isCloseTo(0.0, within(1e-12));
    assertThat(out[3]).isNaN();
    assertThat(out[4]).isCloseTo(3 / sd, within(1e-12));
  }

  @Test
  void zscore_maskedEntriesAreExcludedAndNaN() {
    double[] out = new double[3];
    CrossSection.zscore(new double[] {1, 100, 3}, new boolean[] {true, false, true}, 3, out);
    assertThat(out[1]).isNaN();
    assertThat(out[0]).isCloseTo(-Math.sqrt(0.5), within(1e-12));
  }

  @Property
  void zscore_hasZeroMeanAndUnitSampleVariance(
      @ForAll @Size(min = 3, max = 50)
          java.util.List<@DoubleRange(min = -1e3, max = 1e3) Double> xs) {
    int n = xs.size();
    double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
    boolean[] mask = new boolean[n];
    java.util.Arrays.fill(mask, true);
    double[] out = new double[n];
    CrossSection.zscore(x, mask, n, out);
    double mean = java.util.Arrays.stream(out).average().orElseThrow();
    double var = java.util.Arrays.stream(out).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
    assertThat(mean).isCloseTo(0.0, within(1e-9));
    boolean constant = java.util.Arrays.stream(x).distinct().count() == 1;
    assertThat(var).isCloseTo(constant ? 0.0 : 1.0, within(1e-6));
  }

  @Test
  void negRet2h_isZScoreOfMinusTwoBarReturn() {
    // three instruments, hourly: returns over 2 bars are +10%, 0%, -10%
    PanelMarketView v =
        ArrayView.of(
            new double[][] {{100, 105, 110}, {50, 51, 50}, {10, 9.5, 9}}, new double[] {1, 1, 1});
    CrossSectionalFeature f = new FeatureRegistry().resolve("zscore_neg_ret_2h");
    double[] out = new double[3];
    f.compute(v, new boolean[] {true, true, true}, new double[3], out);
    assertThat(out[0]).isCloseTo(-1.0, within(1e-9));
    assertThat(out[1]).isCloseTo(0.0, within(1e-9));
    assertThat(out[2]).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void resolve_unknownFeature_listsTheForms() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new FeatureRegistry().resolve("rsi_14"))
        .hasMessageContaining("unknown feature 'rsi_14'")
        .hasMessageContaining("zscore_neg_ret_<N>h");
  }
}
