package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.app.config.ConfigLoader;
import io.perpetua.backtest.BacktestDays;
import io.perpetua.optimizer.job.OptimizationPlan;
import io.perpetua.optimizer.job.OptimizationRequest;
import io.perpetua.trading.orchestrator.OptimiserTask;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The orchestrator's optimiser tasks as optimiser run requests. */
class OrchestratorOptimisationsTest {
  private static final Instant DATA_END = Instant.parse("2026-05-01T00:00:00Z");

  private static OptimiserTask task(String trigger) {
    return new OptimiserTask(
        "baseline_rev", trigger, "detail", 30, 7, "calmar", Map.of("max_drawdown", 0.3), 123L);
  }

  @Test
  void request_coversTheLastForwardWindowsOfTheData_withTheTasksSettings() {
    OptimizationRequest r =
        OrchestratorOptimisations.request(task("schedule:walk_forward"), DATA_END);
    assertThat(r.strategyId()).isEqualTo("baseline_rev");
    assertThat(r.trigger()).isEqualTo("schedule");
    assertThat(r.windows()).isEqualTo("train=30d,validate=7d,step=7d");
    assertThat(r.objective()).isEqualTo("calmar");
    assertThat(r.algorithm()).isEqualTo("tpe");
    assertThat(r.trials()).isEqualTo(50);
    assertThat(r.seed()).isEqualTo(123L);
    assertThat(r.space()).isEmpty();
    assertThat(r.maxDrawdown()).isEqualTo(0.3);
    // the last day with data, and train 30 + validate 7 + 4 forward windows of 7 = 65 days
    assertThat(r.endDate()).isEqualTo(LocalDate.parse("2026-04-30"));
    assertThat(r.startDate()).isEqualTo(LocalDate.parse("2026-02-25"));
  }

  @Test
  void request_isAcceptedByTheOptimisersOwnChecks_withFourFolds() {
    OptimizationRequest r = OrchestratorOptimisations.request(task("sharpe_below"), DATA_END);
    OptimizationPlan plan =
        OptimizationPlan.of(
            BacktestSupport.templates(ConfigLoader.load(null, Map.of())).space("baseline_rev"),
            r,
            5_000);
    assertThat(plan.folds(BacktestDays.start(r.startDate()), BacktestDays.end(r.endDate())))
        .isEqualTo(4);
  }

  @Test
  void triggers_mapOntoTheOptimisersWords() {
    assertThat(OrchestratorOptimisations.trigger("schedule:walk_forward")).isEqualTo("schedule");
    assertThat(OrchestratorOptimisations.trigger("vol_spike")).isEqualTo("volatility");
    assertThat(OrchestratorOptimisations.trigger("correlation")).isEqualTo("correlation");
    for (String t : new String[] {"sharpe_below", "mdd_above", "no_new_high", "risk_threshold"}) {
      assertThat(OrchestratorOptimisations.trigger(t)).isEqualTo("performance");
      assertThat(OptimizationRequest.TRIGGERS).contains(OrchestratorOptimisations.trigger(t));
    }
  }

  @Test
  void theOrchestratorsOwner_isAnOwnerTheJobServiceAccepts() {
    // before: the job's owner pattern refused ':' and every orchestrator submission threw
    io.perpetua.jobs.BacktestRequest base =
        new io.perpetua.jobs.BacktestRequest(
            "baseline_rev",
            Map.of(),
            java.util.List.of(),
            "1h",
            "kline",
            DATA_END.minusSeconds(86_400),
            DATA_END,
            10_000,
            1,
            5,
            2,
            0,
            0,
            null,
            365);
    io.perpetua.jobs.BacktestJob job =
        io.perpetua.jobs.BacktestJob.queued(
            "opt_1", OrchestratorOptimisations.OWNER, null, base, "{}", DATA_END);
    assertThat(job.owner()).isEqualTo("system:orchestrator");
  }

  @Test
  void noOptimiserRunning_isAnsweredWithTheReason_notAnId() {
    assertThat(new OrchestratorOptimisations(() -> null).enqueue(task("vol_spike")))
        .isEqualTo("not queued: the optimiser's job service is not running");
  }
}
