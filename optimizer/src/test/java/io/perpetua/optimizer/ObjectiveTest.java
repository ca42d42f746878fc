package io.perpetua.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.jobs.Metrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectiveTest {
  static Metrics metrics(double sharpe, double maxDd, double turnover, int trades) {
    return new Metrics(
        0.1, 0.2, 0.3, sharpe, 1.5, 2.5, maxDd, 0, 0, 0.5, 1.2, 3, trades, 60, turnover);
  }

  @Test
  void objectives_readTheirMetric_andThePenalisedSharpeSubtractsItsPenalties() {
    Metrics m = metrics(1.8, -0.2, 0.5, 10);
    assertThat(Objective.parse("calmar").score(m)).isEqualTo(2.5);
    assertThat(Objective.parse("sortino").score(m)).isEqualTo(1.5);
    assertThat(Objective.parse("Sharpe").score(m)).isEqualTo(1.8);
    assertThat(Objective.parse("max_dd").score(m)).isEqualTo(-0.2);
    assertThat(Objective.parse("sharpe - 0.4*turnover - 2*max_dd").score(m))
        .isCloseTo(1.8 - 0.2 - 0.4, within(1e-12));
    assertThat(Objective.parse("sharpe").score(metrics(Double.NaN, 0, 0, 0)))
        .isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void unknownObjective_namesTheField() {
    assertThatThrownBy(() -> Objective.parse("profit"))
        .hasMessageStartingWith("objective: unknown 'profit'");
  }

  @Test
  void constraints_giveTheReason() {
    Constraints c = new Constraints(2.0, 5, 0.5, 0.3);
    assertThat(c.beforeRun(3)).contains("above max_leverage 2.0");
    assertThat(c.beforeRun(1)).isNull();
    assertThat(c.afterRun(metrics(1, -0.1, 0.1, 2))).contains("below min_trades 5");
    assertThat(c.afterRun(metrics(1, -0.1, 0.9, 9))).contains("above max_turnover 0.5");
    assertThat(c.afterRun(metrics(1, -0.4, 0.1, 9))).contains("above max_drawdown 0.3");
    assertThat(c.afterRun(metrics(1, -0.1, 0.1, 9))).isNull();
  }

  @Test
  void settings_rejectBadTrialsObjectivesAndAlgorithms() {
    List<Objective> one = List.of(Objective.parse("sharpe"));
    assertThatThrownBy(() -> new SearchSettings("tpe", 0, 1, one, Constraints.none(), 0))
        .hasMessageStartingWith("trials: must be > 0");
    assertThatThrownBy(
            () -> new SearchSettings("tpe", 300, 1, one, Constraints.none(), 0).check(200))
        .hasMessageStartingWith("trials: at most 200");
    assertThatThrownBy(() -> new SearchSettings("foo", 3, 1, one, Constraints.none(), 0))
        .hasMessageStartingWith("algorithm:");
    assertThatThrownBy(
            () ->
                new SearchSettings(
                    "tpe", 3, 1, Objective.parseList("sharpe,max_dd"), Constraints.none(), 0))
        .hasMessageContaining("several need nsga2");
  }

  @Test
  void paretoFront_keepsOnlyTheNonDominatedAcceptedTrials() {
    List<Trial> trials =
        List.of(
            new Trial(0, java.util.Map.of(), new double[] {1, 1}, null, null),
            new Trial(1, java.util.Map.of(), new double[] {2, 0}, null, null),
            new Trial(2, java.util.Map.of(), new double[] {0.5, 0.5}, null, null),
            new Trial(3, java.util.Map.of(), new double[] {3, 3}, null, "rejected"));
    SearchRun run = SearchRun.of(trials);
    assertThat(run.pareto()).containsExactly(0, 1);
    assertThat(run.best()).isEqualTo(1);
    assertThat(run.curve()).containsExactly(1, 2, 2, 2);
  }
}
