package io.perpetua.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.signals.feature.SharedFeatures;
import io.perpetua.signals.strategy.space.ParamSpace;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trials that share feature values give the same bits as trials that compute their own. */
class SharedFeaturesSweepTest {
  @TempDir static Path dir;
  static ParamSpace space;

  @BeforeAll
  static void data() throws Exception {
    SyntheticSetup.write(dir, Long.MAX_VALUE);
    ParamSpace declared = SyntheticSetup.templates().space("baseline_rev");
    space =
        ParamSpace.of(
            declared.spec("long_n").narrowed(1, 6, 1.0),
            declared.spec("short_n").narrowed(2, 7, 5.0),
            declared.spec("rebalance_days").narrowed(1, 2, 1.0),
            declared.spec("weight_zscore_neg_ret_2h").narrowed(0.2, 0.8, 0.6));
  }

  private static SearchRun sweep(SharedFeatures shared, ExecutorService pool) {
    SearchSettings settings =
        new SearchSettings(
            "grid", 24, 5, List.of(Objective.parse("sharpe")), Constraints.none(), 0);
    return Search.run(
        space,
        SyntheticSetup.engine(dir, shared),
        SyntheticSetup.request(40, 100),
        settings,
        pool,
        () -> false,
        t -> {});
  }

  private static long[] bits(double[] values) {
    return values == null
        ? null
        : Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  @Test
  void sharedFeatures_giveBitIdenticalTrials_onOneAndTwoThreads() {
    SearchRun own = sweep(null, null);
    SharedFeatures shared = new SharedFeatures();
    SearchRun one = sweep(shared, null);
    long hitsOneThread = shared.hits();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    SearchRun two;
    try {
      two = sweep(new SharedFeatures(), pool);
    } finally {
      pool.shutdownNow();
    }
    assertThat(own.trials()).hasSize(24);
    assertThat(own.trials().stream().filter(Trial::accepted).count()).isEqualTo(24);
    for (SearchRun other : List.of(one, two)) {
      assertThat(other.trials()).hasSize(own.trials().size());
      for (int i = 0; i < own.trials().size(); i++) {
        Trial a = own.trials().get(i);
        Trial b = other.trials().get(i);
        assertThat(b.params()).isEqualTo(a.params());
        assertThat(bits(b.scores())).as("scores of trial %d", i).isEqualTo(bits(a.scores()));
        assertThat(bits(b.returns())).as("returns of trial %d", i).isEqualTo(bits(a.returns()));
        assertThat(b.metrics()).as("metrics of trial %d", i).isEqualTo(a.metrics());
      }
    }
    // the grid's trials differ only in parameters that do not change the features: after the
    // first trial, a decision's features come from the store
    assertThat(hitsOneThread).isPositive();
  }
}
