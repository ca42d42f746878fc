package io.perpetua.app;

import io.perpetua.core.time.Times;
import io.perpetua.readmodel.AccountBalance;
import io.perpetua.trading.allocation.AllocationException;
import io.perpetua.trading.allocation.AllocationRecord;
import io.perpetua.trading.allocation.AllocationService;
import io.perpetua.trading.allocation.MarketVol;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.orchestrator.EventTriggers;
import io.perpetua.trading.orchestrator.OptimisationQueue;
import io.perpetua.trading.orchestrator.OptimiserTask;
import io.perpetua.trading.orchestrator.Orchestrator;
import io.perpetua.trading.registry.NavPoint;
import io.perpetua.trading.registry.StrategyRegistry;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.risk.RuleStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the orchestrator's jobs do on the platform (spec 003 §9). Each returns a one-line summary
 * (stored with the run) or throws {@link Orchestrator.Skipped} when it does not apply yet. The
 * hot-coin scan is a seam: until a scanner is wired ({@link #hotlistScan}) its runs are skipped.
 */
final class OrchestratorJobs {
  private final PlatformParts parts;
  private final KernelWatch watch;
  private final Supplier<AllocationService> allocation;
  private final Supplier<Optional<AccountBalance>> balance;
  private final OptimisationQueue queue;
  private final EventTriggers triggers;
  private volatile Orchestrator.Action hotlistScan;

  OrchestratorJobs(
      PlatformParts parts,
      KernelWatch watch,
      Supplier<AllocationService> allocation,
      Supplier<Optional<AccountBalance>> balance,
      OptimisationQueue queue,
      EventTriggers triggers) {
    this.parts = parts;
    this.watch = watch;
    this.allocation = allocation;
    this.balance = balance;
    this.queue = queue;
    this.triggers = triggers;
  }

  /** Wires the hot-coin scanner (the hot-coin list's work). */
  void hotlistScan(Orchestrator.Action scan) {
    this.hotlistScan = scan;
  }

  /** The actions by job name. */
  Map<String, Orchestrator.Action> actions() {
    Map<String, Orchestrator.Action> a = new LinkedHashMap<>();
    a.put("market_data_health", now -> marketData());
    a.put("risk_heartbeat", now -> risk());
    a.put("equity_snapshot", now -> equity());
    a.put("bandit_rebalance", now -> bandit());
    a.put("event_triggers", this::eventTriggers);
    a.put(
        "hot_coin_scan",
        now -> {
          Orchestrator.Action scan = hotlistScan;
          if (scan == null) {
            throw new Orchestrator.Skipped("no hot-coin scanner wired yet (issue 17 item 5)");
          }
          return scan.run(now);
        });
    a.put("walk_forward", this::walkForward);
    return a;
  }

  private TradingKernel kernel() {
    TradingKernel k = parts.kernel();
    if (k == null) {
      throw new Orchestrator.Skipped("kernel not started yet");
    }
    return k;
  }

  private String marketData() {
    TradingKernel k = kernel();
    return "kernel "
        + (watch.healthy() ? "healthy" : "DOWN")
        + ", market time "
        + Times.iso(k.now())
        + ", next bar "
        + k.nextStep();
  }

  private String risk() {
    RiskEngine r = parts.risk();
    if (r == null) {
      throw new Orchestrator.Skipped("risk engine not open yet");
    }
    var s = r.status();
    return String.format(
        Locale.ROOT,
        "risk %s, trading %s, usage %.3f, halts %s",
        s.overall().code(),
        s.tradingEnabled() ? "enabled" : "disabled",
        riskUsage(),
        s.haltReasons());
  }

  /** The largest rule value over its threshold (0 without a risk engine). */
  double riskUsage() {
    RiskEngine r = parts.risk();
    if (r == null) {
      return 0.0;
    }
    double usage = 0;
    for (RuleStatus rule : r.status().rules()) {
      if (rule.threshold() > 0 && Double.isFinite(rule.currentValue())) {
        usage = Math.max(usage, Math.abs(rule.currentValue()) / rule.threshold());
      }
    }
    return usage;
  }

  private String equity() {
    AccountBalance b =
        balance.get().orElseThrow(() -> new Orchestrator.Skipped("no account balance yet"));
    return String.format(
        Locale.ROOT,
        "equity %.2f %s, unrealized %.2f, used margin %.2f",
        b.totalEquity(),
        b.currency(),
        b.unrealizedPnl(),
        b.usedMargin());
  }

  private String bandit() {
    AllocationService s = allocation.get();
    if (s == null) {
      throw new Orchestrator.Skipped("capital allocator not open yet");
    }
    try {
      AllocationRecord r = s.rebalance("bandit", "orchestrator", "system:orchestrator");
      return String.format(
          Locale.ROOT,
          "step %d (%s): weights %s, moved %.4f, cost %.6f%s",
          r.id(),
          r.step().policy(),
          r.step().weights(),
          r.step().moved(),
          r.step().cost(),
          r.step().events().isEmpty() ? "" : "; " + String.join("; ", r.step().events()));
    } catch (AllocationException e) {
      throw new Orchestrator.Skipped(e.getMessage());
    }
  }

  private String eventTriggers(long nowMs) {
    StrategyRegistry registry = parts.registry();
    TradingKernel k = kernel();
    List<OptimiserTask> tasks = new ArrayList<>();
    List<String> running = registry.activeNames();
    for (String name : running) {
      List<NavPoint> navs = registry.navs(name, Long.MIN_VALUE);
      double[] v = navs.stream().mapToDouble(NavPoint::nav).toArray();
      tasks.addAll(triggers.evaluate(name, v, k.now()));
    }
    tasks.addAll(triggers.evaluateGlobal(running, marketVol().ratio(), riskUsage(), k.now()));
    return queued(tasks, "no trigger fired over " + running.size() + " strategies");
  }

  private String walkForward(long nowMs) {
    StrategyRegistry registry = parts.registry();
    List<OptimiserTask> tasks = new ArrayList<>();
    for (String name : registry.activeNames()) {
      tasks.add(triggers.walkForward(name, nowMs));
    }
    return queued(tasks, "no active strategy");
  }

  private String queued(List<OptimiserTask> tasks, String none) {
    if (tasks.isEmpty()) {
      return none;
    }
    List<String> out = new ArrayList<>();
    for (OptimiserTask t : tasks) {
      out.add(t.strategy() + ":" + t.trigger() + " (" + t.detail() + ") -> " + queue.enqueue(t));
    }
    return "queued " + tasks.size() + " optimiser task(s): " + String.join(", ", out);
  }

  /** BTCUSDT's daily volatility, 7 days over 90 days, at the kernel's time (unknown before). */
  MarketVol marketVol() {
    TradingKernel k = parts.kernel();
    var returns = parts.returns();
    if (k == null || returns == null) {
      return MarketVol.UNKNOWN;
    }
    double[] r = returns.dailyReturns(List.of("BTCUSDT"), k.now(), 90)[0];
    double[] finite = java.util.Arrays.stream(r).filter(Double::isFinite).toArray();
    return MarketVol.of(finite, 7, 90);
  }
}
