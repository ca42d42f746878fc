package io.perpetua.backtest.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.JobIds;
import io.perpetua.jobs.JobStatus;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobTypesTest {
  @Test
  void status_codesRoundTrip_andClassify() {
    for (JobStatus s : JobStatus.values()) {
      assertThat(JobStatus.parse(s.code())).isEqualTo(s);
      assertThat(s.isActive()).isEqualTo(!s.isTerminal());
    }
    assertThat(JobStatus.parse(" DONE ")).isEqualTo(JobStatus.DONE);
    assertThatThrownBy(() -> JobStatus.parse("completed"))
        .hasMessageContaining("expected queued, running, done, failed or cancelled");
  }

  @Test
  void ids_areRandomAndWellFormed() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = JobIds.next();
      assertThat(JobIds.isValid(id)).as(id).isTrue();
      ids.add(id);
    }
    assertThat(ids).hasSize(1000);
    assertThat(JobIds.isValid("bt_3c91ef")).isFalse();
    assertThat(JobIds.isValid("bt-20260302-001")).isFalse();
    assertThat(JobIds.isValid(null)).isFalse();
  }

  @Test
  void job_enforcesItsInvariants() {
    Instant t = Fixtures.T0;
    assertThatThrownBy(
            () ->
                new BacktestJob(
                    "bt_1",
                    "alice",
                    null,
                    Fixtures.request(),
                    null,
                    JobStatus.DONE,
                    1,
                    false,
                    t,
                    t,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("finishedAt");
    assertThatThrownBy(
            () ->
                new BacktestJob(
                    "bt_1",
                    "alice",
                    null,
                    Fixtures.request(),
                    null,
                    JobStatus.RUNNING,
                    1.5,
                    false,
                    t,
                    t,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("progress");
    assertThatThrownBy(
            () -> BacktestJob.queued("bt_1", "al ice", null, Fixtures.request(), null, t))
        .hasMessageContaining("owner");
  }

  @Test
  void templateCheckedByItsResolver_rejectsUnknownNamesThroughTheCheck() {
    JobValidator validator =
        new JobValidator(
            StrategyCatalog.of(
                List.of(
                    StrategyTemplate.checkedBy(
                        "tpl_grid",
                        p -> {
                          if (!Set.of("grid_levels").containsAll(p.keySet())) {
                            throw new IllegalArgumentException("params: unknown parameter x");
                          }
                        }))),
            s -> true,
            List.of(io.perpetua.core.Timeframe.H1));
    validator.validate(Fixtures.request("tpl_grid", java.util.Map.of("grid_levels", 3)));
    assertThatThrownBy(
            () -> validator.validate(Fixtures.request("tpl_grid", java.util.Map.of("x", 1))))
        .isInstanceOfSatisfying(
            InvalidJobException.class, e -> assertThat(e.field()).isEqualTo(JobField.PARAMETERS))
        .hasMessage("params: unknown parameter x");
  }

  @Test
  void catalog_rejectsDuplicates_andListsIdsSorted() {
    assertThat(Fixtures.catalog().ids()).containsExactly("baseline_rev", "tpl_grid");
    assertThatThrownBy(
            () -> StrategyCatalog.of(List.of(StrategyTemplate.of("a"), StrategyTemplate.of("a"))))
        .hasMessageContaining("twice");
  }
}
