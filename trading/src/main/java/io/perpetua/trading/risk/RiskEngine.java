package io.perpetua.trading.risk;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.order.Order;
import io.perpetua.trading.risk.rules.OperatorControls;
import io.perpetua.trading.risk.rules.RiskBook;
import io.perpetua.trading.risk.rules.RiskRule;
import io.perpetua.trading.risk.rules.RiskRules;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The pre-trade risk engine in front of every order in backtest, paper and live: it runs the
 * precision filters and the {@link RiskRule}s of {@link RiskRules} (one class per rule, each giving
 * its check and its status from the same comparison, all in fixed point), watches the portfolio at
 * every kernel step (the breakers trip on the same levels the status reports), raises and resolves
 * {@link Alert}s and records {@link RiskEvent}s. The state lives in one {@link RiskBook}; the
 * operators' side (emergency stop, symbol switches and limits, universe, following another engine)
 * is {@link RiskEngineControls}, the traced rule runs {@link RuleRun}, the status and its
 * subscriber {@link StatusBoard}.
 *
 * <p>Thread-safety: the kernel thread calls {@link #check}, {@link #observe} and the trade hooks;
 * operators call the control methods from API threads. Operator controls are read without a lock
 * ({@link OperatorControls}), so an emergency stop binds the very next check; everything else is
 * guarded by this object's monitor.
 */
public final class RiskEngine extends RiskEngineControls implements PreTradeGuard {
  /** Cursor key prefix of the engine's state in the kernel checkpoint. */
  public static final String CURSOR_PREFIX = RiskBook.CURSOR_PREFIX;

  private final RiskConfig config;
  private final RiskStore store;
  private final RiskAlerts alerts;
  private final RiskBook book;
  private final RiskRules rules;
  private final RiskHooks hooks;
  private final RiskStatusView view;
  private final StatusBoard board;

  private final KernelTime kernelTime = new KernelTime(); // alerts and events carry kernel time

  private RiskEngine(RiskConfig config, RiskStore store) {
    this.config = Objects.requireNonNull(config, "config");
    this.store = Objects.requireNonNull(store, "store");
    CircuitBreakers b = config.breakers();
    this.alerts = new RiskAlerts(store);
    this.book = new RiskBook(b.marketDataStaleMs());
    this.rules = RiskRules.of(RiskThresholds.of(config), controls, alerts);
    this.hooks = new RiskHooks(b, alerts, book);
    this.view = new RiskStatusView(rules, controls, alerts, config.limits().dryRun());
    this.board = new StatusBoard(view);
  }

  /**
   * An engine with {@code config}, restoring the emergency stop, disabled symbols and active alerts
   * from {@code store}.
   */
  public static RiskEngine open(RiskConfig config, RiskStore store, LongSupplier wallClock) {
    RiskEngine e = new RiskEngine(config, store);
    Objects.requireNonNull(wallClock, "wallClock");
    e.wire(
        new FollowedControls(e, e.controls, e.rules.operator(), e.book),
        new OperatorActions(store, wallClock, e.controls, e.alerts, e.book, e, e::operatorAction));
    e.controls.emergency(store.loadEmergencyStop().orElse(null));
    store.loadSymbolControls().forEach(e.controls::apply);
    store.loadSymbolLimits().forEach(l -> e.controls.limit(l.symbol(), l));
    e.board.rebuild(e.book);
    return e;
  }

  /** An engine with no limits and no breakers in memory (tools, tests of other rules). */
  public static RiskEngine unlimited() {
    return open(RiskConfig.unlimited(), new InMemoryRiskStore(), System::currentTimeMillis);
  }

  /** Sends every status change to {@code sink} (e.g. the platform state). */
  public void publishTo(Consumer<RiskStatus> sink) {
    board.publishTo(sink);
  }

  /** Blocks orders on data older than twice the bar interval when the configuration leaves it. */
  public synchronized void useBarInterval(long barMillis) {
    if (config.breakers().marketDataStaleMs() == 0) {
      book.staleAfter(2 * barMillis);
    }
  }

  @Override
  public Optional<Rejection> check(Order order, Instrument instrument, OrderContext ctx) {
    return check(order, instrument, ctx, null);
  }

  /**
   * {@link #check} that also reads every rule that ran: its value and threshold for this order
   * (from the amounts the rule compares) and whether the order passed it; the kernel journals them
   * with the order's decision.
   */
  public Checked checkTraced(Order order, Instrument instrument, OrderContext ctx) {
    List<RuleReading> readings = new java.util.ArrayList<>();
    return new Checked(check(order, instrument, ctx, readings), List.copyOf(readings));
  }

  /**
   * The outcome of a traced check.
   *
   * @param rejection the first rule that rejected the order, or empty
   * @param readings the rules that ran, in order (the last one rejected it when it was rejected)
   */
  public record Checked(Optional<Rejection> rejection, List<RuleReading> readings) {}

  /** Operator controls without a lock, the precision filters, then the rules under the monitor. */
  private Optional<Rejection> check(
      Order order, Instrument instrument, OrderContext ctx, List<RuleReading> sink) {
    Optional<Rejection> r = operatorRules().check(order, instrument, ctx, sink);
    if (r.isEmpty()) {
      r = RuleRun.precision(order, instrument, ctx, sink);
    }
    if (r.isPresent()) {
      return r;
    }
    synchronized (this) {
      advance(ctx.nowMs());
      r = RuleRun.run(rules.preTrade(), order, ctx, book, sink);
      if (r.isEmpty()) {
        book.addTurnover(Money.notional(ctx.mark(), order.quantity()));
      }
      return r;
    }
  }

  /**
   * Observes the portfolio at a kernel step: the day and the equity peak roll, the drawdown and
   * daily-loss breakers trip on their levels, alerts follow the rules and the status is published.
   */
  public synchronized void observe(PortfolioReading reading) {
    advance(reading.timeMs());
    Exposure e = Exposure.of(reading);
    book.rollDay(e.timeMs(), e.equity(), alerts);
    book.observe(e);
    rules.drawdown().trip(book, alerts);
    rules.dailyLoss().trip(book, alerts);
    board.observed(book);
  }

  /** True once after the daily-loss breaker asked for every position to be closed. */
  public synchronized boolean takeCloseAll() {
    return book.takeCloseAll();
  }

  /** True when holding-time limits are configured (the kernel then reports position ages). */
  public boolean watchesHoldingTime() {
    CircuitBreakers b = config.breakers();
    return b.holdingWarnMinutes() > 0 || b.holdingCloseMinutes() > 0;
  }

  /** Warns past the holding warning time; true when {@code symbol} must be force-closed. */
  public synchronized boolean holdingTooLong(InstrumentId symbol, long heldMs, long nowMs) {
    advance(nowMs);
    return hooks.holdingTooLong(symbol, heldMs, nowMs);
  }

  /** A position in {@code symbol} was flat or closed: its holding alert, if any, resolves. */
  public synchronized void positionClosed(InstrumentId symbol, long nowMs) {
    advance(nowMs);
    alerts.resolve("holding_time", symbol.apiSymbol(), nowMs);
  }

  /**
   * A fill realised {@code realized} on {@code symbol}; {@code closed} when it left the position
   * flat or reversed it (the end of a trade). Losing trades in a row trip the pause breaker.
   */
  public synchronized void onRealized(
      InstrumentId symbol, Money realized, boolean closed, long now) {
    advance(now);
    rules.losses().onRealized(book, symbol, realized, closed, now, alerts);
  }

  /** Whether the venue is reachable as last reported to {@link #venueReachable} (health checks). */
  public synchronized boolean venueUp() {
    return book.venueDownSinceMs() == Long.MIN_VALUE;
  }

  /** The venue answered ({@code true}) or could not be reached ({@code false}) at {@code now}. */
  public synchronized void venueReachable(boolean reachable, long now) {
    advance(now);
    hooks.venueReachable(reachable, now);
  }

  /**
   * The outcome of a reconciliation with the venue: a mismatch records a {@code
   * reconciliation_mismatch} event and raises a {@code venue_reconciliation} alert (critical when
   * the venue's state was {@code adopted}); a consistent result resolves it.
   */
  public synchronized void reconciled(int mismatches, boolean adopted, String detail, long now) {
    advance(now);
    hooks.reconciled(mismatches, adopted, detail, now);
  }

  /** Why trading is halted at {@code now} (rebalances skipped, new risk rejected), or empty. */
  public synchronized Optional<String> haltReason(long now) {
    return view.haltReason(book, now);
  }

  /** Records that a rebalance was skipped because trading is halted. */
  public synchronized void rebalanceBlocked(long now, String reason) {
    advance(now);
    alerts.record(
        now, "rebalance_blocked", reason, null, "rebalance skipped: trading halted by " + reason);
  }

  /** The engine saw kernel time {@code timeMs}: the book's clock and the alerts' clock advance. */
  private void advance(long timeMs) {
    book.advance(timeMs);
    kernelTime.advance(timeMs);
  }

  /** Stamps an operator's action with kernel time, rebuilds the status and publishes it. */
  private void operatorAction(java.util.function.LongConsumer action) {
    synchronized (this) {
      kernelTime.at(action);
      board.rebuild(book);
    }
    board.publish();
  }

  /**
   * The latest status. With a subscriber ({@link #publishTo}) it is rebuilt at every observation;
   * without one (backtests) only when a rule changes level, so its values may lag in between.
   */
  public RiskStatus status() {
    return board.status();
  }

  /** The configuration. */
  public RiskConfig config() {
    return config;
  }

  /** The store of alerts and events. */
  public RiskStore store() {
    return store;
  }

  /** The engine's state as kernel cursor entries (committed with each checkpoint). */
  public synchronized Map<String, String> exportState() {
    return book.export();
  }

  /** Restores what {@link #exportState()} wrote; missing keys keep their initial values. */
  public synchronized void restoreState(Map<String, String> cursor) {
    book.restore(cursor);
  }
}
