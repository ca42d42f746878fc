package io.perpetua.optimizer.wfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.optimizer.Constraints;
import io.perpetua.optimizer.Objective;
import io.perpetua.optimizer.SearchSettings;
import io.perpetua.optimizer.SyntheticSetup;
import io.perpetua.signals.strategy.space.ParamSpace;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalkForwardTest {
  @TempDir static Path clean;
  @TempDir static Path perturbed;
  static final WalkForwardSettings WFO =
      WalkForwardSettings.parse("train=30d,validate=10d,step=10d");
  static ParamSpace space;

  @BeforeAll
  static void data() throws Exception {
    SyntheticSetup.write(clean, Long.MAX_VALUE);
    // everything after fold 0's forward window (day 36 + 30 + 10 + 10 = 86) is changed
    SyntheticSetup.write(perturbed, SyntheticSetup.day(86).toEpochMilli());
    ParamSpace declared = SyntheticSetup.templates().space("baseline_rev");
    space =
        ParamSpace.of(
            declared.spec("long_n").narrowed(1, 8, 1.0),
            declared.spec("short_n").narrowed(1, 8, 1.0),
            declared.spec("rebalance_days").narrowed(1, 3, 1.0));
  }

  private static WalkForwardResult run(
      Path dir, String algorithm, long seed, ExecutorService pool) {
    SearchSettings settings =
        new SearchSettings(
            algorithm,
            8,
            seed,
            java.util.List.of(Objective.parse("sharpe")),
            Constraints.none(),
            0);
    return WalkForward.run(
        space,
        SyntheticSetup.engine(dir),
        SyntheticSetup.request(36, 120),
        settings,
        WFO,
        pool,
        () -> false,
        (f, t) -> {});
  }

  @Test
  void laterData_cannotChangeAnEarlierFold() {
    WalkForwardResult a = run(clean, "random", 5, null);
    WalkForwardResult b = run(perturbed, "random", 5, null);
    assertThat(a.folds()).hasSize(4);
    Fold a0 = a.folds().get(0);
    Fold b0 = b.folds().get(0);
    assertThat(b0.search().trials()).isEqualTo(a0.search().trials());
    assertThat(b0.chosen()).isEqualTo(a0.chosen());
    assertThat(b0.outOfSample()).isEqualTo(a0.outOfSample());
    // ...while the perturbation does reach the folds that use that data
    boolean laterDiffer = false;
    for (int k = 1; k < 4; k++) {
      laterDiffer |= !b.folds().get(k).search().trials().equals(a.folds().get(k).search().trials());
    }
    assertThat(laterDiffer).isTrue();
  }

  @Test
  void sameRequestAndSeed_sameTrialsAndResult_evenOnTwoWorkers() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      WalkForwardResult a = run(clean, "lhs", 11, pool);
      WalkForwardResult b = run(clean, "lhs", 11, null);
      for (int k = 0; k < a.folds().size(); k++) {
        assertThat(a.folds().get(k).search().trials())
            .isEqualTo(b.folds().get(k).search().trials());
        assertThat(a.folds().get(k).chosen()).isEqualTo(b.folds().get(k).chosen());
      }
      assertThat(a.outOfSample().equity()).containsExactly(b.outOfSample().equity());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void result_stitchesTheForwardWindows_andMeasuresEfficiencyAndStability() {
    WalkForwardResult r = run(clean, "random", 3, null);
    long first = r.folds().get(0).window().validateEnd();
    long last = r.folds().get(3).window().forwardEnd();
    assertThat(r.outOfSample().timesMs()[0]).isEqualTo(first);
    assertThat(r.outOfSample().timesMs()[r.outOfSample().size() - 1]).isLessThanOrEqualTo(last);
    assertThat(r.outOfSample().equity()[0]).isEqualTo(10_000);
    // the stitched curve ends where chaining the folds' forward returns ends
    double chained = 10_000;
    for (Fold f : r.folds()) {
      double[] e = f.forwardCurve().equity();
      chained *= e[e.length - 1] / e[0];
    }
    assertThat(r.outOfSample().equity()[r.outOfSample().size() - 1])
        .isCloseTo(chained, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(r.stability()).containsOnlyKeys("long_n", "short_n", "rebalance_days");
    assertThat(r.efficiency()).isEqualTo(r.outOfSampleCagr() / r.inSampleCagr());
  }

  @Test
  void constraints_rejectTrialsWithTheReason() {
    SearchSettings settings =
        new SearchSettings(
            "random",
            4,
            1,
            java.util.List.of(Objective.parse("calmar")),
            new Constraints(null, 100_000, null, null),
            0);
    WalkForwardResult r =
        WalkForward.run(
            space,
            SyntheticSetup.engine(clean),
            SyntheticSetup.request(36, 90),
            settings,
            WFO,
            null,
            () -> false,
            (f, t) -> {});
    var trial = r.folds().get(0).search().trials().get(0);
    assertThat(trial.rejection()).contains("below min_trades 100000");
    assertThat(r.folds().get(0).chosen()).isNull();
  }

  @Test
  void windowsLongerThanTheData_areRejectedNamingTheField() {
    assertThatThrownBy(
            () -> WalkForwardSettings.parse("train=300d,step=30d").windows(0, 100 * 86_400_000L))
        .hasMessageContaining("wfo: the windows need 330 days");
    assertThatThrownBy(() -> WalkForwardSettings.parse("train=30d,step=0d"))
        .hasMessageContaining("wfo.step");
    assertThatThrownBy(() -> WalkForwardSettings.parse("train=30d,size=3d"))
        .hasMessageContaining("unknown window");
  }

  @Test
  void anchored_keepsTheFirstStart_rollingMovesIt() {
    var rolling = WalkForwardSettings.parse("train=10d,step=5d").windows(0, 30 * 86_400_000L);
    var anchored =
        WalkForwardSettings.parse("train=10d,step=5d,anchored").windows(0, 30 * 86_400_000L);
    assertThat(rolling).hasSize(4);
    assertThat(rolling.get(2).trainStart()).isEqualTo(10 * 86_400_000L);
    assertThat(anchored.get(2).trainStart()).isZero();
    assertThat(anchored.get(2).trainEnd()).isEqualTo(rolling.get(2).trainEnd());
  }
}
