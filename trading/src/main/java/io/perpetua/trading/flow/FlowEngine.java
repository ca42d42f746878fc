package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.signals.flow.FlowState;
import io.perpetua.signals.flow.FlowStrategyConfig;
import io.perpetua.signals.flow.FlowTier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The order-flow paper engine: consumes {@link FlowTick}s of many symbols in time order, keeps each
 * symbol's {@link FlowState}, evaluates every active strategy on its schedule (on the event clock:
 * at each multiple of its interval, before the first tick at or after it), runs the paper trade
 * lifecycle and emits evaluations, feature rows, trades, execution costs and labels to a {@link
 * FlowListener}.
 *
 * <p>Entry points for the platform: {@link #upsertStrategy} (create or edit — effective at the next
 * evaluation), {@link #pause} / {@link #resume}, {@link #warmUp} (rebuild rolling state from stored
 * history without trading), {@link #onTick}, {@link #snapshot} / {@link #restore} (with a {@link
 * FlowStateStore}). A backtest drives it with replayed ticks; paper trading with live ticks — the
 * same code.
 *
 * <p>Rules: an entry needs an evaluation that opens (tier set), fewer than {@code maxOpenPositions}
 * open or resting positions of the strategy (over all symbols) and the cooldown since the last
 * entry of the strategy on the symbol; otherwise the evaluation is emitted with block reason {@code
 * max_positions} or {@code cooldown}. An opposite evaluation that passed its gates with a score ≥
 * the flip threshold closes the strategy's positions on the symbol ({@code signal_flip}) and may
 * reverse in the same evaluation. Size: 1R money = balance × risk per trade × tier multiplier.
 *
 * <p>Not thread-safe: drive it from one thread.
 */
public final class FlowEngine implements FlowStrategyHost {
  /** Engine-level block: the strategy's position limit is reached. */
  public static final String MAX_POSITIONS = "max_positions";

  /** Engine-level block: the cooldown since the last entry has not passed. */
  public static final String COOLDOWN = "cooldown";

  private final FlowEngineSettings settings;
  private final FlowListener listener;
  private final Map<InstrumentId, FlowState> states = new HashMap<>();
  private final FlowSchedule schedule = new FlowSchedule();
  private final Map<StrategyId, Money> balances = new HashMap<>();
  private final List<PaperPosition> positions = new ArrayList<>();
  private final List<PendingEntry> pending = new ArrayList<>();
  private final Cooldowns cooldowns = new Cooldowns();
  private final LabelTracker labels;
  private final ExecutionKpis kpis = new ExecutionKpis();
  private long nowMs = Long.MIN_VALUE;

  /** An engine without strategies. */
  public FlowEngine(FlowEngineSettings settings, FlowListener listener) {
    this.settings = settings;
    this.listener = listener;
    this.labels = new LabelTracker(2 * settings.fees().takerRate());
  }

  // ------------------------------------------------------------------ strategies

  /** Adds a strategy or replaces its configuration (from its next evaluation on). */
  @Override
  public void upsertStrategy(FlowStrategyConfig config) {
    if (schedule.upsert(config)) {
      balances.putIfAbsent(config.id(), Money.of(config.initialBalance()));
      state(config.instrument());
    }
  }

  /** Pauses every slot of {@code id}: no evaluations; open positions keep being managed. */
  @Override
  public void pause(StrategyId id) {
    schedule.pause(id, true);
  }

  /** Resumes a paused strategy. */
  @Override
  public void resume(StrategyId id) {
    schedule.pause(id, false);
  }

  /** Adds money to a strategy's balance (the platform also raises its initial balance). */
  @Override
  public void addBalance(StrategyId id, Money amount) {
    balances.merge(id, amount, Money::plus);
  }

  /** The strategy's current balance. */
  @Override
  public Money balance(StrategyId id) {
    return balances.getOrDefault(id, Money.ZERO);
  }

  /** The state of a symbol (created on first use). */
  public FlowState state(InstrumentId instrument) {
    FlowState state = states.get(instrument); // no capturing lambda on the per-tick path
    if (state == null) {
      state = new FlowState(settings.symbolConfig(instrument));
      states.put(instrument, state);
    }
    return state;
  }

  /** Open positions. */
  public List<PositionSnapshot> openPositions() {
    return positions.stream().map(PaperPosition::snapshot).toList();
  }

  /** Pending labels. */
  public int pendingLabels() {
    return labels.size();
  }

  /** The execution KPIs so far. */
  public ExecutionKpis kpis() {
    return kpis;
  }

  // ------------------------------------------------------------------ ticks

  /** Applies a tick of stored history to the rolling state only (no evaluation, no trading). */
  public void warmUp(FlowTick tick) {
    state(tick.instrument()).onTick(tick);
  }

  /** Processes one tick: due evaluations first, then the state, then positions and labels. */
  public void onTick(FlowTick tick) {
    long t = tick.timeMs();
    if (t > nowMs) {
      nowMs = t;
    }
    schedule.runDue(nowMs, this::evaluate);
    FlowState state = state(tick.instrument());
    state.onTick(tick);
    if (tick instanceof AggTrade trade) {
      onTrade(trade);
    }
  }

  private void evaluate(StrategyKey key, FlowSchedule.Slot slot, long boundary) {
    FlowState state = state(key.instrument());
    state.advanceTo(boundary);
    double last = state.lastPrice();
    if (!Double.isNaN(last)) {
      onClock(key.instrument(), boundary, last);
    }
    if (slot.paused || !state.isWarm()) {
      return;
    }
    FlowStrategyConfig cfg = slot.strategy.config();
    FlowEvaluation e = slot.strategy.evaluate(state);
    boolean flipped = flipIfOpposite(key, cfg, e);
    if (e.opens()) {
      if (openCount(key.strategyId()) >= cfg.maxOpenPositions()) {
        e = e.withBlock(MAX_POSITIONS);
      } else if (!cooldowns.allows(key, boundary, cfg.cooldownMs())) {
        e = e.withBlock(COOLDOWN);
      } else {
        enter(key, cfg, e, flipped);
      }
    }
    listener.onEvaluation(e);
    listener.onFeature(new FeatureEvent(FeatureEvent.idOf(e), settings.engineInstance(), e));
    labels.track(e, settings.engineInstance(), cfg.slMultiplier() * e.inputs().atr());
  }

  private boolean flipIfOpposite(StrategyKey key, FlowStrategyConfig cfg, FlowEvaluation e) {
    if (!e.gatePassed() || e.direction() == FlowDirection.NONE || e.score() < cfg.flipScore()) {
      return false;
    }
    FlowDirection against = e.direction().opposite();
    // resting opposite entries are cancelled first; a partial fill becomes a position closed below
    pending.removeIf(p -> p.key().equals(key) && p.evaluation.direction() == against && cancel(p));
    boolean flipped = false;
    double price = e.inputs().price();
    for (Iterator<PaperPosition> it = positions.iterator(); it.hasNext(); ) {
      PaperPosition p = it.next();
      if (p.strategyId().equals(key.strategyId())
          && p.instrument().equals(key.instrument())
          && p.direction() == against) {
        p.closeAtMarket(e.timeMs(), price, FlowTradeStatus.SIGNAL_FLIP, settings.fees());
        it.remove();
        finish(p);
        flipped = true;
      }
    }
    return flipped;
  }

  private boolean cancel(PendingEntry p) {
    if (p.filledQty > 0) {
      open(p, p.averagePrice(), p.filledQty, true);
    } else {
      kpis.entryCancelled();
      listener.onEntryCancelled(p.snapshot());
    }
    return true;
  }

  private int openCount(StrategyId id) {
    int n = 0;
    for (PaperPosition p : positions) {
      n += p.strategyId().equals(id) ? 1 : 0;
    }
    for (PendingEntry p : pending) {
      n += p.evaluation.strategyId().equals(id) ? 1 : 0;
    }
    return n;
  }

  private void enter(StrategyKey key, FlowStrategyConfig cfg, FlowEvaluation e, boolean flipped) {
    cooldowns.record(key, e.timeMs());
    double tierMultiplier = e.tier() == FlowTier.HEAVY ? cfg.heavyMultiplier() : 1.0;
    double oneR = balance(cfg.id()).toDouble() * cfg.riskPerTrade() * tierMultiplier;
    double riskDistance = cfg.slMultiplier() * e.inputs().atr();
    double qty = oneR / riskDistance;
    double price = e.inputs().price();
    String id = key.strategyId().value() + ":" + key.instrument().venueSymbol() + ":" + e.timeMs();
    ExecutionSettings ex = settings.execution();
    if (ex.mode() == ExecutionSettings.Mode.IMMEDIATE) {
      EntryFill fill = EntryFill.taker(price, qty, settings.fees());
      kpis.entry(fill, false);
      addPosition(PaperPosition.open(id, cfg, e, fill, e.timeMs(), flipped));
      return;
    }
    double limit = price - e.direction().sign() * ex.entryOffsetTicks() * ex.tickSize();
    pending.add(
        new PendingEntry(
            new PendingEntrySnapshot(
                id, e, limit, qty, 0, 0, e.timeMs() + ex.entryTimeoutMs(), flipped)));
  }

  private void addPosition(PaperPosition p) {
    positions.add(p);
    listener.onPositionOpened(p.snapshot());
  }

  private void onTrade(AggTrade trade) {
    InstrumentId instrument = trade.instrument();
    long t = trade.timeMs();
    double price = trade.price();
    for (Iterator<PendingEntry> it = pending.iterator(); it.hasNext(); ) {
      PendingEntry p = it.next();
      if (p.evaluation.instrument().equals(instrument)
          && p.onPrice(t, price, trade.quantity(), true)) {
        it.remove();
      }
    }
    updatePositions(instrument, t, price, true);
    labels.onTrade(instrument, t, price, listener::onLabel);
  }

  private void onClock(InstrumentId instrument, long t, double lastPrice) {
    for (Iterator<PendingEntry> it = pending.iterator(); it.hasNext(); ) {
      PendingEntry p = it.next();
      if (p.evaluation.instrument().equals(instrument) && p.onPrice(t, lastPrice, 0, false)) {
        it.remove();
      }
    }
    updatePositions(instrument, t, lastPrice, false);
  }

  private void updatePositions(InstrumentId instrument, long t, double price, boolean trade) {
    for (Iterator<PaperPosition> it = positions.iterator(); it.hasNext(); ) {
      PaperPosition p = it.next();
      if (!p.instrument().equals(instrument)) {
        continue;
      }
      PaperPosition.Step step = p.onPrice(t, price, trade, settings.execution(), settings.fees());
      if (step == PaperPosition.Step.TP1) {
        listener.onPositionUpdated(p.snapshot());
      } else if (step == PaperPosition.Step.CLOSED) {
        it.remove();
        finish(p);
      }
    }
  }

  private void finish(PaperPosition p) {
    ClosedFlowTrade trade = p.toClosedTrade();
    balances.merge(trade.strategyId(), trade.pnl(), Money::plus);
    kpis.closed(trade, p);
    listener.onTradeClosed(trade);
    listener.onExecutionCost(ExecutionCostEvent.of(trade, settings.engineInstance()));
  }

  private void open(PendingEntry p, double avgPrice, double qty, boolean timedOut) {
    FlowEvaluation e = p.evaluation;
    FlowStrategyConfig cfg = schedule.slots.get(p.key()).strategy.config();
    double makerQty = Math.min(p.filledQty, qty);
    double takerQty = qty - makerQty;
    double fees =
        settings.fees().makerRate() * p.filledNotional
            + settings.fees().takerRate() * (avgPrice * qty - p.filledNotional);
    double slip = Math.max(0, e.direction().sign() * (avgPrice - e.inputs().price())) * qty;
    EntryFill fill = new EntryFill(avgPrice, qty, fees, qty - takerQty, slip);
    kpis.entry(fill, timedOut);
    addPosition(PaperPosition.open(p.id, cfg, e, fill, nowMs, p.flipped));
  }

  // ------------------------------------------------------------------ snapshots

  /** The restart state (see {@link FlowSnapshot}). */
  public FlowSnapshot snapshot() {
    List<FlowSnapshot.StrategySlot> slotList = new ArrayList<>();
    schedule.slots.forEach(
        (k, s) ->
            slotList.add(
                new FlowSnapshot.StrategySlot(
                    k, s.nextEvalMs, s.strategy.momentum().snapshot(), s.paused)));
    List<FlowSnapshot.Balance> balanceList = new ArrayList<>();
    balances.forEach((id, m) -> balanceList.add(new FlowSnapshot.Balance(id, m)));
    balanceList.sort(java.util.Comparator.comparing(FlowSnapshot.Balance::strategyId));
    return new FlowSnapshot(
        settings.engineInstance(),
        nowMs,
        slotList,
        openPositions(),
        pending.stream().map(PendingEntry::snapshot).toList(),
        cooldowns.snapshot(),
        balanceList,
        labels.snapshot(),
        labels.bars());
  }

  /**
   * Restores a snapshot. Register the strategies ({@link #upsertStrategy}) and warm the rolling
   * state up from history ({@link #warmUp}) first; slots in the snapshot without a registered
   * strategy are ignored.
   */
  public void restore(FlowSnapshot s) {
    nowMs = s.timeMs();
    for (FlowSnapshot.StrategySlot ss : s.strategies()) {
      FlowSchedule.Slot slot = schedule.slots.get(ss.key());
      if (slot != null) {
        slot.nextEvalMs = ss.nextEvalMs();
        slot.paused = ss.paused();
        slot.strategy.momentum().restore(ss.momentum());
      }
    }
    schedule.rescan();
    positions.clear();
    s.positions().forEach(p -> positions.add(PaperPosition.restore(p)));
    pending.clear();
    s.pendingEntries().forEach(p -> pending.add(new PendingEntry(p)));
    cooldowns.restore(s.cooldowns());
    s.balances().forEach(b -> balances.put(b.strategyId(), b.balance()));
    labels.restore(s.labels(), s.labelBars());
  }

  // ------------------------------------------------------------------ internals

  /** A resting post-only entry: fills when trades go through its limit; times out to market. */
  private final class PendingEntry {
    final String id;
    final FlowEvaluation evaluation;
    final double limit;
    final double target;
    final long deadlineMs;
    final boolean flipped;
    double filledQty;
    double filledNotional;

    PendingEntry(PendingEntrySnapshot s) {
      this.id = s.id();
      this.evaluation = s.evaluation();
      this.limit = s.limitPrice();
      this.target = s.targetQuantity();
      this.deadlineMs = s.deadlineMs();
      this.flipped = s.flipped();
      this.filledQty = s.filledQuantity();
      this.filledNotional = s.filledNotional();
    }

    StrategyKey key() {
      return new StrategyKey(evaluation.strategyId(), evaluation.instrument());
    }

    double averagePrice() {
      return filledNotional / filledQty;
    }

    /** Applies a price; true when the entry is done (opened or cancelled). */
    boolean onPrice(long t, double price, double tradeQty, boolean trade) {
      int s = evaluation.direction().sign();
      if (trade && t < deadlineMs && s * (limit - price) > 0) {
        double q = Math.min(target - filledQty, tradeQty);
        filledQty += q;
        filledNotional += q * limit;
        if (filledQty >= target * (1 - 1e-12)) {
          open(this, averagePrice(), filledQty, false);
          return true;
        }
      }
      if (t < deadlineMs) {
        return false;
      }
      double signal = evaluation.inputs().price();
      double movedBps = Math.abs(price - signal) / signal * 1e4;
      if (movedBps < settings.execution().entryFallbackSlippageBps()) {
        double rest = target - filledQty;
        double avg = (filledNotional + rest * price) / target;
        open(this, avg, target, true);
      } else if (filledQty > 0) {
        open(this, averagePrice(), filledQty, true);
      } else {
        kpis.entryCancelled();
        listener.onEntryCancelled(snapshot());
      }
      return true;
    }

    PendingEntrySnapshot snapshot() {
      return new PendingEntrySnapshot(
          id, evaluation, limit, target, filledQty, filledNotional, deadlineMs, flipped);
    }
  }
}
