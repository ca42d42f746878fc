package io.perpetua.bench.macross;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.core.event.Event;
import io.perpetua.core.event.OrderFilled;
import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.order.Fill;
import io.perpetua.core.time.ManualClock;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.signals.strategy.MaCrossStrategy;
import io.perpetua.trading.kernel.FundingSchedule;
import io.perpetua.trading.kernel.KernelConfig;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.KernelPorts;
import io.perpetua.trading.kernel.MarketPanel;
import io.perpetua.trading.kernel.Pacer;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.venue.SimulatedVenue;
import io.perpetua.trading.venue.SimulatedVenueConfig;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The MA-cross rule on the trading kernel — the code path of every backtest: {@link
 * MaCrossStrategy} decided by an hourly cron with {@code rebalance_days 0}, orders through the
 * pre-trade checks to the {@link SimulatedVenue} (zero fees and slippage, as ta4j's zero cost
 * model), fills at the next bar's close, 1,000,000 USDT, no funding, the default maintenance
 * margin. The pool holds every instrument with a price (long volume window) so it never vetoes the
 * rule.
 *
 * <p>{@link Mode#PER_SYMBOL} runs one kernel per symbol over its own bars (weight 1 when long, as
 * ta4j runs one series at a time); {@link Mode#PANEL} runs one kernel over all symbols on one time
 * axis (equal weight across the pool, the way a portfolio backtest runs). Trades are read from the
 * fill events: a fill that opens a position is an entry, one that flattens it an exit; resizing
 * fills are counted but are not trades.
 *
 * <p>Two workarounds for kernel defects are on by default ({@code workarounds = false} shows the
 * defects): the cron fires at minute 1 ({@code 1 * * * *}), because a timer at exactly a bar's
 * close time decides on the bars before that bar (one bar late); and orders reach the venue through
 * a {@link DistinctOrderIdVenue}, because the kernel repeats a symbol's client order id within a
 * UTC day (the venue refuses the repeat as a duplicate; in a panel run that refusal then crashes
 * the rebalance with a NullPointerException). Neither changes the work per bar.
 *
 * <p>Stateless and thread-safe (every run builds its own kernel).
 */
public final class KernelMaCross {
  /** Every instrument with a price and any volume in ten years: the rule's universe. */
  public static final AssetPoolDefinition POOL =
      new AssetPoolDefinition("every_listed", "usdt_volume", 100_000, 3650, 24, 0);

  /** Hourly, one minute after each hourly bar closes. */
  public static final CronSchedule HOURLY_AFTER_CLOSE = CronSchedule.parse("1 * * * *");

  /** Hourly, at each hourly bar's close time (the kernel decides one bar late on it). */
  public static final CronSchedule HOURLY_AT_CLOSE = CronSchedule.parse("0 * * * *");

  private static final Money CAPITAL = Money.of(1_000_000);

  /** How the symbols are run. */
  public enum Mode {
    /** One kernel per symbol. */
    PER_SYMBOL,
    /** One kernel over the whole panel. */
    PANEL
  }

  /**
   * What a run produced.
   *
   * @param trades entries and exits per symbol
   * @param fills every fill, resizing included
   * @param rejections orders the checks or the venue refused
   * @param firstRejection the first refusal's reason, or null
   */
  public record Result(TradeList trades, int fills, int rejections, String firstRejection) {}

  private KernelMaCross() {}

  /** Runs the rule over {@code data} in {@code mode}, with the workarounds. */
  public static Result run(MaCrossData data, Mode mode, int fast, int slow) {
    return run(data, mode, fast, slow, true);
  }

  /** Runs the rule over {@code data} in {@code mode}, with or without the workarounds. */
  public static Result run(MaCrossData data, Mode mode, int fast, int slow, boolean workarounds) {
    Recorder recorder = new Recorder(data);
    if (mode == Mode.PANEL) {
      runKernel(data.panel(), data.instruments(), fast, slow, recorder, workarounds);
    } else {
      for (int s = 0; s < data.symbolCount(); s++) {
        runKernel(
            data.symbolPanel(s), List.of(data.instrument(s)), fast, slow, recorder, workarounds);
      }
    }
    return recorder.result();
  }

  private static void runKernel(
      MarketPanel panel,
      List<Instrument> instruments,
      int fast,
      int slow,
      Recorder recorder,
      boolean workarounds) {
    long start = panel.openTimes()[0];
    ManualClock clock = new ManualClock(start);
    Map<InstrumentId, Instrument> byId = new HashMap<>();
    instruments.forEach(i -> byId.put(i.id(), i));
    PriceDrivenVenue simulated = new SimulatedVenue(byId, new SimulatedVenueConfig(0, 0, 0), clock);
    PriceDrivenVenue venue = workarounds ? new DistinctOrderIdVenue(simulated) : simulated;
    KernelConfig config =
        new KernelConfig(
            "bench", CAPITAL, workarounds ? HOURLY_AFTER_CLOSE : HOURLY_AT_CLOSE, 0, false);
    TradingKernel kernel =
        new TradingKernel(
            config,
            panel,
            FundingSchedule.none(),
            instruments,
            new MaCrossStrategy(StrategyId.of("ma_cross"), POOL.name(), fast, slow, 1.0),
            POOL,
            new FeatureRegistry(),
            venue,
            clock,
            KernelPorts.backtest(recorder));
    kernel.resume(start);
    kernel.run(Pacer.unpaced());
  }

  /** Turns fill events into per-symbol entries and exits. */
  private static final class Recorder implements KernelListener {
    private final MaCrossData data;
    private final Map<InstrumentId, Integer> symbolIndex = new HashMap<>();
    private final long[] position; // raw quantity per symbol
    private final TradeList.Builder trades;
    private final long barMillis;
    private int fills;
    private int rejections;
    private String firstRejection;

    Recorder(MaCrossData data) {
      this.data = data;
      List<Instrument> instruments = data.instruments();
      for (int s = 0; s < instruments.size(); s++) {
        symbolIndex.put(instruments.get(s).id(), s);
      }
      this.position = new long[instruments.size()];
      this.trades = TradeList.builder(data.symbols());
      this.barMillis = data.timeframe().millis();
    }

    @Override
    public void onEvent(Event event) {
      if (event instanceof OrderFilled filled) {
        onFill(filled.fill());
      } else if (event instanceof OrderRejected rejected) {
        if (rejections++ == 0) {
          firstRejection = rejected.rule() + ": " + rejected.reason();
        }
      }
    }

    private void onFill(Fill fill) {
      fills++;
      int s = symbolIndex.get(fill.instrument());
      long before = position[s];
      long after = before + fill.side().sign() * fill.quantity().raw();
      position[s] = after;
      if ((before == 0) != (after == 0)) {
        int bar = Arrays.binarySearch(data.openTimes(s), fill.timeMs() - barMillis);
        if (bar < 0) {
          throw new IllegalStateException(fill + " is not at a bar close of " + fill.instrument());
        }
        trades.fill(s, bar);
      }
    }

    Result result() {
      return new Result(trades.build(), fills, rejections, firstRejection);
    }
  }
}
