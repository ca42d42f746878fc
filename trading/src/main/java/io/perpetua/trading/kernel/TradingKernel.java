package io.perpetua.trading.kernel;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Quantity;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.event.FundingSettled;
import io.perpetua.core.order.Order;
import io.perpetua.core.time.ManualClock;
import io.perpetua.core.time.Times;
import io.perpetua.readmodel.PlatformState;
import io.perpetua.signals.PanelMarketView;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.strategy.CrossSectionalStrategy;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.port.AccountState;
import io.perpetua.trading.port.KernelCheckpoint;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.PortfolioSnapshot;
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.port.TradingJournal;
import io.perpetua.trading.portfolio.TargetNetting;
import io.perpetua.trading.registry.StrategyRegistry;
import io.perpetua.trading.risk.PortfolioReading;
import io.perpetua.trading.risk.RiskEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private final FundingSchedule funding;
  private final PriceDrivenVenue venue;
  private final TradingJournal journal;
  private final PlatformState state;
  private final KernelListener listener;
  private final ManualClock clock;
  private final LongSupplier wallClock;
  private final PanelMarketView view;
  private final List<Instrument> instruments;
  private final Map<InstrumentId, Integer> index = new HashMap<>();
  private final double[] marks;
  private final long[] markTimes;
  private final long[] openedAt;
  private final RiskEngine risk;
  // double mirror of the account's positions by dense index, refreshed on every fill: equity is
  // marked on every step, and a map lookup per position per step dominated the replay profile
  private final double[] positionQty;
  private final double[] positionCost;
  private final StrategySleeves sleeves;
  private final TargetNetting netting = new TargetNetting();
  private final PipelineStage dataStage;
  private final PipelineStage executionStage;
  private final List<FundingSettled> fundingDelta = new ArrayList<>();
  private final List<PortfolioSnapshot> snapshotDelta = new ArrayList<>();
  private Account account;
  private ExecutionService execution;
  private RebalancePlanning planning;
  private int nextStep;
  private long lastRebalanceMs = Long.MIN_VALUE;
  private long nextTimerMs;
  private int rebalanceSeq;
  private int liquidations;
  private int lastProcessedStep = -1;
  private boolean halted;
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
        (k, wall) ->
            StrategySleeves.single(
                new DecisionPipeline(
                    strategy,
                    poolDefinition,
                    features,
                    instruments.size(),
                    ports.state(),
                    wall,
                    config.publishState()),
                config.rebalanceCron(),
                config.rebalanceDays(),
                instruments.size()));
  }

  /**
   * Wires a kernel running every strategy of {@code registry} in one account: each decides on its
   * own schedule, their targets are netted into one order set ({@link TargetNetting}) and each
   * keeps a virtual book ({@link io.perpetua.trading.registry.VirtualBook}) filled at the account's
   * fill prices, else at the bar's close and {@code fallbackFeeRate}. Call {@link #resume()} before
   * {@link #run}.
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
        (k, wall) ->
            StrategySleeves.of(
                registry,
                pools,
                (strategy, pool) ->
                    new DecisionPipeline(
                        strategy,
                        pool,
                        features,
                        instruments.size(),
                        ports.state(),
                        wall,
                        config.publishState()),
                config.initialCapital().toDouble(),
                fallbackFeeRate,
                k.index,
                instruments.size()));
  }

  private TradingKernel(
      KernelConfig config,
      MarketPanel panel,
      FundingSchedule funding,
      List<Instrument> instruments,
      PriceDrivenVenue venue,
      ManualClock clock,
      KernelPorts ports,
      java.util.function.BiFunction<TradingKernel, LongSupplier, StrategySleeves> strategies) {
    this.config = config;
    this.panel = panel;
    this.funding = funding;
    this.venue = venue;
    this.journal = ports.journal();
    this.state = ports.state();
    this.risk = ports.risk();
    this.clock = clock;
    this.wallClock = ports.wallClock();
    this.instruments = List.copyOf(instruments);
    for (int i = 0; i < instruments.size(); i++) {
      if (!instruments.get(i).id().equals(panel.instruments().get(i))) {
        throw new IllegalArgumentException("instrument " + i + " does not match the panel");
      }
      index.put(instruments.get(i).id(), i);
    }
    this.marks = new double[instruments.size()];
    this.markTimes = new long[instruments.size()];
    this.openedAt = new long[instruments.size()];
    this.positionQty = new double[instruments.size()];
    this.positionCost = new double[instruments.size()];
    java.util.Arrays.fill(marks, Double.NaN);
    this.view =
        new PanelMarketView(
            panel.instruments(),
            panel.openTimes(),
            panel.barMillis(),
            panel.close(),
            panel.quoteVolume());
    LongSupplier wall = ports.wallClock();
    this.sleeves = strategies.apply(this, wall);
    this.listener = sleeves.observeFills(ports.listener());
    this.dataStage =
        new PipelineStage(
            "data_service", "data_ingestion", "Data ingestion", state, wall, config.publishState());
    this.executionStage =
        new PipelineStage(
            "execution_service",
            "order_execution",
            "Order execution",
            state,
            wall,
            config.publishState());
  }

  /**
   * Loads the account and cursor from the journal (or opens a new account) and positions the replay
   * at {@code startMs} or just after the last checkpoint, whichever is later.
   */
  public void resume(long startMs) {
    Optional<AccountState> saved =
        journal == null ? Optional.empty() : journal.loadAccount(config.accountId());
    Map<String, String> cursor =
        journal == null ? Map.of() : journal.loadCursor(config.accountId());
    account =
        saved
            .map(Account::restore)
            .orElseGet(() -> new Account(config.accountId(), config.initialCapital()));
    execution =
        new ExecutionService(
            venue,
            risk,
            account,
            clock,
            wallClock,
            listener,
            executionStage,
            this::syncPosition,
            index);
    // checked orders (a rebalance's, an algorithm's single order) are journaled before they are
    // sent
    execution.setIntentsHook(() -> checkpoint(lastProcessedStep));
    planning = new RebalancePlanning(account);
    risk.restoreState(cursor);
    risk.useBarInterval(panel.barMillis());
    instruments.forEach(i -> syncPosition(i.id()));
    long from = startMs;
    if (cursor.containsKey(CURSOR_TIME)) {
      from = Math.max(from, Long.parseLong(cursor.get(CURSOR_TIME)) + 1);
    }
    if (cursor.containsKey(CURSOR_LAST_REBALANCE)) {
      lastRebalanceMs = Long.parseLong(cursor.get(CURSOR_LAST_REBALANCE));
    }
    nextStep = firstStepClosingAtOrAfter(from);
    if (panel.size() > 0) {
      // never schedule timers before the data begins, whatever the clock was created with
      clock.set(Math.max(clock.nowMillis(), panel.openTimes()[0]));
    }
    lastProcessedStep = nextStep - 1;
    if (nextStep > 0) {
      long t = panel.closeTime(nextStep - 1);
      clock.set(Math.max(clock.nowMillis(), t));
      refreshMarks(nextStep - 1);
      view.moveTo(nextStep - 1, t);
    }
    resumeTicks(cursor);
    sleeves.restoreState(cursor, lastRebalanceMs);
    nextTimerMs = sleeves.nextTimer(clock.nowMillis());
    // orders journaled as working at the checkpoint (a timer at a bar close) are working again:
    // without this they stayed open forever and the rebalance never completed
    // (and the orders journaled as intended before a crash are sent again, adopted by the venue)
    if (journal != null) {
      List<OrderRecord> open = new ArrayList<>(journal.openOrders(config.accountId()));
      java.util.Collections.reverse(open); // oldest first, as they were sent
      execution.restore(cursor.get(CURSOR_ACTIVE_REBALANCE), open);
    }
    if (lastRebalanceMs != Long.MIN_VALUE && config.publishState()) {
      republishSignal();
    }
    // the account, then every stage (the decision and execution stages idle until the next
    // rebalance), before any service heartbeat: the API is not healthy before it can show them
    publishAccount();
    Long last = lastRebalanceMs == Long.MIN_VALUE ? null : lastRebalanceMs;
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
            venue,
            execution,
            instruments,
            index,
            new Marks(marks, markTimes),
            this::markedEquity,
            clock,
            tickStrategies);
    long tickTime = ticks.restoreState(cursor);
    if (tickTime != Long.MIN_VALUE) {
      clock.set(Math.max(clock.nowMillis(), tickTime));
    }
    account.openPositions().forEach(p -> venue.adoptPosition(p.instrument(), p.quantity()));
  }

  private int firstStepClosingAtOrAfter(long timeMs) {
    int lo = 0;
    int hi = panel.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (panel.closeTime(mid) < timeMs) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Replays until the panel ends or {@code pacer} asks to stop; returns the steps processed. On a
   * growable (live) panel it returns when it has caught up, and a later call goes on with the bars
   * appended since.
   */
  public int run(Pacer pacer) {
    int steps = 0;
    while (nextStep < panel.size()) {
      long closeTime = panel.closeTime(nextStep);
      while (nextTimerMs < closeTime) {
        if (!pacer.awaitEventTime(nextTimerMs)) {
          return steps;
        }
        fireTimer(nextTimerMs);
      }
      if (!pacer.awaitEventTime(closeTime)) {
        return steps;
      }
      long stepStart = System.nanoTime();
      step(nextStep);
      listener.onStepLatency(nextStep, System.nanoTime() - stepStart);
      if (nextTimerMs == closeTime) {
        fireTimer(nextTimerMs);
      }
      checkpoint(nextStep);
      nextStep++;
      steps++;
    }
    if (panel.growing()) {
      // live: caught up with the venue, waiting for the next bar to close
      dataStage.update(
          "running",
          panel.size() > 0 ? panel.closeTime(panel.size() - 1) : null,
          null,
          Map.of("symbols_streaming", instruments.size(), "awaiting_bar", true));
    } else {
      dataStage.update(
          "idle",
          panel.size() > 0 ? panel.closeTime(panel.size() - 1) : null,
          null,
          Map.of("symbols_streaming", 0, "replay_finished", true));
    }
    return steps;
  }

  private void step(int t) {
    long closeTime = panel.closeTime(t);
    long prev = t > 0 ? panel.closeTime(t - 1) : closeTime - panel.barMillis();
    clock.set(closeTime);
    lastProcessedStep = t;
    view.moveTo(t, closeTime);
    if (risk.emergencyStopped()) {
      // the stop binds before any queued order can fill at this step's prices
      execution.cancelWorking();
    }
    int n = instruments.size();
    for (int i = 0; i < n; i++) {
      double c = panel.close(t, i);
      if (c > 0) {
        marks[i] = c;
        markTimes[i] = closeTime;
        venue.onPrice(instruments.get(i).id(), c, closeTime);
      }
    }
    checkMaintenanceMargin(closeTime);
    funding.forEach(
        prev,
        closeTime,
        (i, time, rate) -> {
          double mark = marks[i];
          sleeves.funding(i, rate, mark);
          // flat (the position mirror is exact): nothing to settle, no account lookup
          if (mark > 0 && positionQty[i] != 0) {
            Money amount = account.settleFunding(instruments.get(i).id(), rate, mark);
            if (amount.signum() != 0) {
              FundingSettled e = new FundingSettled(time, instruments.get(i).id(), rate, amount);
              fundingDelta.add(e);
              listener.onEvent(e);
            }
          }
        });
    sleeves.onStep(closeTime, marks, config.publishState());
    double equity = observeRisk(closeTime);
    listener.onStep(t, closeTime, equity);
    if (config.publishState()) {
      publishAccount();
      dataStage.update(
          "running",
          closeTime,
          panel.closeTime(Math.min(t + 1, panel.size() - 1)),
          Map.of("symbols_streaming", streaming(t), "bars_remaining", panel.size() - 1 - t));
    }
  }

  /**
   * Liquidates every position at the current marks when equity is below the maintenance margin of
   * the gross notional; trading halts for good when nothing is left.
   */
  private void checkMaintenanceMargin(long now) {
    double rate = config.maintenanceMarginRate();
    if (rate <= 0 || halted) {
      return;
    }
    double gross = 0;
    for (int i = 0; i < marks.length; i++) {
      if (positionQty[i] != 0 && marks[i] > 0) {
        gross += Math.abs(positionQty[i] * marks[i]);
      }
    }
    double equity = markedEquity();
    if (gross == 0 || equity >= rate * gross) {
      return;
    }
    execution.cancelWorking();
    RebalanceId id = RebalanceId.of("liq-" + now + "-" + sleeves.portfolioId().value());
    rebalance(id, "liquidation", new double[instruments.size()], equity, 0.0, null, true);
    for (int i = 0; i < marks.length; i++) {
      if (marks[i] > 0) {
        venue.onPrice(instruments.get(i).id(), marks[i], now);
      }
    }
    liquidations++;
    halted = markedEquity() <= 0;
  }

  /** Hands the portfolio to the risk engine and carries out forced closes; returns the equity. */
  private double observeRisk(long now) {
    double wallet = account.wallet().toDouble();
    double u = 0;
    double longs = 0;
    double shorts = 0;
    double largest = 0;
    int worst = -1;
    for (int i = 0; i < marks.length; i++) {
      double q = positionQty[i];
      if (q != 0 && marks[i] > 0) {
        double notional = q * marks[i];
        u += notional - positionCost[i];
        if (notional > 0) {
          longs += notional;
        } else {
          shorts -= notional;
        }
        if (Math.abs(notional) > largest) {
          largest = Math.abs(notional);
          worst = i;
        }
      }
    }
    double equity = wallet + u;
    if (journal != null && now % Times.HOUR_MS == 0) {
      int open = 0;
      for (double q : positionQty) {
        open += q != 0 ? 1 : 0;
      }
      snapshotDelta.add(
          new PortfolioSnapshot(
              PortfolioSnapshot.Interval.HOURLY, now, equity, wallet, longs, shorts, open));
      if (now % Times.DAY_MS == 0) {
        snapshotDelta.add(
            new PortfolioSnapshot(
                PortfolioSnapshot.Interval.DAILY, now, equity, wallet, longs, shorts, open));
      }
    }
    risk.observe(
        new PortfolioReading(
            now,
            equity,
            longs,
            shorts,
            largest,
            worst < 0 ? null : instruments.get(worst).id().apiSymbol()));
    boolean closeAll = risk.takeCloseAll();
    if (closeAll || risk.watchesHoldingTime()) {
      List<Integer> close = new ArrayList<>();
      for (int i = 0; i < marks.length; i++) {
        if (positionQty[i] != 0
            && (closeAll || risk.holdingTooLong(instruments.get(i).id(), now - openedAt[i], now))) {
          close.add(i);
        }
      }
      if (!close.isEmpty()) {
        int[] selection = close.stream().mapToInt(Integer::intValue).toArray();
        rebalance(
            RebalanceId.of("risk-" + now + "-" + sleeves.portfolioId().value()),
            closeAll ? "daily_loss" : "holding_time",
            new double[instruments.size()],
            equity,
            0.0,
            selection,
            false);
      }
    }
    return equity;
  }

  private int streaming(int t) {
    int count = 0;
    for (int i = 0; i < instruments.size(); i++) {
      if (panel.close(t, i) > 0) {
        count++;
      }
    }
    return count;
  }

  /** Whether a due rebalance is skipped (liquidated or a risk halt); the listener is told why. */
  private boolean rebalanceBlocked(long timeMs) {
    if (halted) {
      listener.onRebalanceSkipped(timeMs, "liquidated");
      return true;
    }
    Optional<String> halt = risk.haltReason(timeMs);
    if (halt.isPresent()) {
      risk.rebalanceBlocked(timeMs, halt.get());
      listener.onRebalanceSkipped(timeMs, halt.get());
      return true;
    }
    return false;
  }

  private void fireTimer(long timeMs) {
    clock.set(Math.max(clock.nowMillis(), timeMs));
    nextTimerMs = sleeves.nextTimer(timeMs);
    boolean due = false;
    for (StrategySleeves.Sleeve s : sleeves.sleeves()) {
      due |= sleeves.due(s, timeMs);
    }
    // the bar that closed at or before the timer (a timer at a bar's close sees that bar)
    int latest = lastProcessedStep;
    if (!due || latest < 0) {
      return;
    }
    if (rebalanceBlocked(timeMs)) {
      return;
    }
    view.moveTo(latest, timeMs);
    double equity = markedEquity();
    StrategyId portfolio = sleeves.portfolioId();
    if (!sleeves.decide(view, timeMs, nextTimerMs, marks)) {
      return; // nothing due was active, nothing to unwind
    }
    List<StrategySleeves.Decided> decided = sleeves.takeDecisions();
    if (config.publishState() && sleeves.ensemble()) {
      state.putSignal(sleeves.ensembleSnapshot(view, timeMs));
    }
    // a new decision supersedes orders still working (e.g. an instrument without a price since)
    execution.cancelWorking();
    for (StrategySleeves.Decided one : decided) {
      listener.onDecision(timeMs, one.decision().poolSize(), one.decision().signalCount());
    }
    RebalanceId id = rebalanceId(timeMs, portfolio);
    TargetNetting.Netted netted =
        netting.net(
            portfolio,
            id,
            clock.nowMillis(),
            instruments,
            sleeves.targets(equity),
            marks,
            positions(),
            sleeves.minTradeFraction(decided) * equity,
            null);
    // set before the orders' intents are journaled: a restart resumes this rebalance from the
    // journal (its orders adopted or sent once), it does not decide it again
    lastRebalanceMs = timeMs;
    rebalanceSeq++;
    execution.rebalance(
        portfolio,
        id,
        "cron",
        instruments,
        netted.orders(),
        new Marks(marks, markTimes),
        Money.of(equity),
        false);
  }

  /** The account's position per instrument (dense index; null when flat). */
  private Quantity[] positions() {
    Quantity[] positions = new Quantity[instruments.size()];
    for (int i = 0; i < positions.length; i++) {
      var p = account.position(instruments.get(i).id());
      positions[i] = p == null ? null : p.quantity();
    }
    return positions;
  }

  /** Plans the orders toward {@code weights} and sends them down the fixed-point order path. */
  private void rebalance(
      RebalanceId id,
      String trigger,
      double[] weights,
      double equity,
      double minTradeFraction,
      int[] selection,
      boolean bypassRisk) {
    Marks m = new Marks(marks, markTimes);
    List<Order> orders =
        planning.plan(
            sleeves.portfolioId(),
            id,
            clock.nowMillis(),
            instruments,
            weights,
            m,
            equity,
            minTradeFraction,
            selection);
    execution.rebalance(
        sleeves.portfolioId(), id, trigger, instruments, orders, m, Money.of(equity), bypassRisk);
  }

  /** {@code rb-<yyyyMMdd>-<HHmm>-<strategy>}: unique per decision, stable across restarts. */
  private static RebalanceId rebalanceId(long timeMs, StrategyId strategy) {
    String stamp = Times.iso(timeMs); // 2026-03-02T23:59:00Z
    String time =
        stamp.substring(0, 10).replace("-", "")
            + "-"
            + stamp.substring(11, 13)
            + stamp.substring(14, 16);
    String name = strategy.value();
    return RebalanceId.of("rb-" + time + "-" + name.substring(0, Math.min(name.length(), 47)));
  }

  private void republishSignal() {
    int latest = firstStepClosingAtOrAfter(lastRebalanceMs + 1) - 1;
    if (latest >= 0) {
      view.moveTo(latest, lastRebalanceMs);
      sleeves.republish(view, lastRebalanceMs, sleeves.nextTimer(clock.nowMillis()));
      if (sleeves.ensemble()) {
        state.putSignal(sleeves.ensembleSnapshot(view, lastRebalanceMs));
      }
      if (nextStep > 0) {
        view.moveTo(nextStep - 1, clock.nowMillis());
      }
    }
  }

  private void refreshMarks(int upTo) {
    int n = instruments.size();
    for (int i = 0; i < n; i++) {
      for (int t = upTo; t >= 0 && t > upTo - 24 * 30; t--) {
        double c = panel.close(t, i);
        if (c > 0) {
          marks[i] = c;
          markTimes[i] = panel.closeTime(t);
          break;
        }
      }
    }
  }

  private void checkpoint(int t) {
    if (journal == null) {
      execution.drain();
      fundingDelta.clear();
      snapshotDelta.clear();
      return;
    }
    ExecutionService.Delta delta = execution.drain();
    boolean quiet =
        delta.isEmpty()
            && fundingDelta.isEmpty()
            && snapshotDelta.isEmpty()
            && !adopted
            && !tickDirty;
    adopted = false;
    tickDirty = false;
    if (quiet && !config.publishState() && t % 24 != 0) {
      return;
    }
    Map<String, String> cursor = new HashMap<>();
    if (t >= 0) {
      cursor.put(CURSOR_TIME, Long.toString(panel.closeTime(t)));
    }
    if (lastRebalanceMs != Long.MIN_VALUE) {
      cursor.put(CURSOR_LAST_REBALANCE, Long.toString(lastRebalanceMs));
    }
    cursor.put(CURSOR_ACTIVE_REBALANCE, execution.exportActive());
    cursor.putAll(risk.exportState());
    cursor.putAll(ticks.exportState());
    cursor.putAll(sleeves.exportState());
    journal.commit(
        new KernelCheckpoint(
            account.snapshot(clock.nowMillis()),
            cursor,
            delta.orders(),
            delta.fills(),
            List.copyOf(fundingDelta),
            delta.rebalances(),
            List.copyOf(snapshotDelta)));
    fundingDelta.clear();
    snapshotDelta.clear();
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
    if (nextStep < panel.size() && panel.closeTime(nextStep) <= t) {
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
      checkpoint(lastProcessedStep);
    }
  }

  /** Checkpoints changes made between ticks (venue answers a live bridge delivered). */
  public void checkpointChanges() {
    tickDirty |= ticks.takeChanged();
    if (execution.hasChanges() || tickDirty) {
      checkpoint(lastProcessedStep);
    }
  }

  private void syncPosition(InstrumentId id) {
    Integer i = index.get(id);
    var p = account.position(id);
    if (i != null) {
      double q = p == null ? 0.0 : p.quantity().toDouble();
      if (q == 0) {
        if (positionQty[i] != 0) {
          risk.positionClosed(id, clock.nowMillis());
        }
      } else if (positionQty[i] == 0 || Math.signum(q) != Math.signum(positionQty[i])) {
        openedAt[i] = clock.nowMillis(); // after a restart: the restart time (not journaled)
      }
      positionQty[i] = q;
      positionCost[i] = p == null ? 0.0 : p.entryCost().toDouble();
    }
  }

  /**
   * Takes the venue's position in {@code instrument} as the truth (reconciliation): the account
   * holds {@code quantity} from now on, entered at the current mark (so no PnL is invented); the
   * change is journaled with the next checkpoint. Kernel thread only.
   */
  public void adoptPosition(InstrumentId instrument, java.math.BigDecimal quantity) {
    Integer i = index.get(instrument);
    if (i == null) {
      throw new IllegalArgumentException("not traded by this kernel: " + instrument);
    }
    Instrument inst = instruments.get(i);
    double mark = marks[i] > 0 ? marks[i] : 0.0;
    account.adopt(
        instrument,
        io.perpetua.core.Quantity.of(
            quantity.setScale(inst.quantityScale(), java.math.RoundingMode.HALF_EVEN),
            inst.quantityScale()),
        mark);
    syncPosition(instrument);
    adopted = true;
  }

  /** The client order ids of the orders still working (kernel thread only). */
  public Set<ClientOrderId> workingOrderIds() {
    return execution.workingIds();
  }

  /** The index of the next bar to step (bars before it are processed). */
  public int nextStep() {
    return nextStep;
  }

  /** The instruments this kernel trades, in panel order. */
  public List<Instrument> instruments() {
    return instruments;
  }

  /** Equity at the latest marks from the position mirror (hot path: every step). */
  private double markedEquity() {
    double u = 0;
    for (int i = 0; i < marks.length; i++) {
      double q = positionQty[i];
      if (q != 0 && marks[i] > 0) {
        u += q * marks[i] - positionCost[i];
      }
    }
    return account.wallet().toDouble() + u;
  }

  private void publishAccount() {
    AccountPublisher.publish(
        state,
        account,
        instruments,
        marks,
        index,
        clock.nowMillis(),
        config.margin(),
        execution.openOrderNotional(instruments, new Marks(marks, markTimes)).toDouble());
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
    return markedEquity();
  }

  /** The kernel clock's time. */
  public long now() {
    return clock.nowMillis();
  }

  /**
   * Sizes the strategy sleeves on {@code weights} (the capital allocator's, ensemble mode) from
   * their next rebalance on: the allocation goes through this kernel's one order path.
   */
  public void useCapitalWeights(io.perpetua.trading.allocation.CapitalWeights weights) {
    sleeves.useCapitalWeights(weights);
  }

  /** Rebalances started in this run. */
  public int rebalances() {
    return rebalanceSeq;
  }

  /** Liquidations so far. */
  public int liquidations() {
    return liquidations;
  }

  /** True when the replay has consumed the panel. */
  public boolean finished() {
    return nextStep >= panel.size();
  }
}
