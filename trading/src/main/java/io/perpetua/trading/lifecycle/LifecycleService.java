package io.perpetua.trading.lifecycle;

import io.perpetua.core.Echo;
import io.perpetua.trading.lifecycle.LifecycleException.Kind;
import io.perpetua.trading.lifecycle.LifecycleStore.Transition;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Strategy versions and their promotion {@code paper → shadow → canary → prod} (spec 003 §2, §13):
 * a strategy has one stable version and at most one candidate; the candidate moves on by hand or by
 * passing its gates ({@link #evaluate}); a gate breach or a risk hit rolls it back at once, and
 * with no candidate a rollback returns to the previous stable version. Prod needs a human approval
 * (four-eyes through {@link ProdApproval} when accounts exist).
 *
 * <p>Every change is one {@link LifecycleStore#commit}: version, state and event together. The
 * registry's parameters in force follow the stable version: set after the commit, and set again by
 * {@link #reconcile} at start-up, so a crash between the two leaves the committed state in force.
 * Thread-safe (one lock).
 */
public final class LifecycleService {
  /** The actor of automatic decisions. */
  public static final String SYSTEM = "system:lifecycle";

  /** Files the four-eyes request for a candidate's move to prod. */
  @FunctionalInterface
  public interface ProdApproval {
    /**
     * Files the request; returns its id, or null when four-eyes is off (the requester's promotion
     * is then carried out at once).
     */
    String request(String strategy, String versionId, String requester, String reason);
  }

  /** Receives every committed event (the audit log). */
  @FunctionalInterface
  public interface Listener {
    /** {@code event} was committed. */
    void committed(LifecycleEvent event);
  }

  private final ParameterSource sync;
  private final LifecycleStore store;
  private final GateConfig config;
  private final LongSupplier clock;
  private volatile ProdApproval approval = (s, v, who, why) -> null;
  private volatile Listener listener = e -> {};

  /** The lifecycle of {@code registry}'s strategies, kept in {@code store}. */
  public LifecycleService(
      StrategyRegistry registry, LifecycleStore store, GateConfig config, LongSupplier clock) {
    this(new RegistrySync(Objects.requireNonNull(registry, "registry")), store, config, clock);
  }

  /** The lifecycle of {@code source}'s strategies (e.g. the order-flow strategies). */
  public LifecycleService(
      ParameterSource source, LifecycleStore store, GateConfig config, LongSupplier clock) {
    this.sync = Objects.requireNonNull(source, "source");
    this.store = Objects.requireNonNull(store, "store");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Uses {@code value} to file four-eyes requests for prod. */
  public void useApproval(ProdApproval value) {
    this.approval = Objects.requireNonNull(value, "approval");
  }

  /** Sends committed events to {@code value}. */
  public void useListener(Listener value) {
    this.listener = Objects.requireNonNull(value, "listener");
  }

  /** The gate configuration. */
  public GateConfig config() {
    return config;
  }

  /** {@code strategy}'s state (its configuration becomes version 1 on first use). */
  public synchronized LifecycleState state(String strategy) {
    return ensure(strategy);
  }

  /** {@code strategy}'s versions, by number. */
  public synchronized List<StrategyVersion> versions(String strategy) {
    ensure(strategy);
    return store.versions(strategy);
  }

  /** {@code strategy}'s events, oldest first. */
  public synchronized List<LifecycleEvent> events(String strategy) {
    ensure(strategy);
    return store.events(strategy);
  }

  /**
   * Creates a candidate from the stable version's parameters with {@code changes} applied (stage
   * paper).
   *
   * @throws LifecycleException STRATEGY_NOT_FOUND; INVALID naming each bad parameter, or the
   *     reason; CONFLICT when a candidate exists or nothing changes
   */
  public synchronized LifecycleState createCandidate(
      String strategy,
      Map<String, Object> changes,
      String reason,
      String by,
      String optimiserRunId,
      Map<String, Double> optimiserStats) {
    LifecycleState s = ensure(strategy);
    LifecycleException.requireReason(reason);
    if (s.candidateId() != null) {
      throw LifecycleException.conflict(
          "Strategy "
              + strategy
              + " already has candidate "
              + s.candidateId()
              + " ("
              + s.candidateStage().code()
              + "); promote or roll it back first");
    }
    StrategyVersion stable = version(s.stableId());
    Map<String, Object> params = sync.merged(strategy, stable.parameters(), changes);
    String hash = ConfigHash.of(params);
    if (hash.equals(stable.configHash())) {
      throw LifecycleException.conflict(
          "The candidate's parameters equal the stable version " + stable.id() + "'s");
    }
    long now = clock.getAsLong();
    int number = store.versions(strategy).size() + 1;
    StrategyVersion v =
        new StrategyVersion(
            StrategyVersion.idOf(strategy, number),
            strategy,
            number,
            stable.id(),
            params,
            hash,
            by,
            reason,
            optimiserRunId,
            optimiserStats,
            now);
    LifecycleState next = s.withCandidate(v.id(), Stage.PAPER, now);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("config_hash", hash);
    evidence.put("parent", stable.id());
    if (optimiserRunId != null) {
      evidence.put("optimiser_run_id", optimiserRunId);
      evidence.put("optimiser_stats", v.optimiserStats());
    }
    commit(v, next, LifecycleEvent.CREATED, v.id(), null, Stage.PAPER, by, reason, evidence);
    return next;
  }

  /**
   * Moves candidate {@code versionId} to {@code stage}, the next one: paper → shadow → canary by
   * hand; canary → prod only after its gates passed, through a human approval (four-eyes: files the
   * request; the second person's approval carries it out with {@link #approveProd}).
   *
   * @throws LifecycleException STRATEGY_NOT_FOUND, VERSION_NOT_FOUND, INVALID (stage, reason),
   *     CONFLICT (not the candidate, not the next stage, gates not passed, approval pending)
   */
  public LifecycleState promote(
      String strategy, String versionId, String stageCode, String by, String reason) {
    return promote(strategy, versionId, stageCode, by, reason, approval);
  }

  /** {@link #promote(String, String, String, String, String)} filing prod through {@code via}. */
  public synchronized LifecycleState promote(
      String strategy,
      String versionId,
      String stageCode,
      String by,
      String reason,
      ProdApproval via) {
    LifecycleState s = ensure(strategy);
    Stage stage = Stage.parse(stageCode);
    LifecycleException.requireReason(reason);
    requireCandidate(s, versionId);
    if (stage != s.candidateStage().next()) {
      throw LifecycleException.conflict(
          "Candidate "
              + versionId
              + " is in "
              + s.candidateStage().code()
              + "; the next stage is "
              + s.candidateStage().next().code()
              + ", not "
              + stage.code());
    }
    if (stage != Stage.PROD) {
      LifecycleState next = s.withCandidate(versionId, stage, clock.getAsLong());
      commit(
          null,
          next,
          LifecycleEvent.PROMOTED,
          versionId,
          s.candidateStage(),
          stage,
          by,
          reason,
          Map.of());
      return next;
    }
    if (!s.gatesPassed()) {
      throw LifecycleException.conflict(
          "Candidate " + versionId + " has not passed its canary gates yet");
    }
    if (s.approvalId() != null) {
      throw LifecycleException.conflict(
          "Prod for " + versionId + " waits for approval " + s.approvalId());
    }
    String id = via.request(strategy, versionId, by, reason);
    if (id == null) {
      return toProd(s, by, reason);
    }
    LifecycleState next = s.withApproval(id);
    commit(
        null,
        next,
        LifecycleEvent.APPROVAL_REQUESTED,
        versionId,
        Stage.CANARY,
        Stage.CANARY,
        by,
        reason,
        Map.of("approval_id", id));
    return next;
  }

  /**
   * Carries out the approved move of {@code versionId} to prod (the four-eyes action).
   *
   * @throws LifecycleException CONFLICT when it is no longer the candidate waiting for approval
   */
  public synchronized LifecycleState approveProd(String strategy, String versionId, String by) {
    LifecycleState s = ensure(strategy);
    requireCandidate(s, versionId);
    if (s.candidateStage() != Stage.CANARY || !s.gatesPassed() || s.approvalId() == null) {
      throw LifecycleException.conflict(
          "Candidate " + versionId + " is not waiting for approval to prod");
    }
    return toProd(s, by, "approved (" + s.approvalId() + ")");
  }

  private LifecycleState toProd(LifecycleState s, String by, String reason) {
    String versionId = s.candidateId();
    LifecycleState next = s.withStable(versionId, s.stableId(), clock.getAsLong());
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("previous_stable", s.stableId());
    LifecycleEvent.lastGates(store.events(s.strategy())).ifPresent(e -> evidence.put("gates", e));
    if (s.approvalId() != null) {
      evidence.put("approval_id", s.approvalId());
    }
    commit(
        null, next, LifecycleEvent.PROD, versionId, Stage.CANARY, Stage.PROD, by, reason, evidence);
    sync.apply(next.strategy(), version(next.stableId()), by, reason);
    return next;
  }

  /**
   * Rolls back: drops the candidate if there is one, else returns to the previous stable version.
   *
   * @throws LifecycleException INVALID (reason), CONFLICT (nothing to roll back to)
   */
  public synchronized LifecycleState rollback(
      String strategy, String by, String reason, Map<String, Object> evidence) {
    LifecycleState s = ensure(strategy);
    LifecycleException.requireReason(reason);
    long now = clock.getAsLong();
    if (s.candidateId() != null) {
      LifecycleState next = s.withoutCandidate(now);
      commit(
          null,
          next,
          LifecycleEvent.ROLLED_BACK,
          s.candidateId(),
          s.candidateStage(),
          null,
          by,
          reason,
          evidence);
      return next;
    }
    if (s.previousStableId() == null) {
      throw LifecycleException.conflict(
          "Strategy " + strategy + " has no candidate and no previous stable version");
    }
    String back = version(s.previousStableId()).id();
    LifecycleState next = s.withStable(back, null, now);
    Map<String, Object> e = new LinkedHashMap<>(evidence == null ? Map.of() : evidence);
    e.put("from", s.stableId());
    commit(null, next, LifecycleEvent.ROLLED_BACK, back, Stage.PROD, Stage.PROD, by, reason, e);
    sync.apply(next.strategy(), version(next.stableId()), by, reason);
    return next;
  }

  /**
   * A risk hit on {@code strategy} (spec 003 §13: any risk hit rolls back at once): the candidate
   * is dropped, or the stable version returns to the previous one; nothing when there is neither,
   * or when the last transition was already a risk-hit rollback (one incident, one rollback).
   */
  public synchronized Optional<LifecycleState> onRiskHit(
      String strategy, String rule, Map<String, Object> numbers) {
    LifecycleState s = ensure(strategy);
    if (s.candidateId() == null && s.previousStableId() == null) {
      return Optional.empty();
    }
    List<LifecycleEvent> events = store.events(strategy);
    LifecycleEvent last = events.get(events.size() - 1);
    if (LifecycleEvent.ROLLED_BACK.equals(last.kind())
        && last.evidence().containsKey("risk_rule")) {
      return Optional.empty(); // one incident, one rollback: the last transition was this one's
    }
    Map<String, Object> e = new LinkedHashMap<>(numbers == null ? Map.of() : numbers);
    e.put("risk_rule", rule);
    return Optional.of(rollback(strategy, SYSTEM, "risk hit: " + rule, e));
  }

  /**
   * Evaluates the candidate's gates on {@code evidence} (shadow or canary): a breach rolls it back
   * with the breach recorded; a pass moves a shadow candidate to canary and marks a canary one
   * ready for prod (a human then promotes it); too little data decides nothing.
   *
   * @throws LifecycleException CONFLICT without a candidate in shadow or canary
   */
  public synchronized GateReport evaluate(String strategy, CanaryEvidence evidence) {
    LifecycleState s = ensure(strategy);
    if (s.candidateStage() != Stage.SHADOW && s.candidateStage() != Stage.CANARY) {
      throw LifecycleException.conflict(
          "Strategy " + strategy + " has no candidate in shadow or canary");
    }
    GateReport report = Gates.evaluate(config, evidence);
    Map<String, Object> numbers = Map.of("gates", report.evidence());
    switch (report.outcome()) {
      case GateReport.BREACH ->
          rollback(strategy, SYSTEM, "gate breach: " + report.breachNames(), numbers);
      case GateReport.PASS -> {
        if (s.candidateStage() == Stage.SHADOW) {
          LifecycleState next = s.withCandidate(s.candidateId(), Stage.CANARY, clock.getAsLong());
          commit(
              null,
              next,
              LifecycleEvent.PROMOTED,
              s.candidateId(),
              Stage.SHADOW,
              Stage.CANARY,
              SYSTEM,
              "shadow gates passed",
              numbers);
        } else if (!s.gatesPassed()) {
          commit(
              null,
              s.withGatesPassed(),
              LifecycleEvent.GATES_PASSED,
              s.candidateId(),
              Stage.CANARY,
              Stage.CANARY,
              SYSTEM,
              "canary gates passed; waiting for approval",
              numbers);
        }
      }
      default -> {}
    }
    return report;
  }

  /** The candidate the kernel runs beside {@code strategy}'s stable version, if any. */
  public synchronized Optional<RunningCandidate> running(String strategy) {
    LifecycleState s = ensure(strategy);
    if (s.candidateStage() != Stage.SHADOW && s.candidateStage() != Stage.CANARY) {
      return Optional.empty();
    }
    double fraction = s.candidateStage() == Stage.CANARY ? config.canaryFraction() : 0.0;
    return Optional.of(
        new RunningCandidate(
            s.candidateId(), s.candidateStage(), version(s.candidateId()).parameters(), fraction));
  }

  /**
   * At start-up: every strategy has a stable version (its configuration on the first start), and
   * its parameters in force become the stable version's (finishes a promotion or rollback a crash
   * interrupted after its commit).
   */
  public synchronized void reconcile() {
    for (String name : sync.names()) {
      LifecycleState s = ensure(name);
      sync.apply(name, version(s.stableId()), SYSTEM, "reconcile");
    }
  }

  private LifecycleState ensure(String strategy) {
    if (strategy == null || !sync.names().contains(strategy)) {
      throw new LifecycleException(
          Kind.STRATEGY_NOT_FOUND, "Strategy not found: " + Echo.of(strategy));
    }
    Optional<LifecycleState> stored = store.state(strategy);
    if (stored.isPresent()) {
      return stored.get();
    }
    long now = clock.getAsLong();
    Map<String, Object> params = sync.inForce(strategy);
    StrategyVersion v1 =
        new StrategyVersion(
            StrategyVersion.idOf(strategy, 1),
            strategy,
            1,
            null,
            params,
            ConfigHash.of(params),
            SYSTEM,
            "the parameters in force when versioning began",
            null,
            null,
            now);
    LifecycleState first = LifecycleState.initial(strategy, v1.id(), now);
    try {
      commit(
          v1,
          first,
          LifecycleEvent.BOOTSTRAP,
          v1.id(),
          null,
          Stage.PROD,
          SYSTEM,
          v1.reason(),
          Map.of("config_hash", v1.configHash()));
    } catch (LifecycleException e) { // another process bootstrapped it first
      return store.state(strategy).orElseThrow(() -> e);
    }
    return first;
  }

  private void commit(
      StrategyVersion version,
      LifecycleState state,
      String kind,
      String versionId,
      Stage from,
      Stage to,
      String by,
      String reason,
      Map<String, Object> evidence) {
    LifecycleEvent event =
        new LifecycleEvent(
            state.strategy(),
            state.revision(),
            kind,
            versionId,
            from == null ? null : from.code(),
            to == null ? null : to.code(),
            by,
            reason,
            evidence,
            clock.getAsLong());
    store.commit(new Transition(version, state, event));
    listener.committed(event);
  }

  private StrategyVersion version(String id) {
    return store
        .version(id == null ? "" : id)
        .orElseThrow(
            () ->
                new LifecycleException(
                    Kind.VERSION_NOT_FOUND, "Version not found: " + Echo.of(id)));
  }

  private void requireCandidate(LifecycleState s, String versionId) {
    if (versionId == null || versionId.isBlank()) {
      throw new LifecycleException(Kind.INVALID, "Missing required field 'version_id'");
    }
    StrategyVersion v = version(versionId);
    if (!v.strategy().equals(s.strategy())) {
      throw new LifecycleException(
          Kind.VERSION_NOT_FOUND,
          "Version " + Echo.of(versionId) + " is not a version of " + s.strategy());
    }
    if (!versionId.equals(s.candidateId())) {
      throw LifecycleException.conflict(
          "Version "
              + versionId
              + " is not the candidate of "
              + s.strategy()
              + " (candidate: "
              + s.candidateId()
              + ")");
    }
  }
}
