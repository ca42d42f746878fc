package io.perpetua.trading.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The allocator's rules on constructed return series. */
class BanditAllocatorTest {
  static final long DAY = 86_400_000L;
  static final long T0 = 1_700_006_400_000L;

  /** {@code days} daily returns: drift plus seeded noise of size {@code sd}. */
  static ReturnSeries series(String name, int days, double drift, double sd, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] t = new long[days];
    double[] r = new double[days];
    for (int i = 0; i < days; i++) {
      t[i] = T0 + (i + 1) * DAY;
      r[i] = drift + sd * BanditAllocator.gaussian(rnd);
    }
    return new ReturnSeries(name, t, r);
  }

  static List<AllocationStep> run(
      AllocationConfig c, List<ReturnSeries> s, int steps, String mode) {
    List<AllocationStep> out = new ArrayList<>();
    AllocationState state = AllocationState.empty();
    for (int d = 0; d < steps; d++) {
      AllocationStep step =
          new BanditAllocator(c).step(state, s, MarketVol.UNKNOWN, T0 + (d + 1) * DAY, mode);
      out.add(step);
      state = step.state();
    }
    return out;
  }

  static List<ReturnSeries> three() {
    return List.of(
        series("good", 60, 0.004, 0.01, 1),
        series("ok", 60, 0.001, 0.01, 2),
        series("bad", 60, -0.006, 0.01, 3));
  }

  @Test
  void ucb1_and_thompson_shiftCapitalFromTheLoser_withinTheStepLimit() {
    for (String policy : List.of(AllocationConfig.UCB1, AllocationConfig.THOMPSON)) {
      AllocationConfig c = AllocationConfig.defaults().withPolicy(policy);
      List<AllocationStep> steps = run(c, three(), 30, BanditAllocator.BANDIT);
      for (AllocationStep s : steps) {
        assertThat(s.moved()).as(policy).isLessThanOrEqualTo(c.maxStepFraction() + 1e-12);
        assertThat(s.weights().values().stream().mapToDouble(x -> x).sum()).isLessThan(1 + 1e-9);
      }
      Map<String, Double> last = steps.getLast().weights();
      assertThat(last.get("bad")).as(policy).isLessThan(last.get("good"));
      assertThat(
              steps.stream()
                  .anyMatch(s -> s.events().stream().anyMatch(e -> e.startsWith("cooldown bad"))))
          .as(policy)
          .isTrue();
    }
  }

  @Test
  void thompson_sameSeedSameSteps_otherSeedOtherSteps() {
    AllocationConfig c = AllocationConfig.defaults();
    var a = run(c, three(), 20, BanditAllocator.BANDIT);
    var b = run(c, three(), 20, BanditAllocator.BANDIT);
    var other = run(c.withSeed(7), three(), 20, BanditAllocator.BANDIT);
    assertThat(a.stream().map(AllocationStep::scores).toList())
        .isEqualTo(b.stream().map(AllocationStep::scores).toList())
        .isNotEqualTo(other.stream().map(AllocationStep::scores).toList());
  }

  @Test
  void noCooldownBeforeTheWindowHasEnoughObservations_andNeverForAWinner() {
    AllocationConfig c = AllocationConfig.defaults();
    List<ReturnSeries> s =
        List.of(series("a", 60, 0.004, 0.001, 1), series("b", 60, 0.002, 0.001, 2));
    // 3 steps: at most 3 returns in the window, min_observations is 5
    assertThat(run(c, three(), 3, BanditAllocator.BANDIT)).allMatch(x -> x.cooling().isEmpty());
    // two winners: the worst is not a loser, nobody is cooled
    assertThat(run(c, s, 30, BanditAllocator.BANDIT)).allMatch(x -> x.cooling().isEmpty());
  }

  @Test
  void cooledStrategy_comesBackOnProbation_cappedAtTheProbationWeight() {
    AllocationConfig c = AllocationConfig.defaults();
    List<AllocationStep> steps = run(c, three(), 20, BanditAllocator.BANDIT);
    AllocationStep cooled =
        steps.stream().filter(x -> x.cooling().containsKey("bad")).findFirst().orElseThrow();
    long until = cooled.cooling().get("bad");
    assertThat(until).isEqualTo(cooled.atMs() + c.cooldownMs());
    for (AllocationStep s : steps) {
      if (s.atMs() > cooled.atMs() && s.atMs() < until) {
        assertThat(s.targets().get("bad")).isZero();
        assertThat(s.weights().get("bad")).isLessThanOrEqualTo(cooled.weights().get("bad"));
      }
    }
    AllocationStep back = steps.stream().filter(x -> x.atMs() >= until).findFirst().orElseThrow();
    assertThat(back.events()).contains("probation bad");
    assertThat(back.targets().get("bad")).isLessThanOrEqualTo(c.probationWeight() + 1e-12);
  }

  @Test
  void correlatedPair_combinedWeightCut_volSpikeFlagged() {
    AllocationConfig c = AllocationConfig.defaults();
    ReturnSeries a = series("a", 30, 0.002, 0.01, 5);
    double[] twin = a.returns().clone();
    for (int i = 0; i < twin.length; i++) {
      twin[i] = twin[i] * 1.1 + 0.0001;
    }
    ReturnSeries b = new ReturnSeries("b", a.timesMs(), twin);
    ReturnSeries x = series("x", 30, 0.002, 0.01, 9);
    AllocationStep s =
        new BanditAllocator(c)
            .step(
                AllocationState.empty(),
                List.of(a, b, x),
                new MarketVol(0.05, 0.01),
                T0 + 20 * DAY,
                BanditAllocator.BANDIT);
    assertThat(s.events()).anyMatch(e -> e.startsWith("correlation a,b"));
    assertThat(s.targets().get("a") + s.targets().get("b") + s.targets().get("x"))
        .isLessThan(1 - 1e-6); // the cut went to cash
    assertThat(s.volSpike()).isTrue();
    assertThat(s.events()).anyMatch(e -> e.startsWith("vol_spike ratio=5.000"));
  }

  @Test
  void targetVol_weightsInverseToVolatility_capped() {
    AllocationConfig c = AllocationConfig.defaults();
    List<ReturnSeries> s = List.of(series("calm", 30, 0, 0.005, 1), series("wild", 30, 0, 0.04, 2));
    AllocationStep step =
        new BanditAllocator(c)
            .step(AllocationState.empty(), s, MarketVol.UNKNOWN, T0 + 20 * DAY, "target_vol");
    double sdCalm = Rewards.sd(s.get(0).window(c, T0 + 20 * DAY).returns());
    double sdWild = Rewards.sd(s.get(1).window(c, T0 + 20 * DAY).returns());
    double calm = Math.min(c.maxWeight(), 0.5 * c.targetVol() / sdCalm);
    double wild = Math.min(c.maxWeight(), 0.5 * c.targetVol() / sdWild);
    double scale = Math.min(1, 1 / (calm + wild));
    assertThat(step.targets().get("calm")).isCloseTo(calm * scale, offset(1e-9));
    assertThat(step.targets().get("wild")).isCloseTo(wild * scale, offset(1e-9));
    assertThat(step.targets().get("calm")).isGreaterThan(step.targets().get("wild"));
    assertThat(step.moved()).isLessThanOrEqualTo(c.maxStepFraction() + 1e-12);
    assertThatThrownBy(
            () ->
                new BanditAllocator(c)
                    .step(AllocationState.empty(), s, MarketVol.UNKNOWN, T0, "greedy"))
        .hasMessageContaining("mode must be bandit or target_vol");
  }

  @Test
  void smallMoves_areSkipped_andStateRoundTripsAsText() {
    AllocationConfig c = AllocationConfig.defaults();
    AllocationStep first = run(c, three(), 12, BanditAllocator.BANDIT).getLast();
    assertThat(AllocationState.decode(first.state().encode())).isEqualTo(first.state());
    Map<String, Double> prev = Map.of("a", 0.5, "b", 0.5);
    Moves.Result none = Moves.limit(prev, Map.of("a", 0.502, "b", 0.498), c);
    assertThat(none.moved()).isZero();
    assertThat(none.weights()).isEqualTo(prev);
    assertThatThrownBy(
            () ->
                new AllocationConfig(
                    "ucb1", "vol", "weeks", 7, 5, 1, 1, 0, 1, 0.1, 1, 0.05, 0, 5, 1, 0.8, 0.5, 2,
                    0.02, 1))
        .hasMessageContaining("allocation.window_unit");
  }

  @Test
  void rewards_riskMeasures() {
    double[] r = {0.01, -0.02, 0.03, -0.01, 0.02};
    assertThat(Rewards.netReturn(r)).isCloseTo(1.01 * 0.98 * 1.03 * 0.99 * 1.02 - 1, offset(1e-12));
    assertThat(Rewards.maxDrawdown(new double[] {0.1, -0.5, 0.2})).isCloseTo(0.5, offset(1e-12));
    assertThat(Rewards.valueAtRisk(r, 0.05)).isCloseTo(0.02, offset(1e-12));
    assertThat(Rewards.reward(r, "drawdown"))
        .isCloseTo(Rewards.netReturn(r) / Rewards.maxDrawdown(r), offset(1e-12));
    assertThat(Rewards.reward(new double[] {0.01}, "vol")).isNaN();
  }
}
