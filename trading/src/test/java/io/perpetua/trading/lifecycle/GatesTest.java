package io.perpetua.trading.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The canary gates on hand-computed values. */
class GatesTest {
  private static final GateConfig CONFIG = new GateConfig(0.10, 0.10, 0.05, 0.05, 5.0, 4, 4);

  @Test
  void annualisedReturnAndDrawdown_handComputed() {
    // NAV 1 -> 1.10 -> 0.99 -> 1.089: peak 1.10, trough 0.99: MDD = 0.11 / 1.10 = 0.1
    double[] r = {0.10, -0.10, 0.10};
    assertThat(Gates.maxDrawdown(r)).isCloseTo(0.1, within(1e-12));
    // (1.089)^(365/3) - 1
    assertThat(Gates.annualisedReturn(r))
        .isCloseTo(Math.pow(1.089, 365.0 / 3) - 1, within(1e-6 * Math.pow(1.089, 365.0 / 3)));
    assertThat(Gates.annualisedReturn(new double[] {0.001, 0.001}))
        .isCloseTo(Math.pow(1.001, 365) - 1, within(1e-12));
  }

  @Test
  void tooFewTradesOrDays_decideNothing() {
    double[] live = {0.01, 0.01, 0.01, 0.01};
    GateReport fewTrades = Gates.evaluate(CONFIG, new CanaryEvidence(live, live, 0, 0, 3));
    assertThat(fewTrades.outcome()).isEqualTo(GateReport.INSUFFICIENT);
    GateReport fewDays =
        Gates.evaluate(CONFIG, new CanaryEvidence(Arrays.copyOf(live, 3), live, 0, 0, 10));
    assertThat(fewDays.outcome()).isEqualTo(GateReport.INSUFFICIENT);
    assertThat(fewDays.breaches()).extracting(GateReport.Gate::name).containsExactly("min_days");
  }

  @Test
  void allGatesPass_onLiveReturnsLikeTheBacktest() {
    double[] live = {0.004, -0.002, 0.003, 0.001, -0.001, 0.002};
    double[] backtest = {0.003, -0.001, 0.002, 0.001, -0.002, 0.004, 0.0, 0.002};
    GateReport r = Gates.evaluate(CONFIG, new CanaryEvidence(live, backtest, 6.0, 2.0, 12));
    assertThat(r.outcome()).isEqualTo(GateReport.PASS);
    assertThat(r.evidence()).containsEntry("outcome", "pass").doesNotContainKey("breaches");
  }

  @Test
  void eachGate_breachesOnItsOwn() {
    double[] good = {0.004, -0.002, 0.003, 0.001, -0.001, 0.002};
    double[] backtest = {0.003, -0.001, 0.002, 0.001, -0.002, 0.004, 0.0, 0.002};
    // slippage 8 bps over an assumed 2: excess 6 > band 5
    assertThat(breaches(new CanaryEvidence(good, backtest, 8.0, 2.0, 12)))
        .containsExactly("slippage_excess_bps");
    // a 6 % fall from the peak: MDD 0.06 > 0.05, the rest recovers (return positive)
    double[] falling = {0.01, -0.06, 0.03, 0.03, 0.03, 0.03};
    assertThat(breaches(new CanaryEvidence(falling, falling, 0, 0, 12)))
        .containsExactly("max_drawdown");
    // flat: annualised 0 < 0.10
    double[] flat = {0, 0, 0, 0};
    assertThat(breaches(new CanaryEvidence(flat, flat, 0, 0, 12)))
        .containsExactly("annualised_return");
    // live all above every backtest value: D = 1, p = Q_KS(sqrt(6*8/14)) = 0.0036 < 0.05
    double[] high = {0.02, 0.021, 0.022, 0.019, 0.02, 0.018};
    double[] low = {0.001, 0.002, 0.0, 0.001, 0.003, 0.002, 0.001, 0.0};
    GateReport ks = Gates.evaluate(CONFIG, new CanaryEvidence(high, low, 0, 0, 12));
    assertThat(ks.breaches()).extracting(GateReport.Gate::name).containsExactly("ks_p_value");
    assertThat(ks.gates().stream().filter(g -> g.name().equals("ks_p_value")).findFirst())
        .get()
        .extracting(GateReport.Gate::value)
        .satisfies(
            p ->
                assertThat((double) p)
                    .isCloseTo(
                        KolmogorovSmirnov.kolmogorovSurvival(Math.sqrt(48.0 / 14)), within(1e-15)));
  }

  private static java.util.List<String> breaches(CanaryEvidence e) {
    GateReport r = Gates.evaluate(CONFIG, e);
    assertThat(r.outcome()).isEqualTo(GateReport.BREACH);
    return r.breaches().stream().map(GateReport.Gate::name).toList();
  }
}
