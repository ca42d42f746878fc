package io.perpetua.trading.kernel;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.core.time.ManualClock;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.signals.strategy.RankLongShortStrategy;
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.port.TradingJournal;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.venue.SimulatedVenue;
import io.perpetua.trading.venue.SimulatedVenueConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Kernels without bars, driven by ticks only ({@link TradingKernel#onTick}): order-flow paper
 * trading and backtests (over a {@link SimulatedVenue}) and tick-driven runs over any venue. The
 * bar strategy slot holds an idle placeholder (no bars, so it never decides); the account starts
 * with {@link #CAPITAL} unless given (flow strategies size from their own balances). Stateless.
 */
public final class TickKernels {
  /** The account's opening wallet unless given: flow strategies size from their own balances. */
  public static final Money CAPITAL = Money.parse("1000000");

  private TickKernels() {}

  /** A resumed tick kernel over a fresh {@link SimulatedVenue} with default fees and slippage. */
  public static TradingKernel simulated(
      List<Instrument> instruments,
      TradingJournal journal,
      KernelListener listener,
      TickStrategy strategy,
      long startMs) {
    return simulated(instruments, journal, listener, strategy, startMs, RiskEngine.unlimited());
  }

  /** {@link #simulated} with the risk engine {@code risk} in front of every order. */
  public static TradingKernel simulated(
      List<Instrument> instruments,
      TradingJournal journal,
      KernelListener listener,
      TickStrategy strategy,
      long startMs,
      RiskEngine risk) {
    return over(
        instruments,
        journal,
        listener,
        strategy,
        startMs,
        risk,
        clock -> {
          Map<InstrumentId, Instrument> byId = new HashMap<>();
          instruments.forEach(i -> byId.put(i.id(), i));
          return new SimulatedVenue(byId, SimulatedVenueConfig.defaults(), clock);
        });
  }

  /**
   * A resumed tick kernel (account {@code flow}) over the venue {@code venue} builds on the kernel
   * clock; {@code journal} may be null (a backtest that keeps nothing).
   */
  public static TradingKernel over(
      List<Instrument> instruments,
      TradingJournal journal,
      KernelListener listener,
      TickStrategy strategy,
      long startMs,
      Function<ManualClock, PriceDrivenVenue> venue) {
    return over(instruments, journal, listener, strategy, startMs, RiskEngine.unlimited(), venue);
  }

  /** {@link #over} with the risk engine {@code risk} in front of every order. */
  public static TradingKernel over(
      List<Instrument> instruments,
      TradingJournal journal,
      KernelListener listener,
      TickStrategy strategy,
      long startMs,
      RiskEngine risk,
      Function<ManualClock, PriceDrivenVenue> venue) {
    return over(instruments, journal, listener, strategy, startMs, risk, CAPITAL, venue);
  }

  /**
   * {@link #over} with the risk engine {@code risk} and an account that opens with {@code capital}
   * (a live account: the venue's wallet, so that reconciliation compares like with like).
   */
  public static TradingKernel over(
      List<Instrument> instruments,
      TradingJournal journal,
      KernelListener listener,
      TickStrategy strategy,
      long startMs,
      RiskEngine risk,
      Money capital,
      Function<ManualClock, PriceDrivenVenue> venue) {
    KernelConfig config =
        new KernelConfig("flow", capital, CronSchedule.parse("59 23 * * *"), 1, false);
    return over(config, instruments, journal, listener, strategy, startMs, risk, venue);
  }

  /**
   * {@link #over} on the account of {@code config} (its id and initial capital); {@code strategy}
   * may be null (a kernel whose orders are all decided outside it: {@link AccountKernel}).
   */
  public static TradingKernel over(
      KernelConfig config,
      List<Instrument> instruments,
      TradingJournal journal,
      KernelListener listener,
      TickStrategy strategy,
      long startMs,
      RiskEngine risk,
      Function<ManualClock, PriceDrivenVenue> venue) {
    ManualClock clock = new ManualClock(startMs);
    List<InstrumentId> ids = instruments.stream().map(Instrument::id).toList();
    MarketPanel empty = new MarketPanel(ids, new long[0], 3_600_000L, new double[0], new double[0]);
    var bars =
        new RankLongShortStrategy(
            StrategyId.of("bars"),
            "default",
            List.of("zscore_neg_ret_2h"),
            new double[] {1.0},
            1,
            1,
            1.0);
    TradingKernel k =
        new TradingKernel(
            config,
            empty,
            FundingSchedule.none(),
            instruments,
            bars,
            AssetPoolDefinition.defaultPool(),
            new FeatureRegistry(),
            venue.apply(clock),
            clock,
            new KernelPorts(journal, new InMemoryPlatformState(), listener, () -> 0L, risk));
    if (strategy != null) {
      k.addTickStrategy(strategy);
    }
    k.resume(startMs);
    return k;
  }
}
