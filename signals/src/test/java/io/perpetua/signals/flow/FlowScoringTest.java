package io.perpetua.signals.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import org.junit.jupiter.api.Test;

/** Pins every scoring rule and gate of spec §3 with hand-built inputs. */
class FlowScoringTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final InstrumentId SOL = InstrumentId.fromVenueSymbol("SOLUSDT");
  private static final FlowDirection L = FlowDirection.LONG;
  private static final FlowDirection S = FlowDirection.SHORT;

  /** Every factor on the long side: v51 raw 105 → capped at 100. */
  private static FlowInputs.Builder perfectLong() {
    return FlowInputs.builder()
        .price(100)
        .atr(1)
        .cvdFast(10)
        .cvdSlow(50)
        .cvdSlope(2)
        .cvdAcceleration(1)
        .largeBuyQty(20)
        .longShortRatio(0.4)
        .topTraderLongShare(0.6)
        .oiChange(0.05)
        .premium(0.001)
        .bookImbalance(0.1)
        .fundingRate(-0.001)
        .maxAbsFunding(0.001)
        .liquidatedShortUsd(300_000)
        .liquidatedLongUsd(100_000);
  }

  @Test
  void v51_everyLayerAtMaximum_capsAt100() {
    FlowScore s = FlowScoring.v51(perfectLong().build());
    assertThat(s.direction()).isEqualTo(L);
    assertThat(s.gatePassed()).isTrue();
    assertThat(s.factors())
        .containsEntry("direction", 50.0)
        .containsEntry("crowding", 20.0)
        .containsEntry("environment", 15.0)
        .containsEntry("confirmation", 15.0)
        .containsEntry("auxiliary", 5.0);
    assertThat(s.score()).isEqualTo(100);
  }

  @Test
  void v51_directionSubScores() {
    var b = perfectLong();
    assertThat(FlowScoring.v51Direction(b.build(), L, true, new java.util.HashMap<>()))
        .isEqualTo(50);
    // P99: no large trade at all -> 10; opposing net -> 0; net ours despite some opposing -> 15
    assertThat(FlowScoring.p99Alignment(b.largeBuyQty(0).build(), L, 15, 10)).isEqualTo(10);
    assertThat(FlowScoring.p99Alignment(b.largeBuyQty(1).largeSellQty(3).build(), L, 15, 10))
        .isZero();
    assertThat(FlowScoring.p99Alignment(b.largeBuyQty(5).largeSellQty(3).build(), L, 15, 10))
        .isEqualTo(15);
    assertThat(FlowScoring.p99Alignment(b.largeBuyQty(0).largeSellQty(3).build(), S, 15, 10))
        .isEqualTo(15);
    // acceleration: absent (first evaluations) or against -> 0
    assertThat(FlowScoring.accelerationAgrees(b.cvdAcceleration(Double.NaN).build(), L)).isFalse();
    assertThat(FlowScoring.accelerationAgrees(b.cvdAcceleration(-1).build(), L)).isFalse();
    assertThat(FlowScoring.accelerationAgrees(b.cvdAcceleration(-1).build(), S)).isTrue();
  }

  @Test
  void v51_mixedCvds_followFastButNeverOpen() {
    FlowScore s = FlowScoring.v51(perfectLong().cvdSlow(-5).build());
    assertThat(s.direction()).isEqualTo(L);
    assertThat(s.gatePassed()).isFalse();
    assertThat(s.blockReason()).isEqualTo("no_direction");
    assertThat(s.factors()).containsEntry("confirmation", 0.0).containsEntry("direction", 35.0);
    var cfg = FlowStrategyConfig.v51(StrategyId.of("v51"), BTC);
    assertThat(FlowStrategy.score(cfg, perfectLong().cvdSlow(-5).build()).opens()).isFalse();
    FlowScore none = FlowScoring.v51(perfectLong().cvdFast(0).build());
    assertThat(none.direction()).isEqualTo(FlowDirection.NONE);
    assertThat(none.blockReason()).isEqualTo("no_direction");
  }

  @Test
  void v51_crowdingBands() {
    assertThat(FlowScoring.v51LongShort(0.49, L)).isEqualTo(10);
    assertThat(FlowScoring.v51LongShort(0.5, L)).isEqualTo(5);
    assertThat(FlowScoring.v51LongShort(0.67, L)).isEqualTo(5);
    assertThat(FlowScoring.v51LongShort(0.68, L)).isZero();
    assertThat(FlowScoring.v51LongShort(2.01, S)).isEqualTo(10);
    assertThat(FlowScoring.v51LongShort(2.0, S)).isEqualTo(5);
    assertThat(FlowScoring.v51LongShort(1.5, S)).isEqualTo(5);
    assertThat(FlowScoring.v51LongShort(1.49, S)).isZero();
    assertThat(FlowScoring.v51LongShort(0.4, S)).isZero();
    assertThat(FlowScoring.v51LongShort(Double.NaN, L)).isEqualTo(5);
    assertThat(FlowScoring.topTraders(0.55, L)).isEqualTo(10);
    assertThat(FlowScoring.topTraders(0.5, L)).isEqualTo(5);
    assertThat(FlowScoring.topTraders(0.45, L)).isZero();
    assertThat(FlowScoring.topTraders(0.45, S)).isEqualTo(10);
    assertThat(FlowScoring.topTraders(0.6, S)).isZero();
    assertThat(FlowScoring.topTraders(Double.NaN, S)).isEqualTo(5);
  }

  @Test
  void v51_environmentAndAuxiliary() {
    assertThat(FlowScoring.v51Environment(0.03)).isEqualTo(15);
    assertThat(FlowScoring.v51Environment(0.0001)).isEqualTo(10);
    assertThat(FlowScoring.v51Environment(0)).isEqualTo(5);
    assertThat(FlowScoring.v51Environment(-0.1)).isEqualTo(5);
    assertThat(FlowScoring.v51Environment(Double.NaN)).isEqualTo(5);
    // 5 only beyond 0.05 % on our side (the original's rule); within ±0.05 % → 2
    assertThat(FlowScoring.auxiliary(0.0006, L)).isEqualTo(5);
    assertThat(FlowScoring.auxiliary(-0.0006, S)).isEqualTo(5);
    assertThat(FlowScoring.auxiliary(0.0005, L)).isEqualTo(2);
    assertThat(FlowScoring.auxiliary(0.0001, L)).isEqualTo(2);
    assertThat(FlowScoring.auxiliary(-0.0001, S)).isEqualTo(2);
    assertThat(FlowScoring.auxiliary(0, L)).isEqualTo(2);
    assertThat(FlowScoring.auxiliary(-0.0005, L)).isEqualTo(2);
    assertThat(FlowScoring.auxiliary(-0.0006, L)).isZero();
    assertThat(FlowScoring.auxiliary(Double.NaN, L)).isEqualTo(2);
  }

  @Test
  void tiers_entryStandardHeavy_andDirectionFilter() {
    var cfg = FlowStrategyConfig.v51(StrategyId.of("v51"), BTC);
    // 15+15+10 (no large) +0 accel + crowding 10 (missing) + env 5 + conf 15 + aux 2 = 72
    var base =
        FlowInputs.builder().cvdFast(1).cvdSlow(1).cvdAcceleration(Double.NaN).premium(Double.NaN);
    FlowEvaluation e = FlowStrategy.score(cfg, base.build());
    assertThat(e.score()).isEqualTo(72);
    assertThat(e.tier()).isEqualTo(FlowTier.NONE);
    assertThat(e.blockReason()).isEqualTo("below_entry");
    e = FlowStrategy.score(cfg, base.largeBuyQty(1).build()); // +5 -> 77
    assertThat(e.score()).isEqualTo(77);
    assertThat(e.tier()).isEqualTo(FlowTier.STANDARD);
    e = FlowStrategy.score(cfg, base.oiChange(0.05).premium(0.001).build()); // 77+10+3 = 90
    assertThat(e.score()).isEqualTo(90);
    assertThat(e.tier()).isEqualTo(FlowTier.HEAVY);
    assertThat(e.opens()).isTrue();
    assertThat(e.factors()).containsKey("direction");
    var shortOnly =
        new FlowStrategyConfig(
            cfg.id(),
            "1",
            cfg.family(),
            BTC,
            DirectionFilter.SHORT_ONLY,
            cfg.fastWindow(),
            cfg.slowWindow(),
            15_000,
            75,
            85,
            85,
            600_000,
            4,
            cfg.levelUnit(),
            1.4,
            1.05,
            2.1,
            1,
            0.02,
            1.5,
            cfg.gates(),
            null,
            10_000);
    e = FlowStrategy.score(shortOnly, base.build());
    assertThat(e.blockReason()).isEqualTo("direction_filter");
    assertThat(e.opens()).isFalse();
  }

  @Test
  void v52_layersAndFundingAndLiquidation() {
    FlowScore s = FlowScoring.v52(perfectLong().build());
    assertThat(s.factors().get("direction")).isCloseTo(40, within(1e-12));
    assertThat(s.factors().get("crowding")).isCloseTo(18, within(1e-12));
    assertThat(s.factors().get("environment")).isCloseTo(12, within(1e-12));
    assertThat(s.factors())
        .containsEntry("funding", 5.0)
        .containsEntry("confirmation", 15.0)
        .containsEntry("liquidation", 5.0)
        .containsEntry("auxiliary", 5.0);
    assertThat(s.score()).isCloseTo(100, within(1e-9));
    assertThat(s.factors()).doesNotContainKey("direction.acceleration");
    // funding: on our side proportional, capped at 5; against or unknown 0
    assertThat(FlowScoring.funding(-0.0005, 0.001, L)).isEqualTo(2.5);
    assertThat(FlowScoring.funding(-0.002, 0.001, L)).isEqualTo(5);
    assertThat(FlowScoring.funding(0.0005, 0.001, S)).isEqualTo(2.5);
    assertThat(FlowScoring.funding(0.0005, 0.001, L)).isZero();
    assertThat(FlowScoring.funding(Double.NaN, 0.001, L)).isZero();
    assertThat(FlowScoring.funding(-0.001, Double.NaN, L)).isZero();
    // liquidation ratio = opposite / own over 5 min
    var b = FlowInputs.builder();
    assertThat(FlowScoring.liquidation(b.liquidatedShortUsd(200).liquidatedLongUsd(100).build(), L))
        .isEqualTo(5);
    assertThat(FlowScoring.liquidation(b.liquidatedShortUsd(150).build(), L)).isEqualTo(3);
    assertThat(FlowScoring.liquidation(b.liquidatedShortUsd(120).build(), L)).isEqualTo(1);
    assertThat(FlowScoring.liquidation(b.liquidatedShortUsd(119).build(), L)).isZero();
    assertThat(FlowScoring.liquidation(b.liquidatedShortUsd(100).liquidatedLongUsd(0).build(), L))
        .isEqualTo(5);
    assertThat(FlowScoring.liquidation(b.liquidatedShortUsd(0).liquidatedLongUsd(0).build(), L))
        .isZero();
    assertThat(FlowScoring.liquidation(b.liquidatedShortUsd(10).liquidatedLongUsd(30).build(), S))
        .isEqualTo(5);
  }

  @Test
  void v53_gatesInOrder_eachVetoesWithItsReason() {
    GateSettings btc = GateSettings.defaultsFor(BTC).withSpotPerp(true, 0.003);
    var ok = perfectLong().price(100).atr(0.5).spotPerpDivergence(0);
    assertThat(FlowScoring.v53(ok.build(), btc).gatePassed()).isTrue();
    // (0) missing ATR
    assertThat(FlowScoring.v53(ok.atr(Double.NaN).build(), btc).blockReason())
        .isEqualTo("missing_feature:atr");
    // (1) volatility floor: ATR/price 0.0019 < 0.002 (and it comes before resonance)
    FlowScore v = FlowScoring.v53(ok.atr(0.19).cvdSlow(-1).build(), btc);
    assertThat(v.blockReason()).isEqualTo("vol_floor");
    assertThat(v.score()).isZero();
    assertThat(FlowScoring.v53(ok.atr(0.2).cvdSlow(1).build(), btc).gatePassed()).isTrue();
    // (2) resonance
    assertThat(FlowScoring.v53(ok.cvdSlow(-1).build(), btc).blockReason())
        .isEqualTo("cvd_resonance");
    assertThat(FlowScoring.v53(ok.cvdSlow(0).build(), btc).blockReason())
        .isEqualTo("cvd_resonance");
    ok.cvdSlow(1);
    // (3) BTC whale flow ratio opposing by more than 0.5 (but not at exactly 0.5)
    assertThat(FlowScoring.v53(ok.whaleBuyUsd(100).whaleSellUsd(400).build(), btc).blockReason())
        .isEqualTo("whale");
    assertThat(FlowScoring.v53(ok.whaleBuyUsd(100).whaleSellUsd(300).build(), btc).gatePassed())
        .isTrue();
    ok.whaleBuyUsd(0).whaleSellUsd(0);
    // (4) OBI against us beyond 0.30; missing OBI blocks
    assertThat(FlowScoring.v53(ok.bookImbalance(-0.31).build(), btc).blockReason())
        .isEqualTo("obi");
    assertThat(FlowScoring.v53(ok.bookImbalance(-0.30).build(), btc).gatePassed()).isTrue();
    assertThat(FlowScoring.v53(ok.bookImbalance(0.9).build(), btc).gatePassed()).isTrue();
    assertThat(FlowScoring.v53(ok.bookImbalance(Double.NaN).build(), btc).blockReason())
        .isEqualTo("missing_feature:obi");
    ok.bookImbalance(0);
    // (5) spot-perp divergence against us (when on); off by default
    assertThat(FlowScoring.v53(ok.spotPerpDivergence(-0.004).build(), btc).blockReason())
        .isEqualTo("spot_perp");
    assertThat(FlowScoring.v53(ok.build(), GateSettings.defaultsFor(BTC)).gatePassed()).isTrue();
    assertThat(FlowScoring.v53(ok.spotPerpDivergence(Double.NaN).build(), btc).blockReason())
        .isEqualTo("missing_feature:spot_perp");
    // short side mirrors: OBI +0.31 vetoes a short
    var shortOk = ok.cvdFast(-1).cvdSlow(-1).spotPerpDivergence(0).bookImbalance(0.31);
    assertThat(FlowScoring.v53(shortOk.build(), btc).blockReason()).isEqualTo("obi");
  }

  @Test
  void v53_largestTradeWhaleRule_forOtherSymbols() {
    GateSettings sol = GateSettings.defaultsFor(SOL); // $20k
    var b = perfectLong().price(100).atr(1).bookImbalance(0);
    assertThat(FlowScoring.v53(b.maxSellNotional(25_000).build(), sol).blockReason())
        .isEqualTo("whale");
    assertThat(FlowScoring.v53(b.maxBuyNotional(20_000).build(), sol).gatePassed()).isTrue();
    assertThat(FlowScoring.v53(b.maxBuyNotional(19_999).build(), sol).blockReason())
        .isEqualTo("whale");
    assertThat(FlowScoring.v53(b.maxSellNotional(19_999).build(), sol).gatePassed()).isTrue();
  }

  @Test
  void v53_perSymbolDefaults() {
    assertThat(GateSettings.defaultsFor(BTC).volMin()).isEqualTo(0.002);
    assertThat(GateSettings.defaultsFor(BTC).whaleMode())
        .isEqualTo(GateSettings.WhaleGateMode.FLOW_RATIO);
    assertThat(GateSettings.defaultsFor(InstrumentId.fromVenueSymbol("ETHUSDT")).whaleUsd())
        .isEqualTo(50_000);
    assertThat(GateSettings.defaultsFor(SOL).obiVeto()).isEqualTo(0.45);
    var xrp = GateSettings.defaultsFor(InstrumentId.fromVenueSymbol("XRPUSDT"));
    assertThat(xrp.volMin()).isEqualTo(0.0025);
    assertThat(xrp.spotPerpVeto()).isEqualTo(0.006);
    assertThat(xrp.spotPerpOn()).isFalse();
  }

  @Test
  void v53_layers_scaledIntoTheDefaultWeights() {
    GateSettings g = GateSettings.defaultsFor(BTC);
    FlowScore s = FlowScoring.v53(perfectLong().build(), g);
    // raw 55/25/15/5 into the default weights 55/25/15/5: caps 41.25/18.75/25/15
    assertThat(s.factors())
        .containsEntry("direction", 41.25)
        .containsEntry("crowding", 18.75)
        .containsEntry("environment", 25.0)
        .containsEntry("auxiliary", 15.0);
    assertThat(s.score()).isEqualTo(100);
    // raw direction 30 + 10 (no large trade) + 0 (no acceleration) = 40 → 40/55 × 41.25 = 30
    FlowScore mid =
        FlowScoring.v53(perfectLong().largeBuyQty(0).cvdAcceleration(Double.NaN).build(), g);
    assertThat(mid.factors()).containsEntry("direction", 30.0).containsEntry("direction.p99", 10.0);
    var cfg = FlowStrategyConfig.v53(StrategyId.of("v53"), BTC);
    assertThat(cfg.flipScore()).isEqualTo(85);
    assertThat(FlowStrategy.score(cfg, perfectLong().build()).tier()).isEqualTo(FlowTier.HEAVY);
  }

  @Test
  void v53_longShortRatio_isStepped15_10_7_0() {
    assertThat(GatedScoring.longShort(0.49, L)).isEqualTo(15);
    assertThat(GatedScoring.longShort(0.5, L)).isEqualTo(10);
    assertThat(GatedScoring.longShort(0.69, L)).isEqualTo(10);
    assertThat(GatedScoring.longShort(0.7, L)).isEqualTo(7);
    assertThat(GatedScoring.longShort(0.99, L)).isEqualTo(7);
    assertThat(GatedScoring.longShort(1.0, L)).isZero();
    assertThat(GatedScoring.longShort(2.01, S)).isEqualTo(15);
    assertThat(GatedScoring.longShort(2.0, S)).isEqualTo(10);
    assertThat(GatedScoring.longShort(1.51, S)).isEqualTo(10);
    assertThat(GatedScoring.longShort(1.5, S)).isEqualTo(7);
    assertThat(GatedScoring.longShort(1.01, S)).isEqualTo(7);
    assertThat(GatedScoring.longShort(1.0, S)).isZero();
    assertThat(GatedScoring.longShort(Double.NaN, S)).isEqualTo(7);
    // top traders at exactly 45 % / 55 % on the long share, both sides
    assertThat(FlowScoring.topTraders(0.45, S)).isEqualTo(10);
    assertThat(FlowScoring.topTraders(0.55, S)).isZero();
    assertThat(FlowScoring.topTraders(0.55, L)).isEqualTo(10);
  }

  @Test
  void v53_openInterestEnvironment_is15_10_5_andMissingIs10() {
    assertThat(GatedScoring.environment(0.03)).isEqualTo(15);
    assertThat(GatedScoring.environment(0.0299)).isEqualTo(10);
    assertThat(GatedScoring.environment(1e-9)).isEqualTo(10);
    assertThat(GatedScoring.environment(0)).isEqualTo(5);
    assertThat(GatedScoring.environment(-0.02)).isEqualTo(5);
    assertThat(GatedScoring.environment(Double.NaN)).isEqualTo(10);
  }

  @Test
  void v53_p99Flow_anyAlignedLargeTradeScores20() {
    var b = perfectLong();
    assertThat(GatedScoring.p99Flow(b.largeBuyQty(1).largeSellQty(30).build(), L)).isEqualTo(20);
    assertThat(GatedScoring.p99Flow(b.largeBuyQty(0).largeSellQty(0).build(), L)).isEqualTo(10);
    assertThat(GatedScoring.p99Flow(b.largeBuyQty(0).largeSellQty(3).build(), L)).isZero();
    assertThat(GatedScoring.p99Flow(b.largeBuyQty(3).largeSellQty(0).build(), S)).isZero();
  }

  @Test
  void totals_areRoundedTo0_1BeforeTheThresholds() {
    assertThat(GatedScoring.round(74.95, 1)).isEqualTo(75.0); // binary 74.950000000000003
    assertThat(GatedScoring.round(0.25, 1)).isEqualTo(0.2); // exact tie: half-even
    assertThat(GatedScoring.round(2.675, 2)).isEqualTo(2.67); // binary 2.67499999...
    // weights 40/40/10/10, raw 40/25/5/2: 25 + 15.625 + 13.333… + 4 = 57.958… → 58.0
    var in =
        perfectLong().largeBuyQty(0).cvdAcceleration(Double.NaN).oiChange(0).premium(0).build();
    FlowScore s =
        FlowScoring.factory(in, GateSettings.defaultsFor(BTC), new FactoryWeights(40, 40, 10, 10));
    assertThat(s.score()).isEqualTo(58.0);
    // with the premium on our side: 25 + 15.625 + 13.333… + 10 = 63.958… < 64, rounded 64.0:
    // entry score 64 opens only because the total is rounded first
    var def =
        new FactoryStrategyDefinition(
            "r", "BTCUSDT", "both", 10_000, "30m", "4h", 40, 40, 10, 10, 64, false, 0.002, false,
            100_000, 0.5, false, 0.3, false, 0.003, 1.5, 0.75, 1.5, 240, 80);
    FlowEvaluation ev =
        FlowStrategy.score(
            def.toConfig(StrategyId.of("r"), "1"),
            perfectLong()
                .largeBuyQty(0)
                .cvdAcceleration(Double.NaN)
                .oiChange(0)
                .premium(0.001)
                .build());
    assertThat(ev.score()).isEqualTo(64.0);
    assertThat(ev.opens()).isTrue();
  }

  @Test
  void cvdGateSwitch_offLetsDisagreeingCvdsScoreWithoutResonance() {
    GateSettings on = GateSettings.defaultsFor(BTC);
    GateSettings off = on.withCvdGate(false);
    var mixed = perfectLong().cvdFast(10).cvdSlow(-50);
    assertThat(FlowScoring.v53(mixed.build(), on).blockReason()).isEqualTo("cvd_resonance");
    FlowScore s = FlowScoring.v53(mixed.build(), off);
    assertThat(s.gatePassed()).isTrue();
    assertThat(s.direction()).isEqualTo(L);
    assertThat(s.factors()).containsEntry("direction.resonance", 0.0);
    // raw direction 0 + 20 + 5 = 25 → 18.75; the rest at maximum: 18.75 + 25 + 15
    assertThat(s.score()).isEqualTo(77.5);
    // a zero fast CVD points SHORT (the original's "LONG if cvd_fast > 0 else SHORT")
    FlowScore zero = FlowScoring.v53(perfectLong().cvdFast(0).cvdSlow(0).build(), off);
    assertThat(zero.direction()).isEqualTo(S);
  }

  @Test
  void factory_scalesRawLayersIntoWeights() {
    GateSettings g = GateSettings.defaultsFor(BTC);
    var w = FactoryWeights.defaults(); // 55/25/15/5
    assertThat(w.directionShare()).isEqualTo(41.25);
    assertThat(w.crowdingShare()).isEqualTo(18.75);
    assertThat(w.environmentShare()).isEqualTo(25);
    assertThat(w.auxiliaryShare()).isEqualTo(15);
    FlowScore full = FlowScoring.factory(perfectLong().build(), g, w);
    assertThat(full.score()).isCloseTo(100, within(1e-9));
    // direction raw 40/55, crowding 25/25 at LSR .4 + top .6, env 5/15 (OI change 0), aux 2/5;
    // layers are reported rounded to 0.01 (15.625 is an exact tie: half-even 15.62)
    var in =
        perfectLong().largeBuyQty(0).cvdAcceleration(Double.NaN).oiChange(0).premium(0).build();
    FlowScore s = FlowScoring.factory(in, g, new FactoryWeights(40, 40, 10, 10));
    assertThat(s.factors().get("direction")).isEqualTo(25.0);
    assertThat(s.factors().get("crowding")).isEqualTo(15.62);
    assertThat(s.factors().get("environment")).isEqualTo(13.33);
    assertThat(s.factors().get("auxiliary")).isEqualTo(4.0);
    assertThat(s.score()).isEqualTo(58.0);
    // the factory's heavy tier is its flip threshold
    var def = FactoryStrategyDefinition.defaults("h", "BTCUSDT");
    assertThat(def.toConfig(StrategyId.of("h"), "1").heavyScore()).isEqualTo(def.flipThreshold());
    // a failed gate makes it 0
    FlowScore blocked = FlowScoring.factory(perfectLong().atr(0.01).build(), g, w);
    assertThat(blocked.score()).isZero();
    assertThat(blocked.blockReason()).isEqualTo("vol_floor");
    // gates off: the same inputs pass
    assertThat(
            FlowScoring.factory(perfectLong().atr(0.01).build(), g.withVolFloor(false, 0.002), w)
                .gatePassed())
        .isTrue();
  }
}
