package io.perpetua.trading.registry;

import io.perpetua.core.time.Times;
import io.perpetua.signals.strategy.CrossSectionalStrategy;
import io.perpetua.trading.registry.RegistryException.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The configured strategies of the platform and their runtime state: status ({@code active}, {@code
 * inactive}, {@code error}), parameters in force and their version, controlled changes ({@link
 * ConfigChange}), last signal and the live figures of each strategy's {@link VirtualBook}. Mode
 * {@code single} runs at most one active strategy; {@code ensemble} runs every active one, each on
 * its {@code ensemble_weight}'s share of the equity, netted into one order set by the kernel.
 *
 * <p>The API thread requests toggles and changes; the kernel thread asks which strategy instance to
 * decide with ({@link #beginDecision}), which applies approved {@code next_rebalance} changes at
 * that moment and never before. Everything that must survive a restart goes to the {@link
 * RegistryStore} first and is replayed from it at construction. Thread-safe (one lock).
 */
public final class StrategyRegistry {
  /** Runs and trades. */
  public static final String ACTIVE = "active";

  /** Configured, not trading (its share of the book is flat from its next rebalance on). */
  public static final String INACTIVE = "inactive";

  /** Could not be built or failed deciding; its targets stay as they were. */
  public static final String ERROR = "error";

  /** One strategy trades. */
  public static final String SINGLE = "single";

  /** Several strategies trade, netted. */
  public static final String ENSEMBLE = "ensemble";

  /** The ensemble combination: a weighted average of the strategies' targets and signals. */
  public static final String WEIGHTED_AVERAGE = "weighted_average";

  /** The parameter every strategy has: minimum days between its rebalances. */
  public static final String REBALANCE_DAYS = "rebalance_days";

  private final String mode;
  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final RegistryStore store;
  private final LongSupplier wallClock;
  private volatile Function<String, String> approvalStatus = id -> null;

  /** One strategy's mutable state, guarded by the registry's lock. */
  private static final class Slot {
    final StrategyDefinition definition;
    Map<String, Object> params;
    int rebalanceDays;
    CrossSectionalStrategy strategy;
    String status;
    String error;
    int version = 1;
    long lastModifiedMs;
    Long lastSignalMs;
    StrategySignal signal;
    BookMetrics performance;

    Slot(StrategyDefinition d) {
      this.definition = d;
      this.params = new LinkedHashMap<>(d.parameters());
      this.rebalanceDays = d.rebalanceDays();
    }
  }

  /**
   * A registry of {@code definitions}; those in {@code active} start active (unless a stored toggle
   * says otherwise), the others inactive. Replays the stored status changes and applied changes.
   *
   * @throws IllegalArgumentException for an unknown mode, or two active strategies in single mode
   */
  public StrategyRegistry(
      String mode,
      List<StrategyDefinition> definitions,
      Set<String> active,
      RegistryStore store,
      LongSupplier wallClock) {
    if (!SINGLE.equals(mode) && !ENSEMBLE.equals(mode)) {
      throw new IllegalArgumentException("active_mode must be single or ensemble, was " + mode);
    }
    this.mode = mode;
    this.store = Objects.requireNonNull(store, "store");
    this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    long now = wallClock.getAsLong();
    for (StrategyDefinition d : definitions) {
      Slot s = new Slot(d);
      s.status = active.contains(d.name()) ? ACTIVE : INACTIVE;
      s.lastModifiedMs = now;
      slots.put(d.name(), s);
    }
    for (StatusChange c : store.statusChanges()) {
      Slot s = slots.get(c.strategy());
      if (s != null) {
        s.status = c.newStatus();
      }
    }
    for (Slot s : slots.values()) {
      for (ConfigChange c : store.changes(s.definition.name())) {
        if (ConfigChange.APPLIED.equals(c.status())) {
          put(s, c.newValues());
          s.version++;
          s.lastModifiedMs = c.appliedAtMs() == null ? now : c.appliedAtMs();
        }
      }
      build(s);
    }
    if (SINGLE.equals(mode) && activeNames().size() > 1) {
      throw new IllegalArgumentException("single mode runs one strategy; active: " + activeNames());
    }
  }

  private static void put(Slot s, Map<String, Object> values) {
    values.forEach(
        (k, v) -> {
          if (REBALANCE_DAYS.equals(k)) {
            s.rebalanceDays = ((Number) v).intValue();
          } else {
            s.params.put(k, v);
          }
        });
  }

  private static void build(Slot s) {
    try {
      s.strategy = s.definition.builder().build(s.params);
      s.error = null;
    } catch (RuntimeException e) {
      s.strategy = null;
      s.error = e.getMessage();
      s.status = ERROR;
    }
  }

  /** Looks up four-eyes request states (id → {@code pending}, {@code rejected}...). */
  public void useApprovalStatus(Function<String, String> lookup) {
    this.approvalStatus = Objects.requireNonNull(lookup, "lookup");
  }

  /** {@code single} or {@code ensemble}. */
  public String mode() {
    return mode;
  }

  /** The strategy names, in configuration order. */
  public synchronized List<String> names() {
    return List.copyOf(slots.keySet());
  }

  /** The active strategies' names, in configuration order. */
  public synchronized List<String> activeNames() {
    return slots.values().stream()
        .filter(s -> ACTIVE.equals(s.status))
        .map(s -> s.definition.name())
        .toList();
  }

  /** The definition of {@code name}. */
  public synchronized StrategyDefinition definition(String name) {
    return slot(name).definition;
  }

  /** Every strategy, in configuration order. */
  public synchronized List<StrategyView> list() {
    return slots.values().stream().map(this::view).toList();
  }

  /** The strategy {@code name}. */
  public synchronized StrategyView view(String name) {
    return view(slot(name));
  }

  private StrategyView view(Slot s) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (s.strategy != null) {
      p.putAll(s.strategy.parameters());
    } else {
      p.putAll(s.params);
    }
    p.put(REBALANCE_DAYS, s.rebalanceDays);
    StrategyDefinition d = s.definition;
    return new StrategyView(
        d.name(),
        d.displayName(),
        d.description(),
        s.status,
        p,
        d.poolName(),
        s.strategy == null ? List.of() : s.strategy.requiredFeatures(),
        ENSEMBLE.equals(mode) ? d.ensembleWeight() : null,
        s.lastSignalMs,
        s.performance,
        d.cron(),
        s.rebalanceDays,
        d.compatibleBarTypes(),
        "v" + s.version,
        s.lastModifiedMs,
        s.signal,
        s.error);
  }

  private Slot slot(String name) {
    Slot s = name == null ? null : slots.get(name);
    if (s == null) {
      throw new RegistryException(
          Kind.NOT_FOUND, "Strategy not found: " + io.perpetua.core.Echo.of(name));
    }
    return s;
  }

  /**
   * Activates or deactivates {@code name} ({@code action}: {@code activate} | {@code deactivate}),
   * stored before it takes effect. Takes effect at the strategy's next rebalance: an inactive
   * strategy no longer decides and its share of the targets is zero.
   *
   * @throws RegistryException NOT_FOUND, INVALID (action, reason), CONFLICT (a second active
   *     strategy in single mode; a strategy in error)
   */
  public synchronized StatusChange toggle(String name, String action, String reason, String by) {
    Slot s = slot(name);
    String target =
        switch (action == null ? "" : action) {
          case "activate" -> ACTIVE;
          case "deactivate" -> INACTIVE;
          default ->
              throw new RegistryException(
                  Kind.INVALID, "Invalid field 'action': expected activate or deactivate");
        };
    if (reason == null || reason.isBlank()) {
      throw new RegistryException(Kind.INVALID, "Missing required field 'reason'");
    }
    if (ACTIVE.equals(target) && s.strategy == null) {
      throw new RegistryException(
          Kind.CONFLICT, "Strategy " + name + " cannot be activated: " + s.error);
    }
    if (ACTIVE.equals(target) && SINGLE.equals(mode)) {
      List<String> others = activeNames().stream().filter(n -> !n.equals(name)).toList();
      if (!others.isEmpty()) {
        throw new RegistryException(
            Kind.CONFLICT, "Single mode runs one strategy: deactivate " + others.get(0) + " first");
      }
    }
    StatusChange change =
        new StatusChange(name, s.status, target, reason, by, wallClock.getAsLong());
    store.appendStatus(change);
    s.status = target;
    return change;
  }

  /**
   * Files a change request for {@code name}'s {@code parameters} (only the changed ones); nothing
   * changes until it is approved (and, for {@code next_rebalance}, until the next rebalance).
   *
   * @throws RegistryException NOT_FOUND; INVALID naming every unknown or out-of-range parameter, or
   *     the reason / apply mode
   */
  public synchronized ConfigChange submit(
      String name, Map<String, Object> parameters, String reason, String applyMode, String by) {
    Slot s = slot(name);
    String modeOfApply = applyMode == null ? ConfigChange.NEXT_REBALANCE : applyMode;
    if (!ConfigChange.APPLY_MODES.contains(modeOfApply)) {
      throw new RegistryException(
          Kind.INVALID, "Invalid field 'apply_mode': expected next_rebalance or immediate");
    }
    if (reason == null || reason.isBlank()) {
      throw new RegistryException(Kind.INVALID, "Missing required field 'reason'");
    }
    Map<String, ParameterChange> changes = ChangeCheck.check(s.definition, s.params, parameters);
    for (var e : changes.entrySet()) {
      if (REBALANCE_DAYS.equals(e.getKey())) {
        e.setValue(new ParameterChange(s.rebalanceDays, e.getValue().newValue()));
      } else if (e.getValue().oldValue() == null && s.strategy != null) {
        e.setValue(
            new ParameterChange(s.strategy.parameters().get(e.getKey()), e.getValue().newValue()));
      }
    }
    long now = wallClock.getAsLong();
    ConfigChange change =
        new ConfigChange(
            nextId(now),
            name,
            changes,
            reason,
            modeOfApply,
            ConfigChange.PENDING,
            by,
            now,
            null,
            null,
            null,
            null);
    store.saveChange(change);
    return change;
  }

  private String nextId(long now) {
    String day = Times.iso(now).substring(0, 10).replace("-", "");
    String prefix = "cr-" + day + "-";
    int seq = 0;
    for (String n : slots.keySet()) {
      for (ConfigChange c : store.changes(n)) {
        if (c.id().startsWith(prefix)) {
          seq = Math.max(seq, Integer.parseInt(c.id().substring(prefix.length())));
        }
      }
    }
    return prefix + String.format(java.util.Locale.ROOT, "%03d", seq + 1);
  }

  /** Links change {@code id} to the four-eyes request deciding it. */
  public synchronized ConfigChange linkApproval(String id, String approvalId) {
    ConfigChange c = change(id).withApproval(approvalId);
    store.saveChange(c);
    return c;
  }

  /**
   * Approves pending change {@code id} (four-eyes carried out, or four-eyes off): {@code immediate}
   * changes apply now, {@code next_rebalance} ones at the strategy's next rebalance.
   *
   * @throws RegistryException NOT_FOUND, CONFLICT (not pending)
   */
  public synchronized ConfigChange approve(String id, String approver) {
    ConfigChange c = pending(id);
    ConfigChange approved = c.with(ConfigChange.APPROVED, approver, null, null);
    store.saveChange(approved);
    if (ConfigChange.IMMEDIATE.equals(c.applyMode())) {
      return apply(slot(c.strategy()), approved, wallClock.getAsLong());
    }
    return approved;
  }

  /** Rejects pending change {@code id}; nothing changes. */
  public synchronized ConfigChange reject(String id, String by) {
    ConfigChange rejected = pending(id).with(ConfigChange.REJECTED, by, null, null);
    store.saveChange(rejected);
    return rejected;
  }

  private ConfigChange pending(String id) {
    ConfigChange c = change(id);
    if (!ConfigChange.PENDING.equals(c.status())) {
      throw new RegistryException(
          Kind.CONFLICT, "Change request " + id + " is already " + c.status());
    }
    return c;
  }

  private ConfigChange change(String id) {
    return store
        .change(id == null ? "" : id)
        .orElseThrow(
            () ->
                new RegistryException(
                    Kind.NOT_FOUND, "Change request not found: " + io.perpetua.core.Echo.of(id)));
  }

  private ConfigChange apply(Slot s, ConfigChange c, long atMs) {
    Map<String, Object> before = new LinkedHashMap<>(s.params);
    int beforeDays = s.rebalanceDays;
    put(s, c.newValues());
    CrossSectionalStrategy built;
    try {
      built = s.definition.builder().build(s.params);
    } catch (RuntimeException e) {
      s.params = before; // the combination is not valid after all: nothing changes
      s.rebalanceDays = beforeDays;
      ConfigChange failed = c.with(ConfigChange.REJECTED, c.decidedBy(), null, null);
      store.saveChange(failed);
      return failed;
    }
    s.strategy = built;
    s.version++;
    s.lastModifiedMs = atMs;
    ConfigChange applied = c.with(ConfigChange.APPLIED, c.decidedBy(), "v" + s.version, atMs);
    store.saveChange(applied);
    return applied;
  }

  /**
   * The strategy's change requests, newest first; a pending one whose four-eyes request was
   * rejected or withdrawn is recorded as rejected here.
   */
  public synchronized List<ConfigChange> history(String name) {
    slot(name);
    List<ConfigChange> out = new ArrayList<>();
    for (ConfigChange c : store.changes(name)) {
      out.add(0, settleRejection(c));
    }
    return out;
  }

  private ConfigChange settleRejection(ConfigChange c) {
    if (ConfigChange.PENDING.equals(c.status()) && c.approvalId() != null) {
      String status = approvalStatus.apply(c.approvalId());
      if ("rejected".equals(status) || "failed".equals(status)) {
        ConfigChange rejected = c.with(ConfigChange.REJECTED, null, null, null);
        store.saveChange(rejected);
        return rejected;
      }
    }
    return c;
  }

  // ---- kernel thread ----

  /**
   * The strategy {@code name} decides at kernel time {@code timeMs}: applies its approved {@code
   * next_rebalance} changes first (this is their "next rebalance") and returns the instance to
   * decide with, or null when it is not active.
   */
  public synchronized CrossSectionalStrategy beginDecision(String name, long timeMs) {
    Slot s = slot(name);
    if (!ACTIVE.equals(s.status)) {
      return null;
    }
    for (ConfigChange c : store.changes(name)) {
      if (ConfigChange.APPROVED.equals(c.status())) {
        apply(s, c, timeMs);
      }
    }
    return s.strategy;
  }

  /** The strategy instance in force for {@code name} (no change applied), or null in error. */
  public synchronized CrossSectionalStrategy current(String name) {
    return slot(name).strategy;
  }

  /** The status of {@code name}. */
  public synchronized String status(String name) {
    return slot(name).status;
  }

  /** The minimum days between {@code name}'s rebalances in force. */
  public synchronized int rebalanceDays(String name) {
    return slot(name).rebalanceDays;
  }

  /** Records {@code name}'s decision: its signal summary and coverage (stored). */
  public void recordDecision(StrategySignal signal, SignalCoverage coverage) {
    synchronized (this) {
      Slot s = slot(signal.strategy());
      s.lastSignalMs = signal.timeMs();
      s.signal = signal;
    }
    store.appendCoverage(coverage);
  }

  /** Puts {@code name} in error (its decision failed): it keeps its targets, and says why. */
  public synchronized void markError(String name, String message) {
    Slot s = slot(name);
    s.status = ERROR;
    s.error = message;
  }

  /** Publishes {@code name}'s virtual-book figures. */
  public synchronized void recordPerformance(String name, BookMetrics metrics) {
    slot(name).performance = metrics;
  }

  /** Stores {@code name}'s NAV of a day. */
  public void recordNav(String name, NavPoint point) {
    store.saveNav(name, point);
  }

  /** {@code name}'s stored daily NAV from {@code fromMs} on. */
  public List<NavPoint> navs(String name, long fromMs) {
    slot(name);
    return store.navs(name, fromMs);
  }

  /** Stored signal coverage in {@code [fromMs, toMs)}. */
  public List<SignalCoverage> coverage(long fromMs, long toMs) {
    return store.coverage(fromMs, toMs);
  }

  /** Every change request of every strategy still waiting for approval or its rebalance. */
  public synchronized Collection<ConfigChange> open() {
    List<ConfigChange> out = new ArrayList<>();
    for (String n : slots.keySet()) {
      for (ConfigChange c : store.changes(n)) {
        if (ConfigChange.PENDING.equals(c.status()) || ConfigChange.APPROVED.equals(c.status())) {
          out.add(c);
        }
      }
    }
    return out;
  }
}
