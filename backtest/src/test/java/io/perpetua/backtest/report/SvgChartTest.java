package io.perpetua.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SvgChartTest {
  @Test
  void downsample_keepsEndsAndExtremes() {
    double[] v = new double[100_000];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.sin(i / 1000.0);
    }
    v[54_321] = -50; // a one-point crash must survive
    v[77_777] = 50;
    int[] idx = SvgChart.downsample(v);
    assertThat(idx.length).isLessThanOrEqualTo(SvgChart.MAX_POINTS);
    assertThat(idx[0]).isZero();
    assertThat(idx[idx.length - 1]).isEqualTo(v.length - 1);
    assertThat(idx).contains(54_321, 77_777);
    for (int i = 1; i < idx.length; i++) {
      assertThat(idx[i]).isGreaterThan(idx[i - 1]);
    }
  }

  @Test
  void downsample_shortSeries_keepsAll() {
    assertThat(SvgChart.downsample(new double[] {3, 1, 2})).containsExactly(0, 1, 2);
  }

  @Test
  void timeSeries_noFiniteValue_saysNoData() {
    String svg =
        SvgChart.timeSeries(
            "t", new long[] {0, 1}, new double[] {Double.NaN, Double.NaN}, false, false, "#000");
    assertThat(svg).contains("no data").endsWith("</svg>");
  }

  @Test
  void timeSeries_constantSeries_drawsAFlatLine() {
    String svg =
        SvgChart.timeSeries(
            "t", new long[] {0, 1000, 2000}, new double[] {5, 5, 5}, false, false, "#000");
    assertThat(svg)
        .contains("<path class=\"line\"")
        .doesNotContain("NaN")
        .doesNotContain("Infinity");
  }

  @Test
  void bars_escapesLabels() {
    String svg = SvgChart.bars("<b>", new String[] {"a<b"}, new double[] {-3});
    assertThat(svg).contains("a&lt;b").contains("&lt;b&gt;").doesNotContain("<b>");
    assertThat(svg).contains("fill=\"#dc2626\"");
  }
}
