package io.perpetua.trading.control;

import io.perpetua.core.order.OrderSide;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The spec-001 control plane as one service for the API: delta control, hedge execution,
 * utilisation, account sync, risk metrics with their history, alerts, feeds, and the lifecycle of
 * its services (stop refuses new operations until a restart; both are recorded). Thread-safe.
 */
public final class ControlPlane {
  private static final int HISTORY = 1_000;
  private final AccountRegistry registry;
  private final AlertBook alerts;
  private final DeltaController delta;
  private final HedgeExecutor hedger;
  private final FeedRouter feeds;
  private final LongSupplier clock;
  private final long startedMs;
  private final AtomicLong operations = new AtomicLong();
  private final AtomicLong operationMs = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Map<String, Deque<RiskMetrics>> history = new HashMap<>();
  private final Map<String, BigDecimal> peaks = new HashMap<>();
  private final Map<String, Double> drawdowns = new HashMap<>();
  private final List<LifecycleEvent> lifecycle = new ArrayList<>();
  private final OperationIds ids = new OperationIds();
  private volatile boolean running = true;

  /** A stop or restart, who asked and why. */
  public record LifecycleEvent(String action, String operator, String reason, long timeMs) {}

  /** Spec 001 {@code HedgeExecutionRequest}, validated. */
  public record HedgeRequest(
      String symbol,
      List<String> targetAccounts,
      BigDecimal hedgeAmount,
      String hedgeStrategy,
      BigDecimal maxSlippage,
      long timeoutMs,
      boolean dryRun) {
    /** Validates; 001 codes. */
    public HedgeRequest {
      if (hedgeAmount == null || hedgeAmount.signum() <= 0) {
        throw new ControlException(ControlError.HEDGE_FAILED, "hedgeAmount: must be positive");
      }
      if (hedgeStrategy == null
          || !List.of("delta-neutral", "cross-platform", "same-platform").contains(hedgeStrategy)) {
        throw new ControlException(
            ControlError.HEDGE_FAILED,
            "hedgeStrategy: must be delta-neutral, cross-platform or same-platform");
      }
      maxSlippage = maxSlippage == null ? new BigDecimal("0.005") : maxSlippage;
      if (maxSlippage.signum() <= 0 || maxSlippage.compareTo(new BigDecimal("0.1")) > 0) {
        throw new ControlException(ControlError.HEDGE_FAILED, "maxSlippage: must be in (0, 0.1]");
      }
      if (timeoutMs < 100 || timeoutMs > 300_000) {
        throw new ControlException(ControlError.SERVICE_TIMEOUT, "timeout: must be 100..300000 ms");
      }
      if (symbol == null || symbol.isBlank()) {
        throw new ControlException(ControlError.MARKET_DATA_UNAVAILABLE, "symbol: required");
      }
      targetAccounts = ControlText.ids(targetAccounts, "targetAccounts");
    }
  }

  /** The plane over its parts; {@code feeds} may be null (no feed routing configured). */
  public ControlPlane(
      AccountRegistry registry, AlertBook alerts, FeedRouter feeds, LongSupplier clock) {
    this.registry = registry;
    this.alerts = alerts;
    this.feeds = feeds;
    this.clock = clock;
    this.hedger = new HedgeExecutor(alerts, clock);
    this.delta = new DeltaController(registry, hedger, alerts, clock);
    this.startedMs = clock.getAsLong();
  }

  private void requireRunning() {
    if (!running) {
      throw new ControlException(
          ControlError.SERVICE_TIMEOUT, "control plane stopped; POST /api/v1/system/restart");
    }
  }

  /** {@code POST /delta/control}. */
  public DeltaController.Result deltaControl(DeltaController.Request r) {
    requireRunning();
    operations.incrementAndGet();
    long start = clock.getAsLong();
    try {
      DeltaController.Result result = delta.control(r);
      if (!result.success()) {
        failures.incrementAndGet();
      }
      return result;
    } catch (ControlException e) {
      failures.incrementAndGet();
      throw e;
    } finally {
      operationMs.addAndGet(clock.getAsLong() - start);
    }
  }

  /** {@code POST /hedge/execute}: see docs/control-plane.md for the three strategies. */
  public HedgeOutcome hedge(HedgeRequest r) {
    requireRunning();
    List<AccountRegistry.Entry> entries = registry.entries(r.targetAccounts(), "targetAccounts");
    for (AccountRegistry.Entry e : entries) {
      AccountRegistry.instrument(e, r.symbol());
    }
    List<AccountRegistry.Entry> legs = entries;
    BigDecimal exposure;
    if ("delta-neutral".equals(r.hedgeStrategy())) {
      exposure = registry.netted(r.symbol(), r.targetAccounts()).net();
    } else {
      if (entries.size() < 2) {
        throw new ControlException(
            ControlError.INVALID_ACCOUNT,
            "targetAccounts: " + r.hedgeStrategy() + " needs the source account and a hedge one");
      }
      AccountRegistry.Entry source = entries.get(0);
      legs = otherAccounts(entries, "same-platform".equals(r.hedgeStrategy()));
      exposure =
          AccountRegistry.position(source, AccountRegistry.instrument(source, r.symbol()).id());
    }
    operations.incrementAndGet();
    if (exposure.signum() == 0) {
      return new HedgeOutcome(
          true,
          r.symbol(),
          List.of(),
          List.of(),
          BigDecimal.ZERO,
          0,
          BigDecimal.ZERO,
          BigDecimal.ZERO,
          null,
          r.dryRun());
    }
    BigDecimal quantity = r.hedgeAmount().min(exposure.abs());
    OrderSide side = exposure.signum() > 0 ? OrderSide.SELL : OrderSide.BUY;
    quantity =
        HedgePlanner.floorToStep(quantity, AccountRegistry.instrument(legs.get(0), r.symbol()));
    return hedger.execute(
        new HedgeExecutor.Request(
            ids.next("hedge", clock.getAsLong()),
            legs,
            r.symbol(),
            side,
            quantity,
            r.maxSlippage(),
            r.timeoutMs(),
            r.dryRun()));
  }

  /** The accounts after the first on the same ({@code same}) or another venue; 1001 if none. */
  private static List<AccountRegistry.Entry> otherAccounts(
      List<AccountRegistry.Entry> entries, boolean same) {
    AccountRegistry.Entry source = entries.get(0);
    List<AccountRegistry.Entry> legs =
        entries.subList(1, entries.size()).stream()
            .filter(e -> e.config().venue().equals(source.config().venue()) == same)
            .toList();
    if (legs.isEmpty()) {
      throw new ControlException(
          ControlError.INVALID_ACCOUNT,
          "targetAccounts: no account on "
              + (same ? "the same venue as " : "another venue than ")
              + source.config().id());
    }
    return legs;
  }

  /** {@code POST /utilization/rebalance}. */
  public Utilization.Result utilization(
      List<String> accounts, double target, double tolerance, BigDecimal maxAmount) {
    requireRunning();
    if (!(target >= 0 && target <= 1)) {
      throw new ControlException(
          ControlError.RISK_ALERT_BLOCKS, "targetUtilization: must be in [0, 1]");
    }
    List<AccountRegistry.Entry> entries = registry.entries(accounts, "accounts");
    operations.incrementAndGet();
    return Utilization.rebalance(entries, target, tolerance, maxAmount, alerts);
  }

  /** {@code POST /account/sync}. */
  public AccountRegistry.SyncResult sync(List<String> accounts) {
    requireRunning();
    operations.incrementAndGet();
    return registry.sync(accounts);
  }

  /** {@code GET /risk/metrics/{accountId}}: computed now and added to the history. */
  public RiskMetrics metrics(String accountId) {
    AccountRegistry.Entry e = registry.entry(accountId);
    BigDecimal wallet = e.ports().account().balance().toBigDecimal();
    BigDecimal gross = BigDecimal.ZERO;
    BigDecimal delta = BigDecimal.ZERO;
    for (var p : e.ports().account().positions().entrySet()) {
      BigDecimal mark = AccountRegistry.mark(e, p.getKey());
      delta = delta.add(p.getValue());
      if (mark != null) {
        gross = gross.add(p.getValue().abs().multiply(mark));
      }
    }
    double leverage =
        wallet.signum() > 0 ? gross.divide(wallet, MathContext.DECIMAL64).doubleValue() : 0;
    synchronized (this) {
      BigDecimal peak = peaks.merge(accountId, wallet, BigDecimal::max);
      double dd =
          peak.signum() > 0
              ? peak.subtract(wallet).divide(peak, MathContext.DECIMAL64).doubleValue()
              : 0;
      double maxDd = drawdowns.merge(accountId, dd, Math::max);
      RiskMetrics m =
          new RiskMetrics(
              accountId,
              delta.abs(),
              Utilization.of(e),
              leverage,
              BigDecimal.ZERO,
              maxDd,
              clock.getAsLong());
      Deque<RiskMetrics> h = history.computeIfAbsent(accountId, k -> new ArrayDeque<>());
      h.addFirst(m);
      while (h.size() > HISTORY) {
        h.removeLast();
      }
      return m;
    }
  }

  /**
   * The account's metrics history, newest first, at most {@code limit}, not before {@code since}.
   */
  public synchronized List<RiskMetrics> history(String accountId, int limit, long since) {
    registry.entry(accountId);
    List<RiskMetrics> out = new ArrayList<>();
    for (RiskMetrics m : history.getOrDefault(accountId, new ArrayDeque<>())) {
      if (m.timestamp() >= since && out.size() < limit) {
        out.add(m);
      }
    }
    return out;
  }

  /** Alerts, newest first (account id checked: 1001 when unknown). */
  public List<RiskAlert> alerts(String accountId, String severity) {
    if (accountId != null && !"system".equals(accountId)) {
      registry.entry(accountId);
    }
    return alerts.list(accountId, severity);
  }

  /** The feed router (null when none is configured). */
  public FeedRouter feeds() {
    return feeds;
  }

  /** The registry. */
  public AccountRegistry registry() {
    return registry;
  }

  /** Stops ({@code stop}) or restarts the control plane's services; recorded. */
  public synchronized LifecycleEvent lifecycle(String action, String operator, String reason) {
    running = "restart".equals(action);
    LifecycleEvent ev = new LifecycleEvent(action, operator, reason, clock.getAsLong());
    lifecycle.add(ev);
    return ev;
  }

  /** Every stop and restart, oldest first. */
  public synchronized List<LifecycleEvent> lifecycleEvents() {
    return List.copyOf(lifecycle);
  }

  /** True unless stopped. */
  public boolean running() {
    return running;
  }

  /** Milliseconds since the plane started. */
  public long uptimeMs() {
    return clock.getAsLong() - startedMs;
  }

  /** Mean duration of the operations, ms (0 before the first). */
  public double averageOperationMs() {
    long n = operations.get();
    return n == 0 ? 0 : (double) operationMs.get() / n;
  }

  /** Delta-control operations that failed (bad input or not within tolerance). */
  public long failures() {
    return failures.get();
  }

  /** Operations run since start. */
  public long operations() {
    return operations.get();
  }
}
