package io.perpetua.trading.carry;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.trading.kernel.algo.OrderGateway;
import io.perpetua.trading.port.VenueListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured carry running in the platform: one {@link CarryMachine} driven on its own thread by
 * a tick (quotes, funding, positions, margin, clock drift from {@link CarryMachine}'s two accounts
 * through {@link CarryMarket}, then the machine's timers) and by the legs' venue events; the
 * human's start/close/confirm/reset and the mode switch come through the API. Dry-run (the default)
 * trades through {@link CarryDryRun} legs; real mode through the accounts' order paths ({@link
 * LegPaths}), reachable only through the acceptance checklist and a confirmation. Everything the
 * machine records and its state (write-ahead, before every order) goes to the {@link CarryStore};
 * after a restart the state is restored and reconciled with the venues on the first tick.
 */
public final class CarryInstance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CarryInstance.class);

  /** Dry-run mode: nothing is sent. */
  public static final String DRY_RUN = "dry_run";

  /** Real mode: the legs trade on the accounts. */
  public static final String REAL = "real";

  private static final long CALL_TIMEOUT_MS = 15_000;

  /** The accounts' order paths of the legs in real mode; outcomes go to {@code events}. */
  public interface LegPaths {
    /** The spot leg's order path. */
    OrderGateway spot(VenueListener events);

    /** The perp leg's order path. */
    OrderGateway perp(VenueListener events);
  }

  private final CarrySpec spec;
  private final CarryMarket market;
  private final LegPaths paths;
  private final CarryStore store;
  private final LongSupplier clock;
  private final ScheduledExecutorService thread;
  private final CarrySeen seen = new CarrySeen();
  private CarryMachine machine;
  private String mode;
  private boolean pendingReal;
  private boolean restored;
  private long lastFundingMs = -1;
  private int dryCycles;
  private volatile CarryMarket.Quote spotQuote;
  private volatile CarryMarket.Quote perpQuote;
  private volatile double fundingRate = Double.NaN;
  private volatile long driftMs;
  private volatile String lastError = "";
  private volatile long updatedMs;

  /** An instance of {@code spec}; restores its stored state. Call {@link #start} to run it. */
  public CarryInstance(
      CarrySpec spec, CarryMarket market, LegPaths paths, CarryStore store, LongSupplier clock) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.market = Objects.requireNonNull(market, "market");
    this.paths = Objects.requireNonNull(paths, "paths");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    Optional<Map<String, String>> saved = store.loadState(spec.id());
    this.mode = saved.map(s -> s.getOrDefault("runtime.mode", DRY_RUN)).orElse(DRY_RUN);
    this.machine = build(mode);
    saved.ifPresent(
        s -> {
          machine.restoreState(s);
          lastFundingMs = Long.parseLong(s.getOrDefault("runtime.last_funding_ms", "-1"));
          dryCycles = Integer.parseInt(s.getOrDefault("runtime.dry_cycles", "0"));
          restored = true;
        });
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "carry-" + spec.id());
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the tick. */
  public CarryInstance start() {
    thread.scheduleWithFixedDelay(
        () -> guarded(this::tick), 0, spec.tickMs(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** The configuration. */
  public CarrySpec spec() {
    return spec;
  }

  /** The status, read on the carry's thread. */
  public CarryStatus status() {
    return call(this::statusNow);
  }

  /** Asks to open a carry of {@code quantity} per leg; takes effect at {@link #confirm}. */
  public CarryStatus start(Quantity quantity, String who) {
    return act("start_requested", who, () -> machine.start(quantity, clock.getAsLong()));
  }

  /** Asks to close the carry held; takes effect at {@link #confirm}. */
  public CarryStatus close(String who) {
    return act("close_requested", who, () -> machine.close(clock.getAsLong()));
  }

  /** Confirms the pending start, close or switch to real mode. */
  public CarryStatus confirm(String who) {
    return act(
        "confirmed",
        who,
        () -> {
          if (pendingReal) {
            pendingReal = false;
            switchMode(REAL);
          } else {
            machine.confirm(clock.getAsLong());
          }
        });
  }

  /** HALTED → IDLE by hand. */
  public CarryStatus resetHalted(String who) {
    return act("reset_requested", who, () -> machine.resetHalted(clock.getAsLong()));
  }

  /**
   * Asks for {@code target} mode: {@link #DRY_RUN} at once (when idle and flat), {@link #REAL} only
   * with the acceptance checklist passed, then at {@link #confirm}.
   */
  public CarryStatus requestMode(String target, String who) {
    return act(
        "mode_" + target + "_requested",
        who,
        () -> {
          requireIdleAndFlat();
          if (DRY_RUN.equals(target)) {
            pendingReal = false;
            switchMode(DRY_RUN);
            return;
          }
          List<CarryCheck> failed = checklistNow().stream().filter(c -> !c.passed()).toList();
          if (!failed.isEmpty()) {
            throw new CarryException(
                CarryException.Kind.CHECKLIST, "acceptance checklist not passed: " + failed);
          }
          pendingReal = true;
        });
  }

  /** The acceptance checklist for real mode, as it stands. */
  public List<CarryCheck> checklist() {
    return call(this::checklistNow);
  }

  /** The store the records are read from. */
  public CarryStore store() {
    return store;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }

  private CarryStatus act(String event, String who, Runnable action) {
    return call(
        () -> {
          try {
            action.run();
          } catch (IllegalStateException e) {
            throw new CarryException(CarryException.Kind.CONFLICT, e.getMessage());
          }
          long now = clock.getAsLong();
          store.appendEvent(
              spec.id(),
              new CarryAlert(
                  "INFO", event, "carry " + spec.id() + ": " + event + " by " + who, now));
          flush();
          persist();
          return statusNow();
        });
  }

  private <T> T call(Callable<T> task) {
    try {
      return thread.submit(task).get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (TimeoutException e) {
      throw new CarryException(CarryException.Kind.CONFLICT, "carry thread busy: try again");
    }
  }

  private void guarded(Runnable r) {
    try {
      r.run();
      flush();
    } catch (RuntimeException e) {
      LOG.warn("carry {}: {}", spec.id(), e.toString());
    }
  }

  private void post(Runnable r) {
    if (!thread.isShutdown()) {
      thread.execute(() -> guarded(r));
    }
  }

  private void tick() {
    long now = clock.getAsLong();
    try {
      read(now);
      machine.onApiResult(true, now);
      lastError = "";
    } catch (RuntimeException e) {
      lastError = String.valueOf(e.getMessage());
      machine.onApiResult(false, now);
    }
    machine.onTimer(now);
    snapshot(now);
    updatedMs = now;
  }

  private void read(long now) {
    CarryMarket.Quote s = market.spotQuote();
    CarryMarket.Quote p = market.perpQuote();
    spotQuote = s;
    perpQuote = p;
    machine.onQuotes(s.bid(), s.ask(), p.bid(), p.ask());
    fundingRate = market.fundingRate();
    if (!Double.isNaN(fundingRate)) {
      machine.onFundingRate(fundingRate);
    }
    driftMs = market.clockDriftMs();
    machine.onClockDrift(driftMs);
    if (REAL.equals(mode)) {
      Quantity spot = market.spotPosition();
      Quantity perp = market.perpPosition();
      if (restored) {
        restored = false;
        machine.reconcile(spot, perp, market.openOrders(), now);
      } else if (!active()) {
        machine.onPositions(spot, perp, now);
      }
      double ratio = market.marginRatio();
      if (!Double.isNaN(ratio)) {
        machine.onMarginRatio(ratio, now);
      }
    } else if (restored) {
      restored = false; // dry-run: the machine's own positions; its resting orders died with it
      machine.reconcile(machine.spotPosition(), machine.perpPosition(), Set.of(), now);
    }
    settle();
  }

  private void settle() {
    Optional<CarryMarket.Settlement> last = market.lastSettlement();
    if (lastFundingMs < 0) { // first read ever: a settlement from before the carry ran is not ours
      lastFundingMs = last.map(CarryMarket.Settlement::timeMs).orElse(0L);
      persist();
      return;
    }
    if (last.isEmpty() || last.get().timeMs() <= lastFundingMs) {
      return;
    }
    CarryMarket.Settlement x = last.get();
    lastFundingMs = x.timeMs();
    machine.onFundingSettled(x.rate(), x.mark(), x.timeMs());
    persist();
  }

  private boolean active() {
    CarryState s = machine.state();
    return s == CarryState.OPENING || s == CarryState.CLOSING;
  }

  private void snapshot(long now) {
    Quantity s = machine.spotPosition();
    Quantity p = machine.perpPosition();
    String key = machine.state().code() + " " + s + " " + p;
    if (seen.snapshotChanged(key)) {
      store.appendSnapshot(
          spec.id(),
          new CarryStore.Snapshot(
              now, machine.state().code(), s.toString(), p.toString(), machine.hedgeDeviation()));
    }
  }

  private void flush() {
    String id = spec.id();
    for (CarryLedger l : seen.newLedger(machine.ledger())) {
      store.appendLedger(id, l, mode);
    }
    for (CarryFunding f : seen.newFunding(machine.fundingIncome())) {
      store.appendFunding(id, f, mode);
    }
    for (CarryAlert a : seen.newAlerts(machine.alerts())) {
      store.appendEvent(id, a);
      if (DRY_RUN.equals(mode) && a.kind().equals("closed")) {
        dryCycles++;
        persist();
      }
    }
  }

  private void persist() {
    store.saveState(spec.id(), withRuntime(machine.exportState()));
  }

  private Map<String, String> withRuntime(Map<String, String> state) {
    Map<String, String> m = new LinkedHashMap<>(state);
    m.put("runtime.mode", mode);
    m.put("runtime.last_funding_ms", Long.toString(lastFundingMs));
    m.put("runtime.dry_cycles", Integer.toString(dryCycles));
    return m;
  }

  private void switchMode(String target) {
    flush();
    Map<String, String> carried = machine.exportState();
    mode = target;
    machine = build(target);
    machine.restoreState(carried); // idle and flat: the cycle counter carries on
    CarryMarket.Quote sq = spotQuote;
    CarryMarket.Quote pq = perpQuote;
    if (sq != null && pq != null) { // the new machine starts from what the last tick read
      machine.onQuotes(sq.bid(), sq.ask(), pq.bid(), pq.ask());
    }
    if (!Double.isNaN(fundingRate)) {
      machine.onFundingRate(fundingRate);
    }
    machine.onClockDrift(driftMs);
    seen.reset();
    persist();
    store.appendEvent(
        spec.id(),
        new CarryAlert(
            "WARN", "mode_" + target, "carry " + spec.id() + ": now " + target, clock.getAsLong()));
  }

  private void requireIdleAndFlat() {
    if (machine.state() != CarryState.IDLE
        || !machine.exportState().getOrDefault("carry.pending", "").isEmpty()
        || machine.spotPosition().signum() != 0
        || machine.perpPosition().signum() != 0) {
      throw new CarryException(
          CarryException.Kind.CONFLICT,
          "a mode switch needs IDLE, nothing pending and both legs flat; state is "
              + machine.state());
    }
  }

  private List<CarryCheck> checklistNow() {
    boolean idle =
        machine.state() == CarryState.IDLE
            && machine.spotPosition().signum() == 0
            && machine.perpPosition().signum() == 0;
    return List.of(
        new CarryCheck(
            "dry_run_cycle",
            dryCycles > 0,
            dryCycles + " dry-run carries opened and closed (at least 1 needed)"),
        new CarryCheck("idle_and_flat", idle, "state " + machine.state().code()),
        new CarryCheck(
            "accounts_reachable",
            lastError.isEmpty() && updatedMs > 0,
            lastError.isEmpty() ? "last read at " + updatedMs : lastError),
        new CarryCheck(
            "funding_not_negative",
            fundingRate >= 0,
            "funding rate " + fundingRate + " (no entry while it is negative or unknown)"),
        new CarryCheck(
            "clock_drift",
            Math.abs(driftMs) <= spec.limits().maxClockDriftMs(),
            "drift " + driftMs + " ms, limit " + spec.limits().maxClockDriftMs()));
  }

  private CarryStatus statusNow() {
    Map<String, String> st = machine.exportState();
    String pending = pendingReal ? "mode_real" : st.getOrDefault("carry.pending", "");
    return new CarryStatus(
        spec,
        mode,
        machine.state(),
        pending,
        Integer.parseInt(st.getOrDefault("carry.cycle", "0")),
        machine.spotPosition(),
        machine.perpPosition(),
        machine.hedgeDeviation(),
        fundingRate,
        lastError,
        updatedMs);
  }

  private CarryMachine build(String target) {
    CarryMachine m;
    if (DRY_RUN.equals(target)) {
      CarryDryRun s = new CarryDryRun("spot", side -> quote(true, side), spec.spotFeeRate(), clock);
      CarryDryRun p =
          new CarryDryRun("perp", side -> quote(false, side), spec.perpFeeRate(), clock);
      m = machine(recorded("spot", s, target), recorded("perp", p, target));
      s.attach(m);
      p.attach(m);
    } else {
      VenueListener events = events();
      m =
          machine(
              recorded("spot", paths.spot(events), target),
              recorded("perp", paths.perp(events), target));
    }
    m.setStateSink(state -> store.saveState(spec.id(), withRuntime(state)));
    return m;
  }

  private CarryMachine machine(OrderGateway spot, OrderGateway perp) {
    return new CarryMachine(
        spec.id(),
        spec.limits(),
        spec.spotInstrument(),
        spot,
        spec.perpInstrument(),
        perp,
        a -> {});
  }

  private Price quote(boolean spot, OrderSide side) {
    CarryMarket.Quote q = spot ? spotQuote : perpQuote;
    return q == null ? null : side == OrderSide.BUY ? q.ask() : q.bid();
  }

  private OrderGateway recorded(String leg, OrderGateway gateway, String orderMode) {
    return new RecordedGateway(spec.id(), leg, orderMode, gateway, store, clock);
  }

  /** The legs' venue events, handed to the carry's thread (never into the machine re-entrantly). */
  private VenueListener events() {
    return new VenueListener() {
      @Override
      public void onAccepted(Order order, long timeMs) {}

      @Override
      public void onFill(Fill fill) {
        post(() -> machine.onFill(fill));
      }

      @Override
      public void onRejected(Order order, String reason, long timeMs) {
        post(() -> machine.onRejected(order.clientOrderId(), reason, timeMs));
      }

      @Override
      public void onCancelled(ClientOrderId clientOrderId, long timeMs) {
        post(() -> machine.onCancelled(clientOrderId, timeMs));
      }
    };
  }
}
