package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.core.time.Clock;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.signals.flow.FlowEvaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The order-flow paper engine as a service: one {@link FlowEngine} with its {@link
 * FactoryStrategyBook}, writing everything it produces to a {@link FlowJournal} and its restart
 * state to a {@link FlowStateStore}. The tick feed ({@link #onTick}) and the API's commands
 * (create, edit, pause, ...) serialise on this object, so an edit applies at the strategy's next
 * evaluation without a restart, and every command is journalled and checkpointed before it returns.
 *
 * <p>Restart: {@link #loadStrategies()} re-registers the stored rows, the owner warms the engine up
 * from market history ({@link #warmUp}) up to {@link #storedSnapshot()}'s time, then {@link
 * #restore} continues positions, cooldowns, pending labels and balances. Thread-safe.
 */
public final class FlowService {
  private final FlowEngine engine;
  private final FactoryStrategyBook book;
  private final FlowJournal journal;
  private final FlowStateStore stateStore;
  private final String engineInstance;
  private final Set<InstrumentId> instruments;
  private long lastTickMs = Long.MIN_VALUE;
  private long ticks;

  /**
   * A service.
   *
   * @param settings the engine settings (engine instance, fees, warm-up)
   * @param instruments the symbols strategies may trade
   * @param journal where output and strategy rows are stored
   * @param stateStore where the restart snapshot is kept
   * @param clock the clock of strategy row timestamps
   */
  public FlowService(
      FlowEngineSettings settings,
      Set<InstrumentId> instruments,
      FlowJournal journal,
      FlowStateStore stateStore,
      Clock clock) {
    this(settings, instruments, journal, stateStore, clock, null);
  }

  /**
   * A service whose engine output also goes to {@code observer}, after the journal, on the engine's
   * thread (e.g. the live executor, {@code FlowLiveExecutor}, which must not block it).
   *
   * @param observer another listener, or null for none
   */
  public FlowService(
      FlowEngineSettings settings,
      Set<InstrumentId> instruments,
      FlowJournal journal,
      FlowStateStore stateStore,
      Clock clock,
      FlowListener observer) {
    this.journal = Objects.requireNonNull(journal, "journal");
    this.stateStore = Objects.requireNonNull(stateStore, "stateStore");
    this.engineInstance = settings.engineInstance();
    this.instruments = Set.copyOf(instruments);
    FlowListener journalling = new JournalListener(journal);
    this.engine =
        new FlowEngine(
            settings, observer == null ? journalling : FlowListener.both(journalling, observer));
    this.book = new FactoryStrategyBook(engine, instruments, clock);
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

  // ------------------------------------------------------------------ restart

  /** Registers the stored strategy rows; returns them. */
  public synchronized List<FactoryStrategyRow> loadStrategies() {
    List<FactoryStrategyRow> rows = journal.strategies();
    book.load(rows);
    return rows;
  }

  /** The stored snapshot of this engine instance, if any. */
  public Optional<FlowSnapshot> storedSnapshot() {
    return stateStore.load(engineInstance);
  }

  /** Applies a tick of history to the rolling state only. */
  public synchronized void warmUp(FlowTick tick) {
    engine.warmUp(tick);
  }

  /** Restores a snapshot (after {@link #loadStrategies} and the warm-up). */
  public synchronized void restore(FlowSnapshot snapshot) {
    engine.restore(snapshot);
    lastTickMs = snapshot.timeMs();
    for (FactoryStrategyRow row : book.rows()) { // the row status wins over the snapshot's flag
      if (row.status() == StrategyStatus.RUNNING) {
        engine.resume(row.id());
      } else {
        engine.pause(row.id());
      }
    }
  }

  /** The engine's open positions (after a {@link #restore}: the restored ones). */
  public synchronized List<PositionSnapshot> openPositions() {
    return engine.openPositions();
  }

  /** Saves the restart snapshot now. */
  public synchronized FlowSnapshot checkpoint() {
    FlowSnapshot s = engine.snapshot();
    stateStore.save(s);
    return s;
  }

  // ------------------------------------------------------------------ feed

  /** Processes one live (or replayed) tick. */
  public synchronized void onTick(FlowTick tick) {
    engine.onTick(tick);
    lastTickMs = Math.max(lastTickMs, tick.timeMs());
    ticks++;
  }

  /** The time of the last tick (Long.MIN_VALUE before any). */
  public synchronized long lastTickMs() {
    return lastTickMs;
  }

  /** Ticks processed since start. */
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

  private FactoryStrategyRow saved(FactoryStrategyRow row) {
    journal.saveStrategy(row);
    checkpoint();
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
    return engine.balance(id);
  }

  /** The open positions with the last price and unrealised R (realised part included). */
  public synchronized List<LivePosition> positions() {
    List<LivePosition> out = new ArrayList<>();
    for (PositionSnapshot p : engine.openPositions()) {
      double last = engine.state(p.instrument()).lastPrice();
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

  /** Writes the engine's output to the journal. */
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
    public void onPositionOpened(PositionSnapshot position) {
      journal.savePosition(position);
    }

    @Override
    public void onPositionUpdated(PositionSnapshot position) {
      journal.savePosition(position);
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
