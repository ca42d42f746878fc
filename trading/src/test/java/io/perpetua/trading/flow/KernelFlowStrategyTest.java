package io.perpetua.trading.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.StrategyId;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.signals.flow.FlowStrategyConfig;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TickKernels;
import io.perpetua.trading.kernel.TradingKernel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Order-flow strategies on the trading kernel over seeded synthetic flow: schedules, position
 * limits, cooldowns, flips, exits, balances, learning records and execution KPIs (ported from the
 * tests of the removed standalone paper engine; restart is {@link KernelFlowParityTest}).
 */
class KernelFlowStrategyTest {
  /** A kernel (simulated venue, no journal) running {@code strategy} over {@code ticks}. */
  private static TradingKernel run(
      KernelFlowStrategy strategy, List<FlowTick> ticks, List<String> symbols) {
    TradingKernel k =
        TickKernels.simulated(
            FlowTestKit.instruments(ticks, symbols),
            null,
            new KernelListener() {},
            strategy,
            FlowTestKit.START - 60_000);
    ticks.forEach(k::onTick);
    return k;
  }

  private static KernelFlowStrategy strategy(FlowEngineSettings settings, Recorder rec) {
    return new KernelFlowStrategy(settings.withDefaultWarmupMs(FlowTestKit.WARMUP), rec);
  }

  /** The signal time of a trade: its id is strategy:symbol:signal time. */
  private static long signalMs(String id) {
    return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
  }

  /** The evaluation that flattened {@code t}: the last opposite one before its exit. */
  private static long flipMs(Recorder rec, ClosedFlowTrade t) {
    return rec.evaluations.stream()
        .filter(e -> e.strategyId().equals(t.strategyId()) && e.instrument().equals(t.instrument()))
        .filter(e -> e.direction() == t.direction().opposite() && e.timeMs() <= t.exitTimeMs())
        .mapToLong(io.perpetua.signals.flow.FlowEvaluation::timeMs)
        .max()
        .orElseThrow();
  }

  @Test
  void manySymbols_evaluateOnSchedule_trade_withinLimitsAndCooldowns_andLabel() {
    List<String> symbols = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT");
    List<FlowTick> ticks = FlowTestKit.synthetic(25, 150 * 60_000L, symbols.toArray(String[]::new));
    Recorder rec = new Recorder();
    List<FlowStrategyConfig> configs = FlowTestKit.strategies(symbols);
    KernelFlowStrategy s = strategy(FlowEngineSettings.paper("test-1"), rec);
    configs.forEach(s::upsertStrategy);
    run(s, ticks, symbols);

    // every strategy evaluated every 15 s once warm (75 min of 150): ~300 evaluations per slot
    Map<String, Long> perSlot = new HashMap<>();
    rec.evaluations.forEach(
        e -> perSlot.merge(e.strategyId() + "|" + e.instrument(), 1L, Long::sum));
    assertThat(perSlot).hasSize(configs.size());
    perSlot.values().forEach(n -> assertThat(n).isBetween(295L, 305L));
    for (int i = 1; i < rec.evaluations.size(); i++) {
      assertThat(rec.evaluations.get(i).timeMs() % 15_000).isZero();
    }
    assertThat(rec.features).hasSameSizeAs(rec.evaluations);
    assertThat(rec.features.get(0).toRow())
        .containsKeys("config_hash", "strategy_version", "engine_instance", "cvd_fast", "f_score");
    assertThat(rec.evaluations).anyMatch(e -> e.blockReason().equals(KernelFlowStrategy.COOLDOWN));

    assertWithinLimitsAndCooldowns(rec, s);
    assertTrades(rec, s);
    assertLabels(rec, ticks);
  }

  private static void assertWithinLimitsAndCooldowns(Recorder rec, KernelFlowStrategy s) {
    // trades: entries (closed and still open) within the position limit and the cooldown
    List<String[]> entries = new ArrayList<>(); // id, strategy|symbol, entry, exit
    // a flipped trade ends at the flip's evaluation (its market close confirms with a later trade)
    rec.closed.forEach(
        t ->
            entries.add(
                new String[] {
                  t.id(),
                  t.strategyId() + "|" + t.instrument(),
                  Long.toString(t.entryTimeMs()),
                  Long.toString(
                      t.status() == FlowTradeStatus.SIGNAL_FLIP ? flipMs(rec, t) : t.exitTimeMs())
                }));
    s.openPositions()
        .forEach(
            p ->
                entries.add(
                    new String[] {
                      p.id(),
                      p.strategyId() + "|" + p.instrument(),
                      Long.toString(p.entryTimeMs()),
                      Long.toString(Long.MAX_VALUE)
                    }));
    assertThat(entries).hasSizeGreaterThan(10);
    Map<String, List<Long>> signals = new HashMap<>();
    entries.forEach(e -> signals.computeIfAbsent(e[1], k -> new ArrayList<>()).add(signalMs(e[0])));
    signals.values().forEach(java.util.Collections::sort);
    for (List<Long> times : signals.values()) {
      for (int i = 1; i < times.size(); i++) {
        assertThat(times.get(i) - times.get(i - 1)).as("cooldown").isGreaterThanOrEqualTo(600_000);
      }
    }
    for (String[] e : entries) {
      String strategyId = e[1].substring(0, e[1].indexOf('|'));
      long at = Long.parseLong(e[2]);
      long overlapping =
          entries.stream()
              .filter(o -> o[1].startsWith(strategyId + "|"))
              .filter(o -> Long.parseLong(o[2]) <= at && at < Long.parseLong(o[3]))
              .count();
      assertThat(overlapping).as("max open positions").isLessThanOrEqualTo(4);
    }
  }

  private static void assertTrades(Recorder rec, KernelFlowStrategy s) {
    assertThat(rec.closed).anyMatch(t -> t.status() == FlowTradeStatus.SIGNAL_FLIP);
    // a flip that reversed in the same evaluation (the flattened trade no longer counts against
    // the position limit): an entry at the flip's signal time, marked as opened by a flip
    boolean reversed =
        rec.closed.stream()
                .anyMatch(
                    t ->
                        t.flip()
                            && t.status() != FlowTradeStatus.SIGNAL_FLIP
                            && rec.closed.stream()
                                .anyMatch(
                                    f ->
                                        f.status() == FlowTradeStatus.SIGNAL_FLIP
                                            && f.strategyId().equals(t.strategyId())
                                            && f.instrument().equals(t.instrument())
                                            && f.direction() != t.direction()
                                            && signalMs(t.id()) <= f.exitTimeMs()))
            || s.openPositions().stream().anyMatch(PositionSnapshot::flipped);
    assertThat(reversed).as("a flip that reversed").isTrue();
    assertThat(rec.closed)
        .extracting(ClosedFlowTrade::status)
        .contains(FlowTradeStatus.TP, FlowTradeStatus.SL);
    assertThat(rec.closed).hasSizeGreaterThan(5);
    for (ClosedFlowTrade t : rec.closed) {
      assertThat(t.status().closed()).isTrue();
      assertThat(t.pnlR()).isCloseTo(t.grossR() - t.feeR(), within(1e-9));
      assertThat(t.pnl().toDouble()).isCloseTo(t.pnlR() * t.oneR().toDouble(), within(1e-3));
      if (t.status() == FlowTradeStatus.SL_BE) {
        assertThat(t.grossR()).isGreaterThanOrEqualTo(0);
      }
    }
    // balances move by exactly the closed trades' net pnl (fixed point)
    for (StrategyId id : List.of(StrategyId.of("v51"), StrategyId.of("eager"))) {
      io.perpetua.core.Money pnl =
          rec.closed.stream()
              .filter(t -> t.strategyId().equals(id))
              .map(ClosedFlowTrade::pnl)
              .reduce(io.perpetua.core.Money.ZERO, io.perpetua.core.Money::plus);
      assertThat(s.balance(id)).isEqualTo(io.perpetua.core.Money.of(10_000).plus(pnl));
    }
  }

  private static void assertLabels(Recorder rec, List<FlowTick> ticks) {
    // labels: only directional evaluations older than 60 min, y in {0,1}
    assertThat(rec.labels).isNotEmpty();
    long directionalOldEnough =
        rec.evaluations.stream()
            .filter(e -> e.direction() != FlowDirection.NONE)
            .filter(e -> e.timeMs() + 3_600_000L < ticks.get(ticks.size() - 1).timeMs() - 1000)
            .count();
    assertThat((long) rec.labels.size()).isBetween(directionalOldEnough - 50, directionalOldEnough);
    rec.labels.forEach(l -> assertThat(l.yBinary60m()).isIn(0, 1));
    assertThat(rec.labels).anyMatch(l -> l.yBinary60m() == 1);
  }

  @Test
  void makerExecution_producesKpis_fromTheKernelsFills() {
    List<FlowTick> ticks = FlowTestKit.synthetic(8, 150 * 60_000L, "BTCUSDT");
    Recorder rec = new Recorder();
    KernelFlowStrategy s =
        strategy(
            FlowEngineSettings.paper("maker-1").withExecution(ExecutionSettings.maker(0.1)), rec);
    FlowTestKit.strategies(List.of("BTCUSDT")).forEach(s::upsertStrategy);
    run(s, ticks, List.of("BTCUSDT"));
    ExecutionKpis k = s.kpis();
    assertThat(k.entries()).isGreaterThan(5);
    assertThat(k.entryMakerRatio()).isBetween(0.0, 1.0);
    assertThat(k.closedTrades()).isEqualTo(rec.closed.size());
    assertThat(rec.costs).hasSameSizeAs(rec.closed);
    assertThat(k.toString()).contains("makerAtEntry");
    assertThat(rec.closed).anyMatch(t -> t.makerRatio() > 0);
  }
}
