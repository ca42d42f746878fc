package io.perpetua.trading.flow;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.OrderSide;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.signals.flow.FlowState;
import io.perpetua.signals.flow.FlowStrategyConfig;
import io.perpetua.signals.flow.FlowTier;
import io.perpetua.trading.kernel.TickContext;
import io.perpetua.trading.kernel.TickStrategy;
import io.perpetua.trading.kernel.algo.BracketOrder;
import io.perpetua.trading.kernel.algo.BracketResult;
import io.perpetua.trading.kernel.algo.BracketSpec;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Order-flow strategies as a strategy type of the trading kernel: the kernel steps ticks ({@link
 * io.perpetua.trading.kernel.TradingKernel#onTick}); this keeps each symbol's {@link FlowState}
 * (the feature layer), evaluates every strategy on its schedule ({@link FlowSchedule}: at each
 * multiple of its interval, before the first tick at or after it), applies the strategy-level rules
 * (position limit {@link #MAX_POSITIONS}, {@link #COOLDOWN}, flip) and turns decisions into kernel
 * bracket orders (§4.1: post-only entry with fallback, reduce-only TP1/TP2, stop, break-even,
 * timeout; a flip flattens at market). Orders, fills, fees and positions are the kernel's
 * (execution service, risk engine, venue port, journal, account); closed trades in R are computed
 * from the kernel's fills ({@link BracketResult}) and reported to a {@link FlowListener}.
 *
 * <p>Size: 1R money = strategy balance × risk per trade × tier multiplier; quantity = 1R / (stop
 * multiplier × ATR), rounded down to the instrument's step. Restart: schedule, momentum, cooldowns,
 * balances and the open trades' signal data are in the kernel checkpoint ({@link #exportState});
 * the rolling state is rebuilt by the kernel's warm-up replay. Kernel thread only.
 */
public final class KernelFlowStrategy implements TickStrategy, FlowStrategyHost {
  /** Strategy-level block: the strategy's position limit is reached. */
  public static final String MAX_POSITIONS = "max_positions";

  /** Strategy-level block: the cooldown since the last entry has not passed. */
  public static final String COOLDOWN = "cooldown";

  private final String prefix; // cursor keys: flow.<engine instance>.…

  private final FlowEngineSettings settings;
  private final FlowListener listener;
  private final Map<InstrumentId, FlowState> states = new HashMap<>();
  private final FlowSchedule schedule = new FlowSchedule();
  private final Map<StrategyId, Money> balances = new HashMap<>();
  private final Map<String, Trade> open = new LinkedHashMap<>();
  // open trades a flip is flattening: no longer count against the position limit (§4: a flip
  // closes, then may reverse in the same evaluation)
  private final java.util.Set<String> flattening = new java.util.HashSet<>();
  private final Cooldowns cooldowns = new Cooldowns();
  private final ExecutionKpis kpis = new ExecutionKpis();
  private final LabelTracker labels;
  private final java.util.function.Consumer<LabelEvent> labelSink;
  // open-trade cursor keys closed since the last export (journals merge cursors: written as "")
  private final java.util.List<String> tombstones = new java.util.ArrayList<>();
  private java.util.function.BiConsumer<StrategyId, String> opened = (s, k) -> {};
  private final FlowSchedule.Due due = this::evaluate; // one instance, not one per tick
  private TickContext context;
  private long nowMs = Long.MIN_VALUE;

  /** What the strategy remembers of an open bracket: the signal it came from. */
  private record Trade(
      StrategyId strategy,
      InstrumentId instrument,
      FlowDirection direction,
      FlowTier tier,
      double score,
      long signalMs,
      double signalPrice,
      boolean flipped) {

    String encode() {
      return String.join(
          "|",
          strategy.value(),
          instrument.apiSymbol(),
          direction.name(),
          tier.name(),
          Double.toString(score),
          Long.toString(signalMs),
          Double.toString(signalPrice),
          Boolean.toString(flipped));
    }

    static Trade decode(String line) {
      String[] f = line.split("\\|", -1);
      return new Trade(
          StrategyId.of(f[0]),
          InstrumentId.parse(f[1]),
          FlowDirection.valueOf(f[2]),
          FlowTier.valueOf(f[3]),
          Double.parseDouble(f[4]),
          Long.parseLong(f[5]),
          Double.parseDouble(f[6]),
          Boolean.parseBoolean(f[7]));
    }
  }

  /** A strategy without flow strategies; add them with {@link #upsertStrategy}. */
  public KernelFlowStrategy(FlowEngineSettings settings, FlowListener listener) {
    this.settings = settings;
    this.listener = listener;
    this.labels = new LabelTracker(2 * settings.fees().takerRate());
    this.labelSink = listener::onLabel;
    this.prefix = "flow." + settings.engineInstance() + ".";
  }

  /** Adds a flow strategy or replaces its configuration (from its next evaluation on). */
  @Override
  public void upsertStrategy(FlowStrategyConfig config) {
    if (schedule.upsert(config)) {
      balances.putIfAbsent(config.id(), Money.of(config.initialBalance()));
      state(config.instrument());
    }
  }

  /** Pauses a strategy (no evaluations; its open brackets keep running). */
  @Override
  public void pause(StrategyId id) {
    schedule.pause(id, true);
  }

  /** Resumes a paused strategy. */
  @Override
  public void resume(StrategyId id) {
    schedule.pause(id, false);
  }

  /** The strategy's balance (initial plus closed trades' net PnL). */
  @Override
  public Money balance(StrategyId id) {
    return balances.getOrDefault(id, Money.ZERO);
  }

  /** Adds money to a strategy's balance (kept with the next kernel checkpoint). */
  @Override
  public void addBalance(StrategyId id, Money amount) {
    balances.merge(id, amount, Money::plus);
  }

  /** The instrument's last trade price seen by the rolling state (NaN before any). */
  public double lastPrice(InstrumentId instrument) {
    FlowState s = states.get(instrument);
    return s == null ? Double.NaN : s.lastPrice();
  }

  /**
   * The entered brackets of this strategy as positions (the kernel's fills: entered quantity,
   * average entry, open quantity, stop and take-profit levels). Kernel thread only.
   */
  public java.util.List<PositionSnapshot> openPositions() {
    java.util.List<PositionSnapshot> out = new java.util.ArrayList<>();
    if (context == null) {
      return out;
    }
    for (BracketOrder b : context.brackets().active()) {
      Trade t = open.get(b.spec().key());
      if (t != null && b.open().signum() > 0 && b.stop() != null) {
        out.add(
            FlowPositions.of(
                b, t.strategy, t.direction, t.tier, t.score, t.signalPrice, t.flipped));
      }
    }
    return out;
  }

  /**
   * Tells {@code hook} the (strategy, key) of every bracket this strategy opens, and of every open
   * one restored from a checkpoint (e.g. to name the kernel's orders by trade and leg).
   */
  public void onBracketOpened(java.util.function.BiConsumer<StrategyId, String> hook) {
    this.opened = hook;
  }

  /** The execution KPIs so far. */
  public ExecutionKpis kpis() {
    return kpis;
  }

  /** The rolling state of a symbol (created on first use). */
  public FlowState state(InstrumentId instrument) {
    FlowState s = states.get(instrument);
    if (s == null) {
      s = new FlowState(settings.symbolConfig(instrument));
      states.put(instrument, s);
    }
    return s;
  }

  /** Open trades (brackets opened by this strategy and not finished). */
  public int openTrades() {
    return open.size();
  }

  // ------------------------------------------------------------------ ticks

  @Override
  public void warmUp(FlowTick tick) {
    state(tick.instrument()).onTick(tick);
  }

  @Override
  public void onTick(FlowTick tick, TickContext ctx) {
    context = ctx;
    long t = tick.timeMs();
    if (t > nowMs) {
      nowMs = t;
    }
    schedule.runDue(nowMs, due);
    state(tick.instrument()).onTick(tick);
    if (tick instanceof io.perpetua.market.tick.AggTrade a) {
      labels.onTrade(a.instrument(), t, a.price(), labelSink);
    }
  }

  private void evaluate(StrategyKey key, FlowSchedule.Slot slot, long boundary) {
    FlowState state = state(key.instrument());
    state.advanceTo(boundary);
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
    boolean flipped = false;
    for (Map.Entry<String, Trade> o : Map.copyOf(open).entrySet()) {
      Trade t = o.getValue();
      if (t.strategy.equals(key.strategyId())
          && t.instrument.equals(key.instrument())
          && t.direction == against) {
        context.brackets().flatten(o.getKey());
        flattening.add(o.getKey());
        flipped = true;
      }
    }
    return flipped;
  }

  private int openCount(StrategyId id) {
    int n = 0;
    for (Map.Entry<String, Trade> t : open.entrySet()) {
      n += t.getValue().strategy.equals(id) && !flattening.contains(t.getKey()) ? 1 : 0;
    }
    return n;
  }

  private void enter(StrategyKey key, FlowStrategyConfig cfg, FlowEvaluation e, boolean flipped) {
    Instrument inst = context.instrument(key.instrument());
    if (inst == null) {
      return; // the kernel does not trade this symbol: evaluations only
    }
    cooldowns.record(key, e.timeMs());
    double tierMultiplier = e.tier() == FlowTier.HEAVY ? cfg.heavyMultiplier() : 1.0;
    double oneR = balance(cfg.id()).toDouble() * cfg.riskPerTrade() * tierMultiplier;
    double atr = e.inputs().atr();
    double riskDistance = cfg.slMultiplier() * atr;
    Quantity qty = inst.quantityToward0(oneR / riskDistance);
    if (qty.signum() <= 0) {
      return;
    }
    double price = e.inputs().price();
    int s = e.direction().sign();
    ExecutionSettings ex = settings.execution();
    Price limit =
        ex.mode() == ExecutionSettings.Mode.IMMEDIATE
            ? null
            : inst.price(price - s * ex.entryOffsetTicks() * ex.tickSize());
    String id = key.strategyId().value() + ":" + key.instrument().venueSymbol() + ":" + e.timeMs();
    BracketSpec.Timing timing =
        new BracketSpec.Timing(
            ex.entryTimeoutMs(),
            ex.entryFallbackSlippageBps(),
            ex.tpTimeoutMs(),
            cfg.timeoutMs(),
            ex.timeoutGraceMs(),
            settings.fees().takerRate());
    opened.accept(key.strategyId(), id);
    open.put(
        id,
        new Trade(
            key.strategyId(),
            key.instrument(),
            e.direction(),
            e.tier(),
            e.score(),
            e.timeMs(),
            price,
            flipped));
    context
        .brackets()
        .open(
            new BracketSpec(
                key.strategyId(),
                id,
                inst,
                s > 0 ? OrderSide.BUY : OrderSide.SELL,
                qty,
                limit,
                price,
                riskDistance,
                cfg.tp1Distance(atr),
                cfg.tp2Distance(atr),
                timing,
                context.nowMillis()));
  }

  // ------------------------------------------------------------------ kernel outcomes

  @Override
  public void onBracketClosed(BracketOrder bracket, BracketResult r) {
    Trade t = open.remove(r.key());
    if (t == null) {
      return; // another strategy's bracket
    }
    flattening.remove(r.key());
    tombstones.add(prefix + "open." + r.key());
    if (r.exit() == BracketOrder.Exit.ENTRY_CANCELLED) {
      kpis.entryCancelled();
      return;
    }
    boolean timedOut =
        bracket.filledOf("entry-mkt").signum() > 0 && bracket.spec().entryLimit() != null;
    double entryMaker = bracket.filledOf("entry").toDouble();
    double slip = Math.max(0, t.direction.sign() * (r.entryAverage() - t.signalPrice));
    kpis.entry(r.entered().toDouble(), entryMaker, timedOut);
    ClosedFlowTrade trade = FlowTrades.closed(r, t.direction, t.tier, t.score, t.flipped, slip);
    balances.merge(trade.strategyId(), trade.pnl(), Money::plus);
    int tpFills = 0;
    int tpMaker = 0;
    for (String leg : new String[] {"tp1", "tp2"}) {
      boolean maker = bracket.filledOf(leg).signum() > 0;
      boolean market = bracket.filledOf(leg + "-mkt").signum() > 0;
      tpFills += maker || market ? 1 : 0;
      tpMaker += maker ? 1 : 0;
    }
    kpis.closed(trade, tpFills, tpMaker);
    listener.onTradeClosed(trade);
    listener.onExecutionCost(ExecutionCostEvent.of(trade, settings.engineInstance()));
  }

  // ------------------------------------------------------------------ restart

  @Override
  public Map<String, String> exportState() {
    Map<String, String> out = new LinkedHashMap<>();
    tombstones.forEach(k -> out.put(k, ""));
    tombstones.clear();
    schedule.slots.forEach(
        (k, s) -> {
          var m = s.strategy.momentum().snapshot();
          out.put(
              prefix + "slot." + k.strategyId().value() + "." + k.instrument().apiSymbol(),
              s.nextEvalMs + "|" + s.paused + "|" + m.previousCvd() + "|" + m.previousSlope());
        });
    cooldowns.lastEntries().entrySet().stream()
        .sorted(
            Map.Entry.<StrategyKey, Long>comparingByKey(
                java.util.Comparator.comparing(StrategyKey::strategyId)
                    .thenComparing(StrategyKey::instrument)))
        .forEach(
            c ->
                out.put(
                    prefix
                        + "cooldown."
                        + c.getKey().strategyId().value()
                        + "."
                        + c.getKey().instrument().apiSymbol(),
                    Long.toString(c.getValue())));
    balances.forEach((id, m) -> out.put(prefix + "balance." + id.value(), Long.toString(m.raw())));
    open.forEach((key, t) -> out.put(prefix + "open." + key, t.encode()));
    out.put(prefix + "now", Long.toString(nowMs));
    FlowLabelCursor.export(labels, prefix, out);
    return out;
  }

  @Override
  public void restoreState(Map<String, String> cursor) {
    String now = cursor.get(prefix + "now");
    if (now == null) {
      return;
    }
    nowMs = Long.parseLong(now);
    Map<StrategyKey, Long> cds = new HashMap<>();
    cursor.forEach(
        (key, value) -> {
          if (key.startsWith(prefix + "open.") && !value.isEmpty()) {
            Trade t = Trade.decode(value);
            open.put(key.substring((prefix + "open.").length()), t);
            opened.accept(t.strategy, key.substring((prefix + "open.").length()));
          } else if (key.startsWith(prefix + "balance.")) {
            balances.put(
                StrategyId.of(key.substring((prefix + "balance.").length())),
                new Money(Long.parseLong(value)));
          }
        });
    schedule.slots.forEach(
        (k, s) -> {
          String v =
              cursor.get(
                  prefix + "slot." + k.strategyId().value() + "." + k.instrument().apiSymbol());
          if (v != null) {
            String[] f = v.split("\\|");
            s.nextEvalMs = Long.parseLong(f[0]);
            s.paused = Boolean.parseBoolean(f[1]);
            s.strategy
                .momentum()
                .restore(
                    new io.perpetua.signals.flow.CvdMomentum.Snapshot(
                        Double.parseDouble(f[2]), Double.parseDouble(f[3])));
          }
          String c =
              cursor.get(
                  prefix + "cooldown." + k.strategyId().value() + "." + k.instrument().apiSymbol());
          if (c != null) {
            cds.put(k, Long.parseLong(c));
          }
        });
    cooldowns.restore(cds);
    schedule.rescan();
    FlowLabelCursor.restore(labels, prefix, cursor);
  }
}
