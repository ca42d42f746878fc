package io.perpetua.trading.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.signals.flow.FlowEvaluation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelTrackerTest {
  private static final double FEE = 0.001;

  private static List<LabelEvent> run(int sign, double[][] path) {
    var cfg = FlowFixtures.config();
    FlowEvaluation e = FlowFixtures.signal(cfg, 0, 100, 1, sign);
    var tracker = new LabelTracker(FEE);
    tracker.track(e, "t", 1.5);
    List<LabelEvent> out = new ArrayList<>();
    for (double[] p : path) {
      tracker.onTrade(FlowFixtures.BTC, (long) p[0], p[1], out::add);
    }
    return out;
  }

  @Test
  void upTwoAtrBeforeDownOneAtr_isOne_withHorizonReturnsAndExcursions() {
    List<LabelEvent> out =
        run(
            1,
            new double[][] {
              {1_000, 100.5}, {600_000, 99.2}, {899_000, 101}, {900_000, 101.5},
              {1_200_000, 102.1}, {1_800_000, 101}, {3_599_000, 100.2}, {3_600_000, 90},
              {3_601_000, 90}, {3_602_000, 90}
            });
    assertThat(out).hasSize(1);
    LabelEvent l = out.get(0);
    assertThat(l.yBinary60m()).isEqualTo(1);
    assertThat(l.netReturn15m()).isCloseTo(0.01 - FEE, within(1e-12));
    assertThat(l.netReturn30m()).isCloseTo(0.021 - FEE, within(1e-12));
    assertThat(l.netReturn60m()).isCloseTo(0.002 - FEE, within(1e-12));
    assertThat(l.mfeR()).isCloseTo(2.1 / 1.5, within(1e-9));
    assertThat(l.maeR()).isCloseTo(0.8 / 1.5, within(1e-9));
    assertThat(l.atr()).isEqualTo(1);
  }

  @Test
  void downOneAtrFirst_isZero_evenIfUpTwoAtrLater_andShortsMirror() {
    assertThat(
            run(
                1,
                new double[][] {{1_000, 98.9}, {2_000, 102.5}, {3_700_000, 100}, {3_701_000, 100}}))
        .singleElement()
        .extracting(LabelEvent::yBinary60m)
        .isEqualTo(0);
    assertThat(
            run(
                -1,
                new double[][] {{1_000, 97.9}, {2_000, 101.5}, {3_700_000, 100}, {3_701_000, 100}}))
        .singleElement()
        .extracting(LabelEvent::yBinary60m)
        .isEqualTo(1);
    // both levels inside one second: conservative 0
    assertThat(
            run(
                1,
                new double[][] {
                  {1_000, 102.5}, {1_500, 98.5}, {2_000, 100}, {3_700_000, 1}, {3_701_000, 1}
                }))
        .singleElement()
        .extracting(LabelEvent::yBinary60m)
        .isEqualTo(0);
  }

  @Test
  void snapshotRestore_keepsProgress() {
    var cfg = FlowFixtures.config();
    var a = new LabelTracker(FEE);
    a.track(FlowFixtures.signal(cfg, 0, 100, 1, 1), "t", 1.5);
    List<LabelEvent> outA = new ArrayList<>();
    a.onTrade(FlowFixtures.BTC, 1_000, 102.5, outA::add);
    a.onTrade(FlowFixtures.BTC, 1_200, 102.6, outA::add);
    var b = new LabelTracker(FEE);
    b.restore(a.snapshot(), a.bars());
    List<LabelEvent> outB = new ArrayList<>();
    for (LabelTracker t : List.of(a, b)) {
      List<LabelEvent> sink = t == a ? outA : outB;
      t.onTrade(FlowFixtures.BTC, 2_000, 98, sink::add);
      t.onTrade(FlowFixtures.BTC, 3_600_000, 99, sink::add);
      t.onTrade(FlowFixtures.BTC, 3_601_000, 99, sink::add);
    }
    assertThat(outB).isEqualTo(outA).hasSize(1);
    assertThat(outA.get(0).yBinary60m()).isEqualTo(1);
  }
}
