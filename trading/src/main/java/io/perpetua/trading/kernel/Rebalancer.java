package io.perpetua.trading.kernel;

import io.perpetua.core.Instrument;
import io.perpetua.core.Money;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.time.ManualClock;
import io.perpetua.core.time.Times;
import io.perpetua.readmodel.PlatformState;
import io.perpetua.signals.PanelMarketView;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.port.OrderDecision;
import io.perpetua.trading.portfolio.TargetNetting;
import io.perpetua.trading.risk.RiskEngine;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's rebalances: at a strategy timer the sleeves that are due decide on the bars closed
 * by then, their targets are netted into one order set ({@link TargetNetting}) and sent down the
 * execution service; forced closes (liquidation, risk) are planned toward zero weights the same
 * way. Keeps the timer and the last rebalance (both in the checkpoint cursor). Kernel thread only.
 */
final class Rebalancer {
  private final KernelConfig config;
  private final StrategySleeves sleeves;
  private final PlatformState state;
  private final KernelListener listener;
  private final RiskEngine risk;
  private final ManualClock clock;
  private final List<Instrument> instruments;
  private final KernelBook book;
  private final PanelMarketView view;
  private final TargetNetting netting = new TargetNetting();
  private ExecutionService execution;
  private RebalancePlanning planning;
  private long nextTimerMs;
  private long lastRebalanceMs = Long.MIN_VALUE;
  private int rebalances;

  Rebalancer(
      KernelConfig config,
      StrategySleeves sleeves,
      PlatformState state,
      KernelListener listener,
      RiskEngine risk,
      ManualClock clock,
      List<Instrument> instruments,
      KernelBook book,
      PanelMarketView view) {
    this.config = config;
    this.sleeves = sleeves;
    this.state = state;
    this.listener = listener;
    this.risk = risk;
    this.clock = clock;
    this.instruments = instruments;
    this.book = book;
    this.view = view;
  }

  /** The order path and account of a resumed kernel; {@code lastRebalanceMs} from the cursor. */
  void use(ExecutionService execution, Account account, long lastRebalanceMs) {
    this.execution = execution;
    this.planning = new RebalancePlanning(account);
    this.lastRebalanceMs = lastRebalanceMs;
  }

  /** Schedules the next timer after {@code timeMs}. */
  void scheduleAfter(long timeMs) {
    nextTimerMs = sleeves.nextTimer(timeMs);
  }

  long nextTimerMs() {
    return nextTimerMs;
  }

  /** The last rebalance's time, {@code Long.MIN_VALUE} before the first. */
  long lastRebalanceMs() {
    return lastRebalanceMs;
  }

  /** Rebalances started in this run. */
  int rebalances() {
    return rebalances;
  }

  /**
   * The timer at {@code timeMs}: the sleeves due decide on the bar {@code latest} (the last closed
   * at or before the timer), unless {@code halted} or the risk engine halts trading.
   */
  void fire(long timeMs, int latest, boolean halted) {
    clock.set(Math.max(clock.nowMillis(), timeMs));
    nextTimerMs = sleeves.nextTimer(timeMs);
    boolean due = false;
    for (StrategySleeves.Sleeve s : sleeves.sleeves()) {
      due |= sleeves.due(s, timeMs);
    }
    if (!due || latest < 0 || blocked(timeMs, halted)) {
      return;
    }
    view.moveTo(latest, timeMs);
    double equity = book.equity();
    StrategyId portfolio = sleeves.portfolioId();
    if (!sleeves.decide(view, timeMs, nextTimerMs, book.marks)) {
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
            book.marks,
            book.positions(),
            sleeves.minTradeFraction(decided) * equity,
            null);
    // set before the orders' intents are journaled: a restart resumes this rebalance from the
    // journal (its orders adopted or sent once), it does not decide it again
    lastRebalanceMs = timeMs;
    rebalances++;
    // each order is journaled with the signals behind its symbol (decision replay)
    execution.setSignals(i -> DecisionPipeline.traces(decided, i));
    execution.setCause(new OrderDecision.Cause("rebalance", id.value(), "cron"));
    try {
      execution.rebalance(
          portfolio,
          id,
          "cron",
          instruments,
          netted.orders(),
          book.view(),
          Money.of(equity),
          false);
    } finally {
      execution.setSignals(i -> List.of());
    }
  }

  /** Whether a due rebalance is skipped (liquidated or a risk halt); the listener is told why. */
  private boolean blocked(long timeMs, boolean halted) {
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

  /**
   * Plans the orders that take {@code selection} (every instrument when null) to flat and sends
   * them down the fixed-point order path.
   */
  void close(RebalanceId id, String trigger, double equity, int[] selection, boolean bypassRisk) {
    Marks m = book.view();
    List<Order> orders =
        planning.plan(
            sleeves.portfolioId(),
            id,
            clock.nowMillis(),
            instruments,
            new double[instruments.size()],
            m,
            equity,
            0.0,
            selection);
    execution.setCause(new OrderDecision.Cause("risk_rule", trigger, id.value()));
    execution.rebalance(
        sleeves.portfolioId(), id, trigger, instruments, orders, m, Money.of(equity), bypassRisk);
  }

  /** {@code rb-<yyyyMMdd>-<HHmm>-<strategy>}: unique per decision, stable across restarts. */
  static RebalanceId rebalanceId(long timeMs, StrategyId strategy) {
    String stamp = Times.iso(timeMs); // 2026-03-02T23:59:00Z
    String time =
        stamp.substring(0, 10).replace("-", "")
            + "-"
            + stamp.substring(11, 13)
            + stamp.substring(14, 16);
    String name = strategy.value();
    return RebalanceId.of("rb-" + time + "-" + name.substring(0, Math.min(name.length(), 47)));
  }
}
