package io.perpetua.signals.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import org.junit.jupiter.api.Test;

/** A strategy's evaluations carry the hash of the configuration they ran under, edits included. */
class FlowStrategyTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");

  @Test
  void evaluations_carryTheCurrentConfigurationsHash_beforeAndAfterAnEdit() {
    FlowState state = new FlowState(SymbolFlowConfig.defaults(BTC));
    state.onTrade(1_000, 30_000, 0.5, true);
    state.onTrade(2_000, 30_010, 0.7, false);
    FlowStrategyConfig v1 = FlowStrategyConfig.v53(StrategyId.of("s"), BTC);
    FlowStrategy strategy = new FlowStrategy(v1);

    FlowEvaluation first = strategy.evaluate(state);
    assertThat(first.configHash()).isEqualTo(v1.configHash()).hasSize(16);
    assertThat(first).isEqualTo(FlowStrategy.score(v1, first.inputs()));

    FlowStrategyConfig v2 = v1.withScores(60, 70, 80);
    strategy.update(v2);
    FlowEvaluation second = strategy.evaluate(state);
    assertThat(second.configHash()).isEqualTo(v2.configHash()).isNotEqualTo(v1.configHash());
  }
}
