package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.core.time.Clock;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.trading.kernel.TradingKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The order-flow strategies of the platform on the trading kernel: a {@link KernelFlowStrategy}
 * (the factory strategies of a {@link FactoryStrategyBook}) as the tick strategy of a {@link
 * TradingKernel}, whose orders, fills and positions are the kernel's (its execution service, risk
 * engine, venue port — simulated in paper, the Binance adapter live — and journal). Evaluations,
 * features, closed trades (in R, from the kernel's fills) and execution costs go to a {@link
 * FlowJournal}, which also keeps the strategy rows.
 *
 * <p>Start: {@link #loadStrategies()} registers the stored rows, then {@link #start} builds and
 * resumes the kernel (its own account, its journal's cursor: brackets, schedule, cooldowns and
 * balances); the stored row status wins over the checkpoint's. The tick feed ({@link #onTick}) and
 * the API's commands (create, edit, pause, ...) serialise on this object, so an edit applies at the
 * strategy's next evaluation without a restart. Thread-safe.
 */
public final class FlowService {
  private final KernelFlowStrategy strategy;
  private final FactoryStrategyBook book;
  private final FlowJournal journal;
  private final String engineInstance;
  private final Set<InstrumentId> instruments;
  private final io.perpetua.trading.flow.live.FlowLegIndex legs =
      new io.perpetua.trading.flow.live.FlowLegIndex();
  private TradingKernel kernel;
  private long lastTickMs = Long.MIN_VALUE;
  private long resumeMs = Long.MIN_VALUE;
  private long ticks;

  /**
   * A service; call {@link #start} before the first tick.
   *
   * @param settings the strategy settings (engine instance, fees, warm-up, execution)
   * @param instruments the symbols strategies may trade
   * @param journal where output and strategy rows are stored
   * @param clock the clock of strategy row timestamps
   * @param observer another listener of the strategy's output (after the journal), or null
   */
  public FlowService(
      FlowEngineSettings settings,
      Set<InstrumentId> instruments,
      FlowJournal journal,
      Clock clock,
      FlowListener observer) {
    this.journal = Objects.requireNonNull(journal, "journal");
    this.engineInstance = settings.engineInstance();
    this.instruments = Set.copyOf(instruments);
    FlowListener journalling = new JournalListener(journal);
    this.strategy =
        new KernelFlowStrategy(
            settings, observer == null ? journalling : FlowListener.both(journalling, observer));
    this.book = new FactoryStrategyBook(strategy, instruments, clock);
    strategy.onBracketOpened(legs::add);
  }

  /** Which flow trade and leg each of the kernel's orders is. */
  public io.perpetua.trading.flow.live.FlowLegIndex legs() {
    return legs;
  }

  /** The last trade price of {@code instrument} (NaN before any). */
  public synchronized double lastPrice(InstrumentId instrument) {
    return strategy.lastPrice(instrument);
  }

  /** The journal (read side of the API). */
  public FlowJournal journal() {
    return journal;
  }

  /** The symbols strategies may trade. */
  public Set<InstrumentId> instruments() {
    return instruments;
  }

  /** The engine instance. */
  public String engineInstance() {
    return engineInstance;
  }

  // ------------------------------------------------------------------ start

  /** Registers the stored strategy rows (before {@link #start}); returns them. */
  public synchronized List<FactoryStrategyRow> loadStrategies() {
    List<FactoryStrategyRow> rows = journal.strategies();
    book.load(rows);
    rows.forEach(r -> legs.addStrategy(r.id()));
    for (ClosedFlowTrade t : journal.closedTrades(null, null)) {
      legs.add(t.strategyId(), t.id());
    }
    return rows;
  }

  /**
   * Builds the kernel around the flow strategy ({@code kernel} must add it as a tick strategy and
   * resume) and applies the stored row statuses over the checkpoint's. Returns the kernel clock
   * after the resume: ticks up to it only warm the strategy up.
   */
  public synchronized long start(Function<KernelFlowStrategy, TradingKernel> kernel) {
    if (this.kernel != null) {
      throw new IllegalStateException("already started");
    }
    this.kernel = kernel.apply(strategy);
    for (FactoryStrategyRow row : book.rows()) {
      if (row.status() == StrategyStatus.RUNNING) {
        strategy.resume(row.id());
      } else {
        strategy.pause(row.id());
      }
    }
    resumeMs = this.kernel.now();
    return resumeMs;
  }

  /** Runs {@code action} on the kernel, serialised with the ticks (e.g. draining a venue). */
  public synchronized void withKernel(Consumer<TradingKernel> action) {
    action.accept(requireKernel());
  }

  private TradingKernel requireKernel() {
    if (kernel == null) {
      throw new IllegalStateException("flow service not started");
    }
    return kernel;
  }

  // ------------------------------------------------------------------ feed

  /** Steps one live (or replayed) tick on the kernel. */
  public synchronized void onTick(FlowTick tick) {
    requireKernel().onTick(tick);
    lastTickMs = Math.max(lastTickMs, tick.timeMs());
    ticks += tick.timeMs() > resumeMs ? 1 : 0; // not the warm-up up to the kernel's checkpoint
  }

  /** The flow kernel's account (fixed point), a snapshot between ticks. */
  public synchronized io.perpetua.trading.port.AccountState account() {
    TradingKernel k = requireKernel();
    return k.account().snapshot(k.now());
  }

  /** The time of the last tick (Long.MIN_VALUE before any). */
  public synchronized long lastTickMs() {
    return lastTickMs;
  }

  /** Ticks processed since start (after the kernel's checkpoint: not the warm-up). */
  public synchronized long ticksProcessed() {
    return ticks;
  }

  // ------------------------------------------------------------------ commands

  /** Creates and starts a strategy. */
  public synchronized FactoryStrategyRow create(FactoryStrategyDefinition definition) {
    return saved(book.create(definition));
  }

  /** Edits a strategy (next evaluation uses it). */
  public synchronized FactoryStrategyRow edit(StrategyId id, FactoryStrategyDefinition definition) {
    return saved(book.edit(id, definition));
  }

  /** Pauses a running strategy. */
  public synchronized FactoryStrategyRow pause(StrategyId id) {
    return saved(book.pause(id));
  }

  /** Resumes a paused strategy. */
  public synchronized FactoryStrategyRow resume(StrategyId id) {
    return saved(book.resume(id));
  }

  /** Deprecates a strategy. */
  public synchronized FactoryStrategyRow deprecate(StrategyId id) {
    return saved(book.deprecate(id));
  }

  /** Restores a deprecated strategy as paused. */
  public synchronized FactoryStrategyRow restoreStrategy(StrategyId id) {
    return saved(book.restore(id));
  }

  /** Adds balance. */
  public synchronized FactoryStrategyRow addBalance(StrategyId id, Money amount) {
    return saved(book.addBalance(id, amount));
  }

  /**
   * Applies a change to a strategy's definition: {@code change} maps the current definition to the
   * new one (a patch); validation failures throw before anything is stored.
   */
  public synchronized FactoryStrategyRow patch(
      StrategyId id, Function<FactoryStrategyDefinition, FactoryStrategyDefinition> change) {
    FactoryStrategyRow row = strategy(id).orElseThrow(() -> unknown(id));
    if (row.status() == StrategyStatus.DEPRECATED) {
      throw new IllegalStateException(id + " is deprecated: restore it before editing");
    }
    return edit(id, change.apply(row.definition()));
  }

  /**
   * Creates {@code definitions} and deprecates {@code retire} as one unit: {@code store} receives
   * every new and changed row and must store them (with anything else, in one transaction) or
   * throw; only after it returns do the book and the engine change. Returns the rows.
   */
  public synchronized List<FactoryStrategyRow> applyAtomically(
      List<FactoryStrategyDefinition> definitions,
      List<StrategyId> retire,
      Consumer<List<FactoryStrategyRow>> store) {
    List<FactoryStrategyRow> rows = book.drafts(definitions, retire);
    store.accept(rows);
    book.load(rows);
    rows.forEach(r -> legs.addStrategy(r.id()));
    return rows;
  }

  private FactoryStrategyRow saved(FactoryStrategyRow row) {
    journal.saveStrategy(row);
    legs.addStrategy(row.id());
    return row;
  }

  private static IllegalArgumentException unknown(StrategyId id) {
    return new IllegalArgumentException("unknown strategy " + id);
  }

  // ------------------------------------------------------------------ reads

  /** A strategy row. */
  public synchronized Optional<FactoryStrategyRow> strategy(StrategyId id) {
    return book.get(id);
  }

  /** Every strategy row (deprecated included), in creation order. */
  public synchronized List<FactoryStrategyRow> strategies() {
    return book.rows();
  }

  /** A strategy's current balance. */
  public synchronized Money balance(StrategyId id) {
    return strategy.balance(id);
  }

  /** The execution KPIs of this process's closed brackets. */
  public synchronized ExecutionKpis kpis() {
    return strategy.kpis();
  }

  /** The kernel's open flow positions with the last price and unrealised R (realised included). */
  public synchronized List<LivePosition> positions() {
    List<LivePosition> out = new ArrayList<>();
    for (PositionSnapshot p : strategy.openPositions()) {
      double last = strategy.lastPrice(p.instrument());
      double oneR = p.quantity() * p.riskDistance();
      double open = p.direction().sign() * (last - p.entryPrice()) * p.remaining();
      double r = (open + p.realizedGross() - p.fees()) / oneR;
      out.add(new LivePosition(p, last, Double.isFinite(r) ? r : Double.NaN));
    }
    return out;
  }

  /** The latest evaluation of every strategy and symbol. */
  public List<FlowEvaluation> latestEvaluations() {
    return journal.latestEvaluations();
  }

  /**
   * An open position as the API shows it.
   *
   * @param position the position
   * @param lastPrice the symbol's last trade price
   * @param unrealizedR open pnl at the last price plus the realised part, net of fees, in R
   */
  public record LivePosition(PositionSnapshot position, double lastPrice, double unrealizedR) {}

  /** Writes the strategy's output to the journal. */
  private record JournalListener(FlowJournal journal) implements FlowListener {
    @Override
    public void onEvaluation(FlowEvaluation evaluation) {
      journal.recordEvaluation(evaluation);
    }

    @Override
    public void onFeature(FeatureEvent feature) {
      journal.recordFeature(feature);
    }

    @Override
    public void onTradeClosed(ClosedFlowTrade trade) {
      journal.recordTrade(trade);
      journal.removePosition(trade.id());
    }

    @Override
    public void onExecutionCost(ExecutionCostEvent cost) {
      journal.recordExecutionCost(cost);
    }

    @Override
    public void onLabel(LabelEvent label) {
      journal.recordLabel(label);
    }
  }
}
