package io.perpetua.trading.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.signals.flow.FlowFamily;
import io.perpetua.signals.flow.FlowInputs;
import io.perpetua.signals.flow.FlowTier;
import io.perpetua.trading.flow.FeatureEvent;
import io.perpetua.trading.flow.LabelEvent;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LabelledSignalTest {
  private static final StrategyId S = StrategyId.of("factory-1");

  private static FlowEvaluation evaluation(long t, boolean gated) {
    Map<String, Double> f =
        gated
            ? Map.of(
                "direction.resonance",
                30.0,
                "direction.p99",
                20.0,
                "direction.acceleration",
                5.0,
                "crowding.long_short",
                10.0,
                "crowding.top_traders",
                5.0,
                "environment.oi",
                15.0,
                "auxiliary.premium",
                2.0)
            : Map.of("score", 0.0);
    return new FlowEvaluation(
        S,
        "1",
        "h",
        FlowFamily.FACTORY,
        LearnFixtures.BTC,
        t,
        gated ? 80 : 0,
        FlowDirection.LONG,
        FlowTier.NONE,
        gated,
        gated ? FlowEvaluation.BELOW_ENTRY : "whale",
        f,
        FlowInputs.builder().price(100).atr(2).build());
  }

  private static LabelEvent label(FlowEvaluation e, double ret60, double maeR) {
    return new LabelEvent(
        FeatureEvent.idOf(e),
        S,
        "1",
        "h",
        "i",
        LearnFixtures.BTC,
        e.timeMs(),
        FlowDirection.LONG,
        100,
        2,
        0,
        0,
        ret60,
        0,
        0.5,
        maeR);
  }

  @Test
  void joinsGatedEvaluationsWithTheirLabelsIntoOutcomesInR() {
    FlowEvaluation a = evaluation(1_000, true);
    FlowEvaluation stopped = evaluation(2_000, true);
    FlowEvaluation blocked = evaluation(3_000, false);
    FlowEvaluation unlabelled = evaluation(4_000, true);

    List<LabelledSignal> out =
        LabelledSignal.join(
            List.of(unlabelled, blocked, stopped, a),
            List.of(label(a, 0.03, 0.2), label(stopped, 0.01, 1.0), label(blocked, 0.05, 0)),
            1.5);

    assertThat(out).extracting(LabelledSignal::timeMs).containsExactly(1_000L, 2_000L);
    LabelledSignal first = out.get(0);
    assertThat(first.direction()).isEqualTo(55);
    assertThat(first.crowding()).isEqualTo(15);
    assertThat(first.environment()).isEqualTo(15);
    assertThat(first.auxiliary()).isEqualTo(2);
    // +3 % of 100 = 3.0 in price; 1 R = 1.5 × ATR 2 = 3.0 → +1 R
    assertThat(first.outcomeR()).isCloseTo(1.0, Offset.offset(1e-12));
    assertThat(out.get(1).outcomeR()).isEqualTo(-1); // the adverse excursion reached the stop
  }
}
