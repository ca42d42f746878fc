package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.trading.lifecycle.Reoptimisations;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** What a finished re-optimisation's {@code result.json} gives its candidate and its KS gate. */
class ReoptimisationResultsTest {
  static final String RESULT =
      """
      {"best_params": {"long_n": {"value": 12, "ci_low": 8, "ci_high": 15},
                       "features": {"value": ["zscore_neg_ret_4h"]}},
       "folds": [{"fold": 0, "overfitting": {"dsr": 0.40, "pbo": 0.9}},
                 {"fold": 1, "overfitting": {"dsr": 0.97, "pbo": null}}],
       "oos_equity": {"times": ["2025-09-01T00:00:00Z", "2025-09-01T12:00:00Z",
                                "2025-09-02T12:00:00Z", "2025-09-03T23:00:00Z"],
                      "equity": [100, 101, 99.99, 102.9897]}}
      """;

  @Test
  void bestParamsAndTheChoosingFoldsStatistics_areRead_anUnmeasuredOneIsNaN() throws Exception {
    Reoptimisations.Finished f =
        ReoptimisationResults.finished(
            "opt_1", "baseline_rev", 0.8, new ObjectMapper().readTree(RESULT));
    assertThat(f.bestParams()).containsEntry("long_n", 12);
    assertThat(f.bestParams().get("features")).isEqualTo(java.util.List.of("zscore_neg_ret_4h"));
    assertThat(f.dsr()).isEqualTo(0.97); // the last fold: the one that chose best_params
    assertThat(f.pbo()).isNaN();
    assertThat(f.oosSharpe()).isEqualTo(0.8);
    // PBO not measured: no pass
    assertThat(Reoptimisations.OosGate.DEFAULTS.failures(f))
        .containsExactly("PBO not measured > 0.5");
  }

  @Test
  void oosEquity_becomesDailyReturns_atEachUtcDaysLastValue() throws Exception {
    double[] r = ReoptimisationResults.dailyReturns(new ObjectMapper().readTree(RESULT));
    assertThat(r).hasSize(2);
    assertThat(r[0]).isCloseTo(99.99 / 101 - 1, Offset.offset(1e-12));
    assertThat(r[1]).isCloseTo(102.9897 / 99.99 - 1, Offset.offset(1e-12));
  }
}
