package io.perpetua.app.config;

import java.util.List;
import java.util.Map;

/**
 * The platform configuration, bound from YAML (snake_case keys) with environment overrides. See
 * {@code perpetua-defaults.yaml} for every key and its default. Immutable.
 *
 * @param server HTTP server
 * @param data data locations
 * @param store persistence and messaging
 * @param paper paper-trading replay
 * @param venue simulated venue costs
 * @param risk risk limits and circuit breakers
 * @param assetPools asset pool definitions by name
 * @param strategies strategy definitions by id
 * @param activeStrategy the strategy the platform runs in single mode
 * @param activeMode {@code single} (the active strategy alone) or {@code ensemble} (every strategy
 *     with an {@code ensemble_weight} above 0, netted into one order set; docs/strategies.md)
 * @param flow the order-flow paper engine
 * @param jobs the backtest job service
 * @param binance live trading on Binance USDT-M ({@code venue.type: binance})
 * @param observability logs, request log and webhooks (docs/metrics.md)
 * @param lifecycle strategy versions: the canary's capital share and the promotion gates
 * @param allocation bandit capital allocation across the ensemble's strategies (docs/allocation.md)
 * @param orchestrator the orchestrator's cron plan and event triggers (docs/allocation.md)
 * @param control the delta-neutral control plane (docs/control-plane.md); off without accounts
 */
public record PerpetuaConfig(
    Server server,
    Data data,
    Store store,
    Paper paper,
    Venue venue,
    Risk risk,
    Map<String, Pool> assetPools,
    Map<String, Strategy> strategies,
    String activeStrategy,
    String activeMode,
    Flow flow,
    Jobs jobs,
    Binance binance,
    Observability observability,
    Lifecycle lifecycle,
    AllocationSection allocation,
    OrchestratorSection orchestrator,
    ControlSection control) {

  /** A copy with other server settings. */
  public PerpetuaConfig withServer(Server value) {
    return new PerpetuaConfig(
        value,
        data,
        store,
        paper,
        venue,
        risk,
        assetPools,
        strategies,
        activeStrategy,
        activeMode,
        flow,
        jobs,
        binance,
        observability,
        lifecycle,
        allocation,
        orchestrator,
        control);
  }

  /** A copy with other venue settings. */
  public PerpetuaConfig withVenue(Venue value) {
    return new PerpetuaConfig(
        server,
        data,
        store,
        paper,
        value,
        risk,
        assetPools,
        strategies,
        activeStrategy,
        activeMode,
        flow,
        jobs,
        binance,
        observability,
        lifecycle,
        allocation,
        orchestrator,
        control);
  }

  /**
   * The {@code binance:} section: live trading on Binance USDT-M futures ({@code venue.type:
   * binance}). The API key and secret are never configuration: they come from the environment
   * ({@code PERPETUA_BINANCE_API_KEY}, {@code PERPETUA_BINANCE_API_SECRET}) or a secret file
   * ({@code PERPETUA_BINANCE_SECRET_FILE}).
   *
   * @param environment {@code testnet} or {@code production}
   * @param confirmProduction must be true to trade on production (real money)
   * @param restUrl overrides the environment's REST base URL when not blank (e.g. a local fake)
   * @param wsUrl overrides the environment's WebSocket base URL when not blank
   * @param symbols venue symbols to trade; empty: the catalog's symbols the venue lists
   * @param historyBars closed bars backfilled from the venue at start-up
   * @param graceSeconds a bar is taken this long after its close even if some symbols have no kline
   */
  public record Binance(
      String environment,
      boolean confirmProduction,
      String restUrl,
      String wsUrl,
      List<String> symbols,
      int historyBars,
      int graceSeconds) {
    /** The environments. */
    public static final List<String> ENVIRONMENTS = List.of("testnet", "production");
  }

  /**
   * The {@code jobs:} section: the backtest job service behind both job APIs (docs/api.md).
   *
   * @param workers jobs run at once; 0 = one per available processor
   * @param maxActivePerOwner queued plus running jobs one user may have
   * @param retentionDays days a finished job keeps its equity curve and trades (metrics are kept)
   * @param optimizerWorkers optimisation runs at once (low-priority threads)
   * @param optimizerMaxActivePerOwner queued plus running optimisation runs one user may have
   * @param optimizerMaxTrials upper limit of trials + refine per fold of an API run
   * @param sparkMaster the Spark master of {@code engine: spark} runs ({@code local[*]}, a URL)
   */
  public record Jobs(
      int workers,
      int maxActivePerOwner,
      int retentionDays,
      int optimizerWorkers,
      int optimizerMaxActivePerOwner,
      int optimizerMaxTrials,
      String sparkMaster) {}

  /**
   * The {@code flow:} section: the order-flow paper engine (docs/orderflow.md).
   *
   * @param enabled run it at start-up
   * @param engineInstance the engine instance (key of its stored restart snapshot)
   * @param tickFile the tick file under {@code data.shared_data} (synthetic flow when absent)
   * @param symbols the venue symbols factory strategies may use
   * @param warmupMinutes trade history needed before the first evaluation
   * @param syntheticHours hours of synthetic flow when the tick file is absent
   * @param seedStrategy create one demo factory strategy on the first start
   * @param live with {@code venue.type: fake-binance}, also send the engine's decisions as real
   *     orders to a fake Binance account of their own (the live executor; docs/orderflow.md §10)
   * @param liveCapital USDT in that account's wallet
   * @param liveMaxLeverage that account's position and gross-exposure limit, × equity (also caps
   *     one order at this × {@code live_capital}); the {@code risk:} section's other rules apply
   * @param liveMaxDailyTurnover that account's submitted notional per UTC day / opening equity
   * @param liveRestUrl when not blank, the flow account is on this outside Binance USDT-M venue (a
   *     fake Binance of another process, the testnet) instead of an in-process fake; credentials
   *     from the environment as for {@code venue.type: binance}
   * @param liveWsUrl that venue's WebSocket base URL (set with {@code live_rest_url})
   * @param tickSource where the engine's ticks come from: {@code replay} (the tick file), {@code
   *     live} (the venue's market streams and REST polls; {@code venue.type} fake-binance or
   *     binance), {@code auto} (live with {@code venue.type: binance}, else replay)
   * @param silentAfterSeconds live ticks: a stream silent longer than this raises the alert
   * @param continuityCheckSeconds live ticks: the agg-id continuity check's period
   * @param pollSeconds live ticks: the open-interest and long/short-ratio polls' period
   * @param tickBatchRows live ticks: raw ticks are stored per this many rows (or each second)
   * @param spotWsUrl live ticks: the spot WebSocket base for the spot–perp input ({@code auto}: the
   *     fake's own, or Binance spot's for production; "" = none)
   */
  public record Flow(
      boolean enabled,
      String engineInstance,
      String tickFile,
      List<String> symbols,
      int warmupMinutes,
      int syntheticHours,
      boolean seedStrategy,
      boolean live,
      double liveCapital,
      double liveMaxLeverage,
      double liveMaxDailyTurnover,
      String liveRestUrl,
      String liveWsUrl,
      String tickSource,
      int silentAfterSeconds,
      int continuityCheckSeconds,
      int pollSeconds,
      int tickBatchRows,
      String spotWsUrl) {}

  /**
   * The {@code risk:} section: pre-trade limits (spec 000 §3.1 {@code /risk/config}) and circuit
   * breakers. Fractions are of equity; money in USDT; 0 turns a money limit or breaker off. See
   * {@code perpetua-defaults.yaml} for each key.
   */
  public record Risk(
      double maxPositionPct,
      double maxTotalExposure,
      double maxDrawdownHalt,
      double minBalanceReserve,
      double maxOrderValue,
      double maxDailyTurnover,
      List<String> blacklist,
      boolean dryRun,
      double warningRatio,
      double dailyLossPct,
      double dailyLossR,
      double riskUnit,
      boolean closeOnDailyLoss,
      int consecutiveLosses,
      int pauseMinutes,
      int venueUnreachableSeconds,
      int marketDataStaleSeconds,
      double minBalanceR,
      int holdingWarnMinutes,
      int holdingCloseMinutes) {}

  /**
   * HTTP server settings.
   *
   * @param port TCP port
   * @param corsOrigins allowed origins
   * @param heartbeatStaleSeconds heartbeat staleness threshold
   */
  public record Server(int port, List<String> corsOrigins, int heartbeatStaleSeconds) {}

  /**
   * Data locations.
   *
   * @param dir data directory
   * @param sharedData shared real-data directory to import from
   * @param timeframe trading timeframe code
   * @param spotBars symbols whose bars are spot rather than perpetual data, by timeframe code (the
   *     shared set's 1h BTC, ETH, ...); reports state them
   */
  public record Data(
      String dir, String sharedData, String timeframe, Map<String, List<String>> spotBars) {}

  /**
   * Persistence and messaging.
   *
   * @param databaseUrl JDBC URL, empty for embedded H2
   * @param databaseUser database user
   * @param redisUrl Redis URL, empty for in-process
   * @param connectTimeoutSeconds longest wait for the database and Redis at start-up
   */
  public record Store(
      String databaseUrl, String databaseUser, String redisUrl, int connectTimeoutSeconds) {}

  /**
   * Paper replay.
   *
   * @param account account id
   * @param initialCapital USDT deposit
   * @param speed event seconds per wall second
   * @param start replay start date or empty
   * @param leverage the paper account's leverage on every symbol (1..125): its published margin is
   *     that of USDT-M cross margin at this leverage (docs/api.md); what it trades is unchanged
   */
  public record Paper(
      String account, double initialCapital, double speed, String start, int leverage) {}

  /**
   * Where orders go, and the simulated venue's costs.
   *
   * @param type {@code simulated} (paper, the default), {@code fake-binance} (live mode against an
   *     in-process fake of Binance USDT-M, over HTTP and WebSocket, replaying the catalog) or
   *     {@code binance} (live trading on Binance itself, bars from the venue; the {@code binance:}
   *     section)
   * @param takerFeeBps taker fee (simulated venue)
   * @param makerFeeBps maker fee (simulated venue)
   * @param slippageBps slippage (simulated venue)
   * @param reconcileEveryBars bars between periodic reconciliations with a real venue
   * @param settleWaitMs longest wait per bar for orders in flight at a real venue
   * @param balanceTolerance accepted wallet difference journal/venue, as a fraction of the wallet
   * @param fakePort port of the in-process fake venue (0 = any free port)
   * @param makerFirst live: post-only entries first, market fallback (orderflow spec §4.1)
   * @param entryOffsetTicks live maker-first: ticks on the passive side of the price
   * @param entryTimeoutMs live maker-first: how long a post-only limit rests (wall ms)
   * @param entryFallbackSlippageBps live maker-first: take the rest at market only if the price
   *     moved less than this
   * @param tpTimeoutMs maker-first exits of the order-flow executor: how long (wall ms) a TP limit
   *     the paper engine hit may stay unfilled before the rest of its half goes at market
   * @param timeoutGraceMs maker-first exits of the order-flow executor: how long (wall ms) the
   *     timeout exit's limit rests before the rest goes at market
   */
  public record Venue(
      String type,
      double takerFeeBps,
      double makerFeeBps,
      double slippageBps,
      int reconcileEveryBars,
      long settleWaitMs,
      double balanceTolerance,
      int fakePort,
      boolean makerFirst,
      int entryOffsetTicks,
      long entryTimeoutMs,
      double entryFallbackSlippageBps,
      long tpTimeoutMs,
      long timeoutGraceMs) {
    /** The venue types. */
    public static final List<String> TYPES = List.of("simulated", "fake-binance", "binance");

    /** True for live trading on Binance itself. */
    public boolean binance() {
      return "binance".equals(type);
    }

    /** True for the simulated venue. */
    public boolean simulated() {
      return "simulated".equals(type);
    }

    /** This section with another {@code type}. */
    public Venue withType(String newType) {
      return new Venue(
          newType,
          takerFeeBps,
          makerFeeBps,
          slippageBps,
          reconcileEveryBars,
          settleWaitMs,
          balanceTolerance,
          fakePort,
          makerFirst,
          entryOffsetTicks,
          entryTimeoutMs,
          entryFallbackSlippageBps,
          tpTimeoutMs,
          timeoutGraceMs);
    }
  }

  /**
   * An asset pool.
   *
   * @param metric ranking metric
   * @param topK size
   * @param lookbackDays window (optional for a monthly pool)
   * @param refreshHours refresh interval (optional for a monthly pool)
   * @param minHistoryDays minimum history
   * @param lag months between the reference month and now ({@code dollar_volume_monthly}; optional,
   *     0)
   * @param displayName name shown by the API (defaults to the pool's name)
   */
  public record Pool(
      String metric,
      int topK,
      Integer lookbackDays,
      Integer refreshHours,
      int minHistoryDays,
      Integer lag,
      String displayName) {}

  /**
   * A strategy.
   *
   * @param type factory type
   * @param pool asset pool name
   * @param rebalanceCron cron expression (UTC)
   * @param rebalanceDays minimum days between rebalances
   * @param parameters strategy parameters
   * @param displayName display name (default: the id)
   * @param description what it does (default: empty)
   * @param ensembleWeight its weight in ensemble mode (null or 0: not in the ensemble)
   */
  public record Strategy(
      String type,
      String pool,
      String rebalanceCron,
      int rebalanceDays,
      Map<String, Object> parameters,
      String displayName,
      String description,
      Double ensembleWeight) {}

  /**
   * The {@code observability:} section (docs/metrics.md).
   *
   * @param logFormat {@code text} (one line per event) or {@code json} (one JSON object per line)
   * @param requestLog {@code info} (a line per API request) or {@code off}
   * @param webhooks notification channels
   */
  public record Observability(String logFormat, String requestLog, List<Webhook> webhooks) {
    /** The accepted log formats. */
    public static final List<String> LOG_FORMATS = List.of("text", "json");

    /** The accepted request log settings. */
    public static final List<String> REQUEST_LOGS = List.of("info", "off");
  }

  /**
   * One webhook channel. Its URL holds a secret and so is never configuration: it is read from the
   * environment variable {@code url_env}.
   *
   * @param name channel name
   * @param format {@code discord}, {@code telegram} or {@code generic}
   * @param urlEnv the environment variable holding the URL
   * @param kinds notification kinds it receives (empty: all)
   * @param minSeverity least severity it receives
   * @param chatId Telegram chat id (telegram only)
   */
  public record Webhook(
      String name,
      String format,
      String urlEnv,
      List<String> kinds,
      String minSeverity,
      String chatId) {}

  /**
   * The {@code lifecycle:} section: a canary candidate's share of its strategy's capital and the
   * gates a candidate passes to move on (docs/strategies.md).
   *
   * @param canaryFraction in (0, 0.10]
   * @param minAnnualisedReturn annualised live return at least this
   * @param maxDrawdown live maximum drawdown at most this (fraction)
   * @param ksAlpha the Kolmogorov–Smirnov test's significance
   * @param slippageBandBps live slippage at most this above the backtest's assumption
   * @param minTrades trades before the gates decide
   * @param minDays live days before the gates decide
   * @param reoptMinDsr a re-optimisation becomes a candidate only with a deflated Sharpe ratio of
   *     at least this
   * @param reoptMaxPbo ... and a probability of backtest overfitting of at most this
   * @param reoptMinOosSharpe ... and a stitched out-of-sample Sharpe ratio of at least this
   */
  public record Lifecycle(
      double canaryFraction,
      double minAnnualisedReturn,
      double maxDrawdown,
      double ksAlpha,
      double slippageBandBps,
      int minTrades,
      int minDays,
      double reoptMinDsr,
      double reoptMaxPbo,
      double reoptMinOosSharpe) {
    /** The out-of-sample gate of re-optimisations (validated: an invalid value names its key). */
    public io.perpetua.trading.lifecycle.Reoptimisations.OosGate oosGate() {
      return new io.perpetua.trading.lifecycle.Reoptimisations.OosGate(
          reoptMinDsr, reoptMaxPbo, reoptMinOosSharpe);
    }

    /** The gates (validated: an invalid value names its key). */
    public io.perpetua.trading.lifecycle.GateConfig gates() {
      return new io.perpetua.trading.lifecycle.GateConfig(
          canaryFraction,
          minAnnualisedReturn,
          maxDrawdown,
          ksAlpha,
          slippageBandBps,
          minTrades,
          minDays);
    }
  }
}
