package io.perpetua.signals.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.ArrayView;
import io.perpetua.signals.PanelMarketView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MaCrossStrategyTest {
  private static final long HOUR = 3_600_000L;

  // fast 2 / slow 3; signs by hand (first scored bar is b2):
  // b2 10|10 tie, b3 9.5<9.67 (-1, nothing before: no cross), b4 10.5>10.33 cross up,
  // b5 12>11, b6 11.5<11.67 cross down, b7 12=12 tie (stays flat), b8 13.5>12.67 cross up
  private static final double[] PRICES = {10, 10, 10, 9, 12, 12, 11, 13, 14};
  private static final boolean[] LONG_AFTER = {
    false, false, false, false, true, true, false, false, true
  };

  private static MaCrossStrategy strategy() {
    return new MaCrossStrategy(StrategyId.of("ma"), "all", 2, 3, 1.0);
  }

  private static void moveTo(PanelMarketView view, int bar) {
    view.moveTo(bar, (bar + 1) * HOUR);
  }

  /** Long state of instrument {@code i} after each bar when deciding once per bar. */
  private static List<Boolean> stepByStep(MaCrossStrategy s, PanelMarketView view, int i) {
    int bars = view.history(); // ArrayView starts at the last bar
    boolean[] pool = new boolean[view.instrumentCount()];
    Arrays.fill(pool, true);
    List<Boolean> states = new ArrayList<>();
    for (int t = 0; t < bars; t++) {
      moveTo(view, t);
      s.decide(view, pool, List.of());
      states.add(s.isLong(i));
    }
    return states;
  }

  @Test
  void decide_entersOnCrossUp_exitsOnCrossDown_tiesKeepTheState() {
    PanelMarketView view = ArrayView.of(new double[][] {PRICES}, new double[] {1});
    List<Boolean> states = stepByStep(strategy(), view, 0);
    for (int t = 0; t < PRICES.length; t++) {
      assertThat(states.get(t)).as("long after bar %d", t).isEqualTo(LONG_AFTER[t]);
    }
  }

  @Test
  void decide_fastAboveSlowFromTheFirstScoredBar_waitsForARealCross() {
    double[] rising = {1, 2, 3, 4, 5, 6, 3, 7};
    PanelMarketView view = ArrayView.of(new double[][] {rising}, new double[] {1});
    List<Boolean> states = stepByStep(strategy(), view, 0);
    // b2..b5 above from the start (no cross), b6 4.5 < 4.67 (first -1), b7 5 < 5.33: never long
    assertThat(states).containsOnly(false);
    double[] recovers = {1, 2, 3, 4, 5, 6, 3, 10};
    view = ArrayView.of(new double[][] {recovers}, new double[] {1});
    states = stepByStep(strategy(), view, 0);
    // b7: fast 6.5 > slow 6.33 after the -1 at b6: a real cross up
    assertThat(states.subList(0, 7)).containsOnly(false);
    assertThat(states.get(7)).isTrue();
  }

  @Test
  void decide_weightsLongPoolMembersEqually() {
    double[] flat = {10, 10, 10, 9, 12, 12, 12, 12, 12};
    PanelMarketView view =
        ArrayView.of(new double[][] {PRICES, flat, PRICES}, new double[] {1, 1, 1});
    MaCrossStrategy s = new MaCrossStrategy(StrategyId.of("ma"), "all", 2, 3, 0.9);
    boolean[] pool = {true, true, false};
    StrategyDecision d = null;
    for (int t = 0; t <= 5; t++) {
      moveTo(view, t);
      d = s.decide(view, pool, List.of());
    }
    // after b5 all three are long by the rule; the third is outside the pool
    assertThat(d.weights()).containsExactly(0.45, 0.45, 0.0);
    assertThat(d.poolSize()).isEqualTo(2);
    assertThat(d.minTradeFraction()).as("no-trade band: half a slot").isEqualTo(0.225);
    assertThat(d.signal()[0]).isEqualTo(12.0 / 11.0 - 1);
  }

  @Test
  void decide_skippedDecisionsAreCaughtUp() {
    double[] other = {5, 6, 7, 8, 7, 6, 7, 8, 9};
    PanelMarketView view = ArrayView.of(new double[][] {PRICES, other}, new double[] {1, 1});
    MaCrossStrategy every = strategy();
    MaCrossStrategy sparse = strategy();
    boolean[] pool = {true, true};
    for (int t = 0; t < PRICES.length; t++) {
      moveTo(view, t);
      StrategyDecision d = every.decide(view, pool, List.of());
      if (t == 1 || t == 5 || t == 8) {
        StrategyDecision late = sparse.decide(view, pool, List.of());
        assertThat(late.weights()).as("bar %d", t).containsExactly(d.weights());
        assertThat(late.signal()).as("bar %d", t).containsExactly(d.signal());
      }
    }
    assertThat(sparse.isLong(0)).isTrue();
  }

  @Test
  void decide_barsWithoutAClose_areSkipped_andKeepTheTarget() {
    double nan = Double.NaN;
    double[] gappy = {10, 10, 10, 9, 12, nan, 12, 11, 13, 14};
    PanelMarketView view = ArrayView.of(new double[][] {gappy}, new double[] {1});
    MaCrossStrategy s = strategy();
    boolean[] pool = {true};
    List<Double> weights = new ArrayList<>();
    for (int t = 0; t < gappy.length; t++) {
      moveTo(view, t);
      weights.add(s.decide(view, pool, List.of()).weights()[0]);
    }
    // same rule on the instrument's own bars: long after b4, held through the gap, flat after
    // the cross down at its 7th bar (t = 7), long again at t = 9
    assertThat(weights).containsExactly(0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0);
  }

  @Test
  void decide_tiesAreExact_evenWhereDoubleSumsAreNot() {
    // fast (0.1 + 0.2) / 2 equals slow (0.15 + 0.1 + 0.2) / 3 exactly; in doubles the two differ
    double[] p = {0.15, 0.1, 0.2};
    assertThat((0.1 + 0.2) / 2).isNotEqualTo((0.15 + 0.1 + 0.2) / 3);
    PanelMarketView view = ArrayView.of(new double[][] {p}, new double[] {1});
    moveTo(view, 2);
    StrategyDecision d = strategy().decide(view, new boolean[] {true}, List.of());
    assertThat(d.signal()[0]).isZero();
  }

  @Test
  void decide_outOfOrder_isRefused() {
    PanelMarketView view = ArrayView.of(new double[][] {PRICES}, new double[] {1});
    MaCrossStrategy s = strategy();
    moveTo(view, 5);
    s.decide(view, new boolean[] {true}, List.of());
    moveTo(view, 3);
    assertThatThrownBy(() -> s.decide(view, new boolean[] {true}, List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("out of order");
    PanelMarketView wider = ArrayView.of(new double[][] {PRICES, PRICES}, new double[] {1, 1});
    moveTo(wider, 6);
    assertThatThrownBy(() -> s.decide(wider, new boolean[] {true, true}, List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("instrument count");
  }

  @Test
  void compareProducts_isExactBeyondSixtyFourBits() {
    assertThat(MaCrossStrategy.compareProducts(Long.MAX_VALUE, 2, 2, Long.MAX_VALUE)).isZero();
    assertThat(MaCrossStrategy.compareProducts(Long.MAX_VALUE / 2, 4, Long.MAX_VALUE, 2))
        .isEqualTo(-1);
    assertThat(MaCrossStrategy.compareProducts(Long.MAX_VALUE, 3, Long.MAX_VALUE - 1, 3))
        .isEqualTo(1);
    assertThat(MaCrossStrategy.compareProducts(7, 3, 3, 7)).isZero();
  }

  @Test
  void factory_isRegistered_appliesDefaults_andNamesBadParameters() {
    StrategyFactory f = null;
    for (StrategyFactory candidate : ServiceLoader.load(StrategyFactory.class)) {
      if (candidate.type().equals(MaCrossStrategy.TYPE)) {
        f = candidate;
      }
    }
    assertThat(f).isNotNull();
    CrossSectionalStrategy s = f.create(StrategyId.of("ma"), "all", Map.of("fast", "6"));
    assertThat(s.parameters())
        .containsEntry("fast", 6)
        .containsEntry("slow", 48)
        .containsEntry("gross_exposure", 1.0);
    StrategyFactory factory = f;
    assertThatThrownBy(
            () -> factory.create(StrategyId.of("ma"), "all", Map.of("fast", 48, "slow", 48)))
        .hasMessageContaining("fast and slow");
    assertThatThrownBy(() -> factory.create(StrategyId.of("ma"), "all", Map.of("period", 3)))
        .hasMessageContaining("unknown parameter period");
    assertThatThrownBy(
            () -> factory.create(StrategyId.of("ma"), "all", Map.of("gross_exposure", 0)))
        .hasMessageContaining("gross_exposure");
  }
}
