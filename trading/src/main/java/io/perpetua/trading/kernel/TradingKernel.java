package io.perpetua.trading.kernel;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.time.ManualClock;
import io.perpetua.readmodel.PlatformState;
import io.perpetua.signals.PanelMarketView;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.strategy.CrossSectionalStrategy;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.port.AccountState;
import io.perpetua.trading.port.KernelCheckpoint;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.port.TradingJournal;
import io.perpetua.trading.registry.StrategyRegistry;
import io.perpetua.trading.risk.RiskEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * The deterministic trading kernel: replays a {@link MarketPanel} on a {@link ManualClock} and runs
 * the pipeline — asset pool → features → signal → orders → risk → venue → fills → account — the
 * same way for backtests and paper trading (live differs only by the venue and the clock).
 *
 * <p>Event order at each bar close time {@code T}: the clock moves to {@code T}; the bar's closes
 * become marks and fill orders working at the venue; if equity is below the maintenance margin
 * every position is liquidated at those marks; funding settlements in {@code (prev, T]} are applied
 * at those marks; then rebalance timers due at or before {@code T} fire. A timer between two bar
 * closes (the default cron {@code 59 23 * * *}) fires at its own time, seeing only bars closed by
 * then; its orders fill at the next close.
 *
 * <p>After each step that changed anything the kernel commits a {@link KernelCheckpoint}
 * atomically; {@link #resume()} continues from the last one, re-deriving later decisions with the
 * same client order ids (so a crash never duplicates an order). A rebalance's checked orders are
 * journaled as intended (with the rebalance in flight) in a checkpoint of their own before the
 * first is sent; a restart sends the journaled intents again, and the venue adopts those it already
 * has, so a crash between two placements neither loses nor doubles an order. Not thread-safe: one
 * thread runs it; other threads read the published {@link PlatformState}.
 */
public final class TradingKernel {
  static final String CURSOR_TIME = "replay_time";
  static final String CURSOR_LAST_REBALANCE = "last_rebalance";
  static final String CURSOR_ACTIVE_REBALANCE = "active_rebalance";

  private final KernelConfig config;
  private final MarketPanel panel;
  private final PriceDrivenVenue venue;
  private final TradingJournal journal;
  private final PlatformState state;
  private final KernelListener listener;
  private final ManualClock clock;
  private final LongSupplier wallClock;
  private final PanelMarketView view;
  private final List<Instrument> instruments;
  private final Map<InstrumentId, Integer> index;
  private final RiskEngine risk;
  private final KernelBook book;
  private final StrategySleeves sleeves;
  private final Rebalancer rebalancer;
  private final PipelineStage dataStage;
  private final PipelineStage executionStage;
  private final BarReplay bars;
  private Account account;
  private ExecutionService execution;
  private boolean adopted;
  private final List<TickStrategy> tickStrategies = new ArrayList<>();
  private TickPath ticks;
  private boolean tickDirty;

  /** Wires a kernel; call {@link #resume()} before {@link #run}. */
  public TradingKernel(
      KernelConfig config,
      MarketPanel panel,
      FundingSchedule funding,
      List<Instrument> instruments,
      CrossSectionalStrategy strategy,
      AssetPoolDefinition poolDefinition,
      FeatureRegistry features,
      PriceDrivenVenue venue,
      ManualClock clock,
      KernelPorts ports) {
    this(
        config,
        panel,
        funding,
        instruments,
        venue,
        clock,
        ports,
        KernelSleeves.single(
            config, instruments.size(), strategy, poolDefinition, features, ports));
  }

  /**
   * Wires a kernel running every strategy of {@code registry} in one account: each decides on its
   * own schedule, their targets are netted into one order set ({@link
   * io.perpetua.trading.portfolio.TargetNetting}) and each keeps a virtual book ({@link
   * io.perpetua.trading.registry.VirtualBook}) filled at the account's fill prices, else at the
   * bar's close and {@code fallbackFeeRate}. Call {@link #resume()} before {@link #run}.
   */
  public TradingKernel(
      KernelConfig config,
      MarketPanel panel,
      FundingSchedule funding,
      List<Instrument> instruments,
      StrategyRegistry registry,
      Map<String, AssetPoolDefinition> pools,
      FeatureRegistry features,
      double fallbackFeeRate,
      PriceDrivenVenue venue,
      ManualClock clock,
      KernelPorts ports) {
    this(
        config,
        panel,
        funding,
        instruments,
        venue,
        clock,
        ports,
        KernelSleeves.registry(
            config, instruments.size(), registry, pools, features, fallbackFeeRate, ports));
  }

  private TradingKernel(
      KernelConfig config,
      MarketPanel panel,
      FundingSchedule funding,
      List<Instrument> instruments,
      PriceDrivenVenue venue,
      ManualClock clock,
      KernelPorts ports,
      BiFunction<Map<InstrumentId, Integer>, LongSupplier, StrategySleeves> strategies) {
    this.config = config;
    this.panel = panel;
    this.venue = venue;
    this.journal = ports.journal();
    this.state = ports.state();
    this.risk = ports.risk();
    this.clock = clock;
    this.wallClock = ports.wallClock();
    this.instruments = List.copyOf(instruments);
    this.index = indexOf(this.instruments, panel);
    this.book = new KernelBook(this.instruments, index, risk, clock);
    this.view =
        new PanelMarketView(
            panel.instruments(),
            panel.openTimes(),
            panel.barMillis(),
            panel.close(),
            panel.quoteVolume());
    this.sleeves = strategies.apply(index, wallClock);
    this.listener = sleeves.observeFills(ports.listener());
    this.rebalancer =
        new Rebalancer(config, sleeves, state, listener, risk, clock, this.instruments, book, view);
    this.dataStage = stage("data_service", "data_ingestion", "Data ingestion");
    this.executionStage = stage("execution_service", "order_execution", "Order execution");
    this.bars =
        new BarReplay(
            config,
            panel,
            funding,
            venue,
            listener,
            clock,
            view,
            this.instruments,
            risk,
            new BarReplay.Parts(book, sleeves, rebalancer, dataStage),
            journal != null,
            this::checkpoint,
            this::publishAccount);
  }

  /** The dense index of each instrument, which must be the panel's at the same position. */
  private static Map<InstrumentId, Integer> indexOf(
      List<Instrument> instruments, MarketPanel panel) {
    Map<InstrumentId, Integer> index = new HashMap<>();
    for (int i = 0; i < instruments.size(); i++) {
      if (!instruments.get(i).id().equals(panel.instruments().get(i))) {
        throw new IllegalArgumentException("instrument " + i + " does not match the panel");
      }
      index.put(instruments.get(i).id(), i);
    }
    return index;
  }

  private PipelineStage stage(String service, String key, String name) {
    return new PipelineStage(service, key, name, state, wallClock, config.publishState());
  }

  /**
   * Loads the account and cursor from the journal (or opens a new account) and positions the replay
   * at {@code startMs} or just after the last checkpoint, whichever is later.
   */
  public void resume(long startMs) {
    Map<String, String> cursor =
        journal == null ? Map.of() : journal.loadCursor(config.accountId());
    openAccount();
    risk.restoreState(cursor);
    risk.useBarInterval(panel.barMillis());
    instruments.forEach(i -> book.sync(i.id()));
    long lastRebalanceMs =
        cursor.containsKey(CURSOR_LAST_REBALANCE)
            ? Long.parseLong(cursor.get(CURSOR_LAST_REBALANCE))
            : Long.MIN_VALUE;
    rebalancer.use(execution, account, lastRebalanceMs);
    long from = startMs;
    if (cursor.containsKey(CURSOR_TIME)) {
      from = Math.max(from, Long.parseLong(cursor.get(CURSOR_TIME)) + 1);
    }
    bars.resume(account, execution, from);
    resumeTicks(cursor);
    sleeves.restoreState(cursor, lastRebalanceMs);
    rebalancer.scheduleAfter(clock.nowMillis());
    // orders journaled as working (a timer at a bar close) work again, else the rebalance never
    // completed; orders journaled as intended before a crash are sent again (the venue adopts them)
    if (journal != null) {
      List<OrderRecord> open = new ArrayList<>(journal.openOrders(config.accountId()));
      java.util.Collections.reverse(open); // oldest first, as they were sent
      execution.restore(cursor, open);
    }
    if (lastRebalanceMs != Long.MIN_VALUE && config.publishState()) {
      republishSignal();
    }
    publishStages(lastRebalanceMs);
  }

  /** The journaled account (or a new one) and the execution service over it. */
  private void openAccount() {
    Optional<AccountState> saved =
        journal == null ? Optional.empty() : journal.loadAccount(config.accountId());
    account =
        saved
            .map(Account::restore)
            .orElseGet(() -> new Account(config.accountId(), config.initialCapital()));
    book.use(account);
    execution =
        new ExecutionService(
            venue, risk, account, clock, wallClock, listener, executionStage, book::sync, index);
    // checked orders (a rebalance's, an algorithm's single order) are journaled before they are
    // sent
    execution.setIntentsHook(() -> checkpoint(bars.lastProcessedStep()));
  }

  /**
   * The account, then every stage (the decision and execution stages idle until the next
   * rebalance), before any service heartbeat: the API is not healthy before it can show them.
   */
  private void publishStages(long lastRebalanceMs) {
    publishAccount();
    Long last = lastRebalanceMs == Long.MIN_VALUE ? null : lastRebalanceMs;
    long nextTimerMs = rebalancer.nextTimerMs();
    for (PipelineStage s : sleeves.stages()) {
      s.update("idle", last, nextTimerMs, Map.of());
    }
    executionStage.update("idle", last, nextTimerMs, Map.of());
    dataStage.update("running", null, null, Map.of("symbols_streaming", instruments.size()));
  }

  /**
   * The tick path after {@link #resume}: brackets and tick strategies from the cursor, the clock at
   * the last checkpointed tick, and the account's positions handed to a simulated venue (it
   * restarts empty; reduce-only orders must see them).
   */
  private void resumeTicks(Map<String, String> cursor) {
    ticks =
        new TickPath(
            venue, execution, instruments, index, book.view(), book::equity, clock, tickStrategies);
    long tickTime = ticks.restoreState(cursor);
    if (tickTime != Long.MIN_VALUE) {
      clock.set(Math.max(clock.nowMillis(), tickTime));
    }
    account.openPositions().forEach(p -> venue.adoptPosition(p.instrument(), p.quantity()));
  }

  /**
   * Replays until the panel ends or {@code pacer} asks to stop; returns the steps processed. On a
   * growable (live) panel it returns when it has caught up, and a later call goes on with the bars
   * appended since.
   */
  public int run(Pacer pacer) {
    return bars.run(pacer);
  }

  private void republishSignal() {
    long lastRebalanceMs = rebalancer.lastRebalanceMs();
    int latest = bars.firstStepClosingAtOrAfter(lastRebalanceMs + 1) - 1;
    if (latest >= 0) {
      view.moveTo(latest, lastRebalanceMs);
      sleeves.republish(view, lastRebalanceMs, sleeves.nextTimer(clock.nowMillis()));
      if (sleeves.ensemble()) {
        state.putSignal(sleeves.ensembleSnapshot(view, lastRebalanceMs));
      }
      if (bars.nextStep() > 0) {
        view.moveTo(bars.nextStep() - 1, clock.nowMillis());
      }
    }
  }

  private void checkpoint(int t) {
    ExecutionService.Delta delta = execution.drain();
    if (journal == null) {
      bars.clearDeltas();
      return;
    }
    boolean quiet = delta.isEmpty() && bars.deltasEmpty() && !adopted && !tickDirty;
    adopted = false;
    tickDirty = false;
    if (quiet && !config.publishState() && t % 24 != 0) {
      return;
    }
    Map<String, String> cursor = new HashMap<>();
    if (t >= 0) {
      cursor.put(CURSOR_TIME, Long.toString(panel.closeTime(t)));
    }
    if (rebalancer.lastRebalanceMs() != Long.MIN_VALUE) {
      cursor.put(CURSOR_LAST_REBALANCE, Long.toString(rebalancer.lastRebalanceMs()));
    }
    execution.exportState(cursor);
    cursor.putAll(risk.exportState());
    cursor.putAll(ticks.exportState());
    cursor.putAll(sleeves.exportState());
    journal.commit(
        new KernelCheckpoint(
            account.snapshot(clock.nowMillis()),
            cursor,
            delta.orders(),
            delta.fills(),
            List.copyOf(bars.fundingDelta()),
            delta.rebalances(),
            List.copyOf(bars.riskChecks().snapshots()),
            delta.decisions()));
    bars.clearDeltas();
  }

  /** Adds a strategy fed by ticks (before {@link #resume()}). */
  public void addTickStrategy(TickStrategy strategy) {
    if (account != null) {
      throw new IllegalStateException("add tick strategies before resume");
    }
    tickStrategies.add(strategy);
  }

  /**
   * Steps one tick on the kernel's event clock: bars (and timers) that closed at or before the tick
   * are stepped first, then the tick moves the clock, the mark, the venue's matching, the bracket
   * orders and the tick strategies. A tick that changed any order is checkpointed (with a journal).
   * After {@link #resume()}, ticks up to the last checkpoint only warm the strategies up. A hostile
   * tick ({@link io.perpetua.market.tick.TickValidator}) is dropped first, in the replay too.
   */
  public void onTick(io.perpetua.market.tick.FlowTick tick) {
    if (!ticks.accept(tick)) {
      return; // hostile (duplicate or older id, time going backwards): logged, never reaches state
    }
    long t = tick.timeMs();
    if (bars.dueBy(t)) {
      run(time -> time <= t);
    }
    if (t > clock.nowMillis()) {
      clock.set(t);
    }
    if (!ticks.onTick(tick)) {
      return;
    }
    tickDirty |= ticks.takeChanged();
    if (execution.hasChanges() || tickDirty) {
      checkpoint(bars.lastProcessedStep());
    }
  }

  /** Checkpoints changes made between ticks (venue answers a live bridge delivered). */
  public void checkpointChanges() {
    tickDirty |= ticks.takeChanged();
    if (execution.hasChanges() || tickDirty) {
      checkpoint(bars.lastProcessedStep());
    }
  }

  /**
   * Takes the venue's position in {@code instrument} as the truth (reconciliation): the account
   * holds {@code quantity} from now on, entered at the current mark (so no PnL is invented); the
   * change is journaled with the next checkpoint. Kernel thread only.
   */
  public void adoptPosition(InstrumentId instrument, java.math.BigDecimal quantity) {
    book.adopt(instrument, quantity);
    adopted = true;
  }

  /**
   * The kernel's order path for orders decided outside it ({@link AccountKernel}): risk engine,
   * journal before send, venue port; outcomes reach the account. Kernel thread only.
   */
  public io.perpetua.trading.kernel.algo.OrderGateway orders() {
    return ticks;
  }

  /** Takes {@code price} as {@code instrument}'s mark at {@code timeMs} (kernel thread only). */
  public void mark(InstrumentId instrument, double price, long timeMs) {
    clock.set(Math.max(clock.nowMillis(), timeMs));
    ticks.mark(instrument, price, clock.nowMillis());
  }

  /** The client order ids of the orders still working (kernel thread only). */
  public Set<ClientOrderId> workingOrderIds() {
    return execution.workingIds();
  }

  /** The index of the next bar to step (bars before it are processed). */
  public int nextStep() {
    return bars.nextStep();
  }

  /** The instruments this kernel trades, in panel order. */
  public List<Instrument> instruments() {
    return instruments;
  }

  private void publishAccount() {
    AccountPublisher.publish(
        state,
        account,
        instruments,
        book.marks,
        index,
        clock.nowMillis(),
        config.margin(),
        execution.openOrderNotional(instruments, book.view()).toDouble());
  }

  /** Re-publishes every service heartbeat (called by a wall-clock ticker). */
  public void heartbeat() {
    dataStage.heartbeat();
    executionStage.heartbeat();
    sleeves.stages().forEach(PipelineStage::heartbeat);
  }

  /** The strategies this kernel runs (kernel thread only; tests). */
  StrategySleeves sleeves() {
    return sleeves;
  }

  /** The account (kernel thread only). */
  public Account account() {
    return account;
  }

  /** Current equity at the latest marks (kernel thread only). */
  public double equity() {
    return book.equity();
  }

  /** The kernel clock's time. */
  public long now() {
    return clock.nowMillis();
  }

  /** Sizes the sleeves on the allocator's {@code weights} (ensemble) from their next rebalance. */
  public void useCapitalWeights(io.perpetua.trading.allocation.CapitalWeights weights) {
    sleeves.useCapitalWeights(weights);
  }

  /**
   * Runs the lifecycle's shadow/canary candidates beside their stable versions (see {@link
   * CandidateSleeves}; records to {@code link} at each UTC midnight of the kernel's clock).
   */
  public void useCandidates(io.perpetua.trading.lifecycle.CandidateLink link) {
    sleeves.useCandidates(link);
  }

  /** Rebalances started in this run. */
  public int rebalances() {
    return rebalancer.rebalances();
  }

  /** Liquidations so far. */
  public int liquidations() {
    return bars.riskChecks().liquidations();
  }

  /** True when the replay has consumed the panel. */
  public boolean finished() {
    return bars.nextStep() >= panel.size();
  }
}
