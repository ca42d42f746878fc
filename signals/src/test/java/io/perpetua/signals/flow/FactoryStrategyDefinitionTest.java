package io.perpetua.signals.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FactoryStrategyDefinitionTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");

  @Test
  void defaults_areValid_andBecomeAFactoryConfig() {
    var d = FactoryStrategyDefinition.defaults("My BTC", "BTCUSDT");
    FlowStrategyConfig c = d.toConfig(StrategyId.of("f1"), "1");
    assertThat(c.family()).isEqualTo(FlowFamily.FACTORY);
    assertThat(c.entryScore()).isEqualTo(75);
    assertThat(c.flipScore()).isEqualTo(80);
    assertThat(c.slMultiplier()).isEqualTo(1.5);
    assertThat(c.tp1Distance(2)).isEqualTo(0.75 * 1.5 * 2);
    assertThat(c.tp2Distance(2)).isEqualTo(1.5 * 1.5 * 2);
    assertThat(c.timeoutMs()).isEqualTo(240 * 60_000L);
    assertThat(c.fastWindow()).isEqualTo(FlowWindow.M30);
    assertThat(c.slowWindow()).isEqualTo(FlowWindow.H4);
    assertThat(c.gates().volMin()).isEqualTo(0.002);
    assertThat(c.configHash())
        .hasSize(16)
        .isEqualTo(d.toConfig(StrategyId.of("f1"), "1").configHash());
    assertThat(c.withVersion("2").configHash()).isNotEqualTo(c.configHash());
  }

  @Test
  void everyOutOfRangeParameter_isReportedByFieldName() {
    var e =
        catchThrowableOfType(
            FlowValidationException.class,
            () ->
                new FactoryStrategyDefinition(
                    "",
                    "BTC",
                    "sideways",
                    999,
                    "1h",
                    "5m",
                    9,
                    4,
                    41,
                    21,
                    59,
                    true,
                    0.00001,
                    true,
                    999,
                    1.1,
                    true,
                    0.05,
                    true,
                    0.02,
                    0.4,
                    2.1,
                    0.4,
                    29,
                    50));
    assertThat(e.errors())
        .extracting(FieldError::field)
        .contains(
            "display_name",
            "symbol",
            "direction",
            "initial_balance",
            "cvd_fast_window",
            "cvd_slow_window",
            "weight_direction",
            "weight_env",
            "weight_aux",
            "weight_momentum",
            "entry_score",
            "vol_min",
            "whale_usd",
            "whale_flow_pct",
            "obi_veto",
            "spot_perp_veto",
            "sl_atr_multiplier",
            "tp1_ratio",
            "tp2_ratio",
            "timeout_minutes",
            "flip_threshold");
    assertThat(e.getMessage()).contains("initial_balance: must be in [1000, 1000000], got 999");
  }

  @Test
  void weightsNotSummingTo100_flipBelowEntry_tp2NotAboveTp1_slowNotLonger() {
    var e =
        catchThrowableOfType(
            FlowValidationException.class,
            () ->
                new FactoryStrategyDefinition(
                    "x", "BTCUSDT", "both", 10_000, "30m", "30m", 55, 25, 15, 6, 80, true, 0.002,
                    true, 100_000, 0.5, true, 0.3, false, 0.003, 1.5, 1.0, 1.0, 240, 79));
    assertThat(e.errors())
        .extracting(FieldError::field)
        .containsExactly("cvd_slow_window", "weights", "tp2_ratio", "flip_threshold");
    assertThat(e.errors().get(1).message()).contains("sum to exactly 100");
  }

  @Test
  void unknownSymbolAndTakenName_failTheContextCheck() {
    var d = FactoryStrategyDefinition.defaults("Alpha", "DOGEUSDT");
    var e =
        catchThrowableOfType(
            FlowValidationException.class, () -> d.checkContext(Set.of(BTC), Set.of(" alpha ")));
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("symbol", "display_name");
    FactoryStrategyDefinition.defaults("Beta", "BTCUSDT").checkContext(Set.of(BTC), Set.of("a"));
  }
}
