package io.perpetua.backtest.engine;

import io.perpetua.analytics.metrics.MetricsCalculator;
import io.perpetua.backtest.BacktestCancelledException;
import io.perpetua.backtest.BacktestRunner;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.time.ManualClock;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.jobs.CostBreakdown;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.RunActivity;
import io.perpetua.jobs.SymbolAttribution;
import io.perpetua.jobs.TradeRecord;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.feature.SharedFeatures;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.trading.kernel.KernelConfig;
import io.perpetua.trading.kernel.KernelPorts;
import io.perpetua.trading.kernel.Pacer;
import io.perpetua.trading.kernel.SeriesFundingSchedule;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.risk.CircuitBreakers;
import io.perpetua.trading.risk.InMemoryRiskStore;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.risk.RiskLimits;
import io.perpetua.trading.venue.SimulatedVenue;
import io.perpetua.trading.venue.SimulatedVenueConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * The backtester: the same {@link TradingKernel} as paper and live, driven by a replay clock over
 * the requested range with the simulated venue's cost model, then measured. History before {@code
 * start} (the warm-up) is visible to the strategy but not traded or measured.
 *
 * <p>Thread-safe: every run builds its own kernel; the {@link StrategyResolver} and {@link
 * MarketSource} must be thread-safe.
 */
public final class BacktestEngine implements BacktestRunner {
  private static final String LIQUIDATED = "liquidated";
  private final StrategyResolver strategies;
  private final MarketSource market;
  private final Options options;
  private final SharedFeatures sharedFeatures;

  /**
   * Engine-wide settings.
   *
   * @param warmupDays history loaded before {@code start} for pools and features
   * @param fundingFallbackRate funding per 8 h where no history exists (0 = none)
   * @param maintenanceMarginRate liquidation threshold on gross notional
   */
  public record Options(
      int warmupDays,
      double fundingFallbackRate,
      double maintenanceMarginRate,
      RiskConfig risk,
      double riskCapital) {
    /**
     * 35 days of warm-up (a 30-day pool window), 0.01 % funding fallback, 0.4 % maintenance, and a
     * risk engine without limits.
     */
    public static Options defaults() {
      return new Options(
          35, 0.0001, KernelConfig.DEFAULT_MAINTENANCE_MARGIN_RATE, RiskConfig.unlimited(), 0);
    }

    /**
     * These options with the risk limits of {@code config}, whose money amounts were written for an
     * account of {@code capital} USDT and scale with each backtest's capital.
     */
    public Options withRisk(RiskConfig config, double capital) {
      return new Options(warmupDays, fundingFallbackRate, maintenanceMarginRate, config, capital);
    }

    RiskEngine riskEngine(double runCapital) {
      RiskConfig c = riskCapital > 0 ? risk.scaleMoney(runCapital / riskCapital) : risk;
      return RiskEngine.open(c, new InMemoryRiskStore(), System::currentTimeMillis);
    }
  }

  /** An engine over the given strategies and data; every run computes its own features. */
  public BacktestEngine(StrategyResolver strategies, MarketSource market, Options options) {
    this(strategies, market, options, null);
  }

  /**
   * An engine whose runs share feature values through {@code sharedFeatures} (null: no sharing)
   * whenever {@code market} hands them the same loaded data, e.g. the trials of a sweep over a
   * {@code CachingMarketSource}: each (feature, time slice, pool) is computed once and copied to
   * every later run — bit-identical results, less work.
   */
  public BacktestEngine(
      StrategyResolver strategies,
      MarketSource market,
      Options options,
      SharedFeatures sharedFeatures) {
    this.strategies = strategies;
    this.market = market;
    this.options = options;
    this.sharedFeatures = sharedFeatures;
  }

  /**
   * Runs {@code r}. When a risk halt skipped a rebalance, the same run is replayed once more with
   * the halting rules (drawdown halt, circuit breakers) switched off, and its metrics are attached
   * as {@link RunActivity#unhalted()}: the report then shows the strategy's own figures beside the
   * halted book's.
   */
  @Override
  public BacktestResult run(BacktestRequest r, DoubleConsumer progress, BooleanSupplier cancelled) {
    BacktestResult result = runOnce(r, progress, cancelled, options.riskEngine(r.capital()));
    boolean riskHalt =
        result.activity().skippedRebalances().stream()
            .anyMatch(s -> !LIQUIDATED.equals(s.reason()));
    if (!riskHalt) {
      return result;
    }
    RiskConfig c = options.risk();
    RiskConfig noHalts =
        new RiskConfig(
            new RiskLimits(
                c.limits().maxPositionPct(),
                c.limits().maxTotalExposure(),
                Double.POSITIVE_INFINITY,
                c.limits().minBalanceReserve(),
                c.limits().maxOrderValue(),
                c.limits().maxDailyTurnover(),
                c.limits().blacklist(),
                c.limits().dryRun()),
            CircuitBreakers.off(),
            c.warningRatio());
    Metrics unhalted =
        runOnce(
                r,
                p -> {},
                cancelled,
                options.withRisk(noHalts, options.riskCapital()).riskEngine(r.capital()))
            .metrics();
    return new BacktestResult(
        result.request(),
        result.metrics(),
        result.equity(),
        result.trades(),
        result.costs(),
        result.attribution(),
        result.activity().withUnhalted(unhalted),
        result.symbolBars(),
        result.elapsedMs());
  }

  private BacktestResult runOnce(
      BacktestRequest r, DoubleConsumer progress, BooleanSupplier cancelled, RiskEngine risk) {
    long started = System.nanoTime();
    validate(r);
    Map<String, Object> params = new LinkedHashMap<>(r.parameters());
    params.putIfAbsent("gross_exposure", r.leverage());
    StrategyResolver.Resolved s = strategies.resolve(r.strategy(), params);
    long startMs = r.start().toEpochMilli();
    long endMs = r.end().toEpochMilli();
    long fromMs = startMs - warmupDays(s.pool()) * 86_400_000L;
    MarketSource.MarketData data =
        market.load(r.timeframe(), r.dataSource(), r.symbols(), fromMs, endMs);
    if (data.panel().size() == 0 || data.panel().closeTime(data.panel().size() - 1) <= startMs) {
      throw new IllegalArgumentException(
          "start: no " + r.timeframe() + " data between " + r.start() + " and " + r.end());
    }
    ManualClock clock = new ManualClock(fromMs);
    Map<InstrumentId, Instrument> byId = new HashMap<>();
    data.instruments().forEach(i -> byId.put(i.id(), i));
    SimulatedVenue venue =
        new SimulatedVenue(
            byId,
            new SimulatedVenueConfig(
                r.feeBps(), r.makerFeeBps(), r.slippageBps(), r.impactLambda(), 0L),
            clock);
    int rebalanceDays = r.rebalanceDays() != null ? r.rebalanceDays() : s.rebalanceDays();
    KernelConfig config =
        new KernelConfig(
            "backtest",
            Money.of(r.capital()),
            s.cron(),
            rebalanceDays,
            false,
            options.maintenanceMarginRate());
    RunRecorder recorder = new RunRecorder(data.panel(), startMs);
    recorder.fundingSeries(data.funding());
    TradingKernel kernel =
        new TradingKernel(
            config,
            data.panel(),
            new SeriesFundingSchedule(
                data.funding(),
                options.fundingFallbackRate(),
                SeriesFundingSchedule.EIGHT_HOURS_MS),
            data.instruments(),
            s.strategy(),
            s.pool(),
            features(data),
            venue,
            clock,
            KernelPorts.backtest(recorder, risk));
    kernel.resume(startMs);
    Pacer pacer = new ProgressPacer(startMs, endMs, progress, cancelled);
    kernel.run(pacer);
    if (cancelled.getAsBoolean()) {
      throw new BacktestCancelledException("cancelled at " + Instant.ofEpochMilli(kernel.now()));
    }
    progress.accept(1.0);
    return result(r, data, recorder, kernel, started);
  }

  /** This run's features: its own, or answering from the values shared over {@code data}. */
  private FeatureRegistry features(MarketSource.MarketData data) {
    return sharedFeatures == null
        ? new FeatureRegistry()
        : new FeatureRegistry(sharedFeatures.scope(data.panel()));
  }

  private BacktestResult result(
      BacktestRequest r,
      MarketSource.MarketData data,
      RunRecorder rec,
      TradingKernel kernel,
      long started) {
    long[] times = Arrays.copyOf(rec.times, rec.points + 1);
    double[] equity = Arrays.copyOf(rec.equity, rec.points + 1);
    // the curve starts with the capital at the start of the measured range
    System.arraycopy(times, 0, times, 1, rec.points);
    System.arraycopy(equity, 0, equity, 1, rec.points);
    times[0] = r.start().toEpochMilli();
    equity[0] = r.capital();
    EquityCurve curve = new EquityCurve(times, equity);
    List<TradeRecord> trades = rec.trades.closed();
    Metrics metrics =
        MetricsCalculator.compute(
            curve, trades, Arrays.copyOf(rec.turnover, rec.rebalances), r.periodsPerYear());
    double net = equity[equity.length - 1] - r.capital();
    double gross = net + rec.fees + rec.slippage - rec.funding;
    CostBreakdown costs = new CostBreakdown(gross, rec.fees, rec.slippage, rec.funding, net);
    long symbolBars = 0;
    var panel = data.panel();
    int n = data.instruments().size();
    for (int t = 0; t < panel.size(); t++) {
      for (int i = 0; i < n; i++) {
        if (panel.close(t, i) > 0) {
          symbolBars++;
        }
      }
    }
    return new BacktestResult(
        r,
        metrics,
        curve,
        trades,
        costs,
        attribution(rec, trades),
        new RunActivity(
            kernel.rebalances(),
            rec.orders,
            rec.fills,
            List.copyOf(rec.rejections.values()),
            data.skipped(),
            rec.skippedRebalances,
            null),
        symbolBars,
        (System.nanoTime() - started) / 1_000_000,
        RunDisclosures.of(r, rec, times, data.spotSymbols()));
  }

  private static List<SymbolAttribution> attribution(RunRecorder rec, List<TradeRecord> trades) {
    Map<String, double[]> pnl = new TreeMap<>(); // net, count
    for (TradeRecord t : trades) {
      double[] a = pnl.computeIfAbsent(t.symbol(), k -> new double[2]);
      a[0] += t.netPnl();
      a[1]++;
    }
    rec.trades
        .openPnl(rec::lastClose)
        .forEach((symbol, open) -> pnl.computeIfAbsent(symbol, k -> new double[2])[0] += open[0]);
    List<SymbolAttribution> out = new ArrayList<>();
    for (var e : pnl.entrySet()) {
      double[] s = rec.perSymbol.getOrDefault(e.getKey(), new double[3]);
      out.add(
          new SymbolAttribution(
              e.getKey(), e.getValue()[0], s[0], s[1], (int) e.getValue()[1], s[2]));
    }
    out.sort((a, b) -> Double.compare(b.netPnl(), a.netPnl()));
    return out;
  }

  /**
   * Days of history loaded before the start: the configured warm-up, or more when the pool needs it
   * (a monthly pool ranks a month {@code lag} months back among symbols with {@code
   * min_history_days}; a trailing pool needs its window).
   */
  private int warmupDays(AssetPoolDefinition pool) {
    int needed =
        pool.monthly()
            ? pool.minHistoryDays() + 31 * (pool.lagMonths() + 1) + 1
            : Math.min(pool.lookbackDays(), 400) + 5;
    return Math.max(options.warmupDays(), needed);
  }

  private static void validate(BacktestRequest r) {
    if (r.start() == null || r.end() == null) {
      throw new IllegalArgumentException("start and end are required");
    }
    if (!r.end().isAfter(r.start())) {
      throw new IllegalArgumentException(
          "end: must be after start (" + r.start() + "), was " + r.end());
    }
    if (!(r.capital() > 0)) {
      throw new IllegalArgumentException("capital: must be positive, was " + r.capital());
    }
    if (!(r.leverage() >= 1) || r.leverage() > 125) {
      throw new IllegalArgumentException("leverage: must be within 1..125, was " + r.leverage());
    }
    if (!(r.feeBps() >= 0) || r.feeBps() > 1000) {
      throw new IllegalArgumentException("fee_bps: must be within 0..1000, was " + r.feeBps());
    }
    if (r.periodsPerYear() < 1) {
      throw new IllegalArgumentException("periods_per_year: must be positive");
    }
  }

  /** Reports progress over the measured range and stops the replay when cancelled. */
  private static final class ProgressPacer implements Pacer {
    private final long start;
    private final long end;
    private final DoubleConsumer progress;
    private final BooleanSupplier cancelled;
    private double last = -1;

    ProgressPacer(long start, long end, DoubleConsumer progress, BooleanSupplier cancelled) {
      this.start = start;
      this.end = end;
      this.progress = progress;
      this.cancelled = cancelled;
    }

    @Override
    public boolean awaitEventTime(long eventTimeMs) {
      double p = Math.max(0, Math.min(0.999, (eventTimeMs - start) / (double) (end - start)));
      if (p - last >= 0.01) {
        last = p;
        progress.accept(p);
        return !cancelled.getAsBoolean();
      }
      return true;
    }
  }
}
