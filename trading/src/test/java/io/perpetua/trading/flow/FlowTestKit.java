package io.perpetua.trading.flow;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.SyntheticFlowSymbol;
import io.perpetua.market.tick.SyntheticTickGenerator;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.signals.flow.FlowStrategyConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flow strategies on the kernel for tests of other modules: the synthetic market, the factory
 * strategies of {@link KernelFlowStrategyTest} and instruments derived from the first trades.
 */
public final class FlowTestKit {
  /** The synthetic market's start. */
  public static final long START = 1_700_000_000_000L;

  /** The warm-up of the synthetic runs (ATR needs 14 five-minute candles). */
  public static final long WARMUP = 75 * 60_000L;

  private FlowTestKit() {}

  /** Synthetic flow of {@code symbols} (seeded). */
  public static List<FlowTick> synthetic(long seed, long durationMs, List<String> symbols) {
    return synthetic(seed, durationMs, symbols.toArray(String[]::new));
  }

  /**
   * v51, v52, v53 and an eager factory strategy (entry 60, flip 65, 10 min cooldown) per symbol.
   */
  public static List<FlowStrategyConfig> strategies(List<String> symbols) {
    List<FlowStrategyConfig> out = new ArrayList<>();
    for (String s : symbols) {
      InstrumentId id = InstrumentId.fromVenueSymbol(s);
      out.add(FlowStrategyConfig.v51(StrategyId.of("v51"), id));
      out.add(FlowStrategyConfig.v52(StrategyId.of("v52"), id));
      out.add(FlowStrategyConfig.v53(StrategyId.of("v53"), id));
      var def = FactoryStrategyDefinition.defaults("eager " + s, s);
      def =
          new FactoryStrategyDefinition(
              def.displayName(),
              s,
              "both",
              10_000,
              "5m",
              "30m",
              50,
              30,
              10,
              10,
              60,
              true,
              0.0001,
              false,
              50_000,
              0.5,
              false,
              0.5,
              false,
              0.005,
              1.0,
              0.5,
              1.0,
              30,
              65);
      out.add(def.toConfig(StrategyId.of("eager"), "1"));
    }
    return out;
  }

  /** Synthetic flow of {@code symbols} (seeded; BTC, ETH, SOL, XRP, DOGE-like prices). */
  public static List<FlowTick> synthetic(long seed, long durationMs, String... symbols) {
    List<SyntheticFlowSymbol> specs = new ArrayList<>();
    double[] prices = {60_000, 3_000, 150, 0.6, 0.15};
    for (int i = 0; i < symbols.length; i++) {
      specs.add(SyntheticFlowSymbol.preset(symbols[i], prices[i]));
    }
    return new SyntheticTickGenerator(seed, START, specs).generate(durationMs);
  }

  /** v51, v52, v53 and an eager factory strategy on each symbol, as a kernel tick strategy. */
  public static KernelFlowStrategy strategy(List<String> symbols, FlowListener listener) {
    KernelFlowStrategy s =
        new KernelFlowStrategy(
            FlowEngineSettings.paper("kit")
                .withDefaultWarmupMs(WARMUP)
                .withExecution(ExecutionSettings.maker(0.1)),
            listener);
    strategies(symbols).forEach(s::upsertStrategy);
    return s;
  }

  /**
   * Adds to {@code strategy}, on each symbol, a patient factory strategy (widest stop and
   * take-profits, the shortest hold, flips only at 95): its trades end by the hold timeout.
   */
  public static KernelFlowStrategy withPatient(KernelFlowStrategy strategy, List<String> symbols) {
    for (String symbol : symbols) {
      strategy.upsertStrategy(
          new FactoryStrategyDefinition(
                  "patient " + symbol,
                  symbol,
                  "both",
                  10_000,
                  "5m",
                  "30m",
                  50,
                  30,
                  10,
                  10,
                  60,
                  true,
                  0.0001,
                  false,
                  50_000,
                  0.5,
                  false,
                  0.5,
                  false,
                  0.005,
                  3.0,
                  2.0,
                  4.0,
                  30,
                  95)
              .toConfig(StrategyId.of("patient"), "1"));
    }
    return strategy;
  }

  /** The instruments of {@code symbols}, filters derived from each one's first trade. */
  public static List<Instrument> instruments(List<FlowTick> ticks, List<String> symbols) {
    Map<InstrumentId, Instrument> first = new HashMap<>();
    for (FlowTick t : ticks) {
      if (t instanceof AggTrade a) {
        first.putIfAbsent(a.instrument(), Instrument.derivedFrom(a.instrument(), a.price()));
      }
    }
    return symbols.stream().map(s -> first.get(InstrumentId.fromVenueSymbol(s))).toList();
  }
}
