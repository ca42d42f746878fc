package io.perpetua.server.v1;

import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.trading.lifecycle.GateReport;
import io.perpetua.trading.lifecycle.LifecycleEvent;
import io.perpetua.trading.lifecycle.LifecycleService;
import io.perpetua.trading.lifecycle.LifecycleState;
import io.perpetua.trading.lifecycle.Stage;
import io.perpetua.trading.lifecycle.StrategyVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The lifecycle routes' response shapes and their mapping. Stateless. */
final class LifecycleViews {
  private LifecycleViews() {}

  /** A strategy's versions, stable and candidate, and the transitions that led there. */
  record LifecycleData(
      String strategy,
      @Doc("The version in production") String stableVersion,
      @Nullable @Doc("What a rollback returns to when there is no candidate")
          String previousStableVersion,
      @Nullable @Doc("The candidate, if any") LifecycleCandidate candidate,
      List<StrategyVersionData> versions,
      @Doc("Every transition, oldest first, with the numbers that justified it")
          List<LifecycleEventData> events) {}

  /** The candidate and its stage. */
  record LifecycleCandidate(
      String versionId,
      @Doc(
              value = "Its stage",
              allowed = {"paper", "shadow", "canary"})
          String stage,
      Instant since,
      @Doc("Its canary gates passed: a human may promote it to prod") boolean gatesPassed,
      @Nullable @Doc("The four-eyes request filed for prod") String approvalId,
      @Doc("Its share of the strategy's capital (0 outside canary)") double capitalFraction) {}

  /** One immutable version. */
  record StrategyVersionData(
      String versionId,
      int number,
      @Nullable String parentId,
      Map<String, Object> parameters,
      @Doc("SHA-256 of the canonical parameters") String configHash,
      String createdBy,
      Instant createdAt,
      String reason,
      @Nullable String optimiserRunId,
      Map<String, Double> optimiserStats,
      @Doc(
              value = "Its role now",
              allowed = {"stable", "previous_stable", "candidate", "retired"})
          String role) {}

  /** One transition. */
  record LifecycleEventData(
      long revision,
      String kind,
      @Nullable String versionId,
      @Nullable String fromStage,
      @Nullable String toStage,
      String actor,
      String reason,
      Map<String, Object> evidence,
      Instant at) {}

  /** The gates' verdict and the lifecycle after it. */
  record GateEvaluationData(
      @Doc(
              value = "insufficient: no decision yet; breach: rolled back; pass: moved on",
              allowed = {"insufficient", "breach", "pass"})
          String outcome,
      List<GateResultData> gates,
      LifecycleData lifecycle) {}

  /** One gate. */
  record GateResultData(String name, double value, double threshold, String rule, boolean passed) {}

  static LifecycleData of(LifecycleService service, String strategy) {
    LifecycleState s = service.state(strategy);
    LifecycleCandidate candidate = null;
    if (s.candidateId() != null) {
      double fraction =
          s.candidateStage() == Stage.CANARY ? service.config().canaryFraction() : 0.0;
      candidate =
          new LifecycleCandidate(
              s.candidateId(),
              s.candidateStage().code(),
              Instant.ofEpochMilli(s.stageSinceMs()),
              s.gatesPassed(),
              s.approvalId(),
              fraction);
    }
    List<StrategyVersionData> versions =
        service.versions(strategy).stream().map(v -> version(v, s)).toList();
    List<LifecycleEventData> events =
        service.events(strategy).stream().map(LifecycleViews::event).toList();
    return new LifecycleData(
        strategy, s.stableId(), s.previousStableId(), candidate, versions, events);
  }

  private static StrategyVersionData version(StrategyVersion v, LifecycleState s) {
    String role =
        v.id().equals(s.stableId())
            ? "stable"
            : v.id().equals(s.candidateId())
                ? "candidate"
                : v.id().equals(s.previousStableId()) ? "previous_stable" : "retired";
    return new StrategyVersionData(
        v.id(),
        v.number(),
        v.parentId(),
        v.parameters(),
        v.configHash(),
        v.createdBy(),
        Instant.ofEpochMilli(v.createdAtMs()),
        v.reason(),
        v.optimiserRunId(),
        v.optimiserStats(),
        role);
  }

  private static LifecycleEventData event(LifecycleEvent e) {
    return new LifecycleEventData(
        e.revision(),
        e.kind(),
        e.versionId(),
        e.fromStage(),
        e.toStage(),
        e.actor(),
        e.reason(),
        e.evidence(),
        Instant.ofEpochMilli(e.atMs()));
  }

  static GateEvaluationData evaluation(GateReport r, LifecycleData after) {
    return new GateEvaluationData(
        r.outcome(),
        r.gates().stream()
            .map(g -> new GateResultData(g.name(), g.value(), g.threshold(), g.rule(), g.passed()))
            .toList(),
        after);
  }
}
