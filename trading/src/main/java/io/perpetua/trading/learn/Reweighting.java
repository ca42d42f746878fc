package io.perpetua.trading.learn;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.signals.flow.FactoryWeights;
import io.perpetua.trading.flow.FactoryStrategyRow;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.lifecycle.LifecycleException;
import io.perpetua.trading.lifecycle.LifecycleService;
import io.perpetua.trading.lifecycle.LifecycleState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The release step of the walk-forward re-weighting (spec §5): runs {@link WalkForward} for a
 * factory strategy and, only when the proposal passed out of sample and moves no layer weight more
 * than the allowed fraction, creates a new version (new config hash, parent = the stable version,
 * the out-of-sample numbers as its statistics) as the strategy's candidate in the {@link
 * LifecycleService} over {@link FlowParameters}; promotion and rollback are the lifecycle's. Every
 * outcome — released, rejected, skipped — is a {@link LearningDecision}.
 */
public final class Reweighting {
  /** Released: a candidate version was created. */
  public static final String RELEASED = "flow.learning.reweight.released";

  /** Rejected: no release (the reasons are in the decision). */
  public static final String REJECTED = "flow.learning.reweight.rejected";

  private final LifecycleService lifecycle;
  private final FlowService flow;
  private final WalkForward walkForward;
  private final ReweightConfig config;
  private final LongSupplier clock;
  private final LearningDecision.Sink audit;

  /** A re-weighting releasing through {@code lifecycle} (built over {@link FlowParameters}). */
  public Reweighting(
      LifecycleService lifecycle,
      FlowService flow,
      ReweightConfig config,
      LongSupplier clock,
      LearningDecision.Sink audit) {
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.flow = Objects.requireNonNull(flow, "flow");
    this.config = Objects.requireNonNull(config, "config");
    this.walkForward = new WalkForward(config);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /**
   * Re-weights {@code strategy} on {@code signals}; returns the lifecycle state after a release, or
   * null when nothing was released.
   */
  public LifecycleState run(String strategy, List<LabelledSignal> signals, String runId) {
    FactoryStrategyRow row =
        flow.strategy(StrategyId.of(strategy))
            .orElseThrow(() -> new IllegalArgumentException("unknown strategy " + strategy));
    FactoryStrategyDefinition d = row.definition();
    FactoryWeights current =
        new FactoryWeights(d.weightDirection(), d.weightEnv(), d.weightAux(), d.weightMomentum());
    ReweightResult result = walkForward.run(signals, current, d.entryScore());
    Map<String, Object> evidence = new LinkedHashMap<>(result.evidence());
    evidence.put("run_id", runId);
    if (!result.passed()) {
      decide(REJECTED, strategy, String.join("; ", result.reasons()), evidence);
      return null;
    }
    FactoryWeights w = result.weights();
    if (!LayerWeights.allowed(current, w, config.maxMove())) {
      decide(REJECTED, strategy, "a layer weight would move more than allowed", evidence);
      return null;
    }
    double entry = result.chosen().threshold();
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("weight_direction", w.direction());
    changes.put("weight_env", w.environment());
    changes.put("weight_aux", w.auxiliary());
    changes.put("weight_momentum", w.momentum());
    changes.put("entry_score", entry);
    changes.put("flip_threshold", Math.max(d.flipThreshold(), entry));
    try {
      LifecycleState s =
          lifecycle.createCandidate(
              strategy,
              changes,
              "walk-forward re-weighting passed out of sample",
              LearningDecision.ACTOR,
              runId,
              stats(result));
      evidence.put("version_id", s.candidateId());
      decide(RELEASED, strategy, "candidate " + s.candidateId() + " created", evidence);
      return s;
    } catch (LifecycleException e) {
      decide(REJECTED, strategy, e.getMessage(), evidence);
      return null;
    }
  }

  private static Map<String, Double> stats(ReweightResult r) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("oos_net_r", r.chosen().netR());
    m.put("oos_max_drawdown_r", r.chosen().maxDrawdownR());
    m.put("oos_trades", (double) r.chosen().trades());
    m.put("baseline_oos_net_r", r.baseline().netR());
    m.put("folds", (double) r.folds().size());
    return m;
  }

  private void decide(String action, String strategy, String reason, Map<String, Object> numbers) {
    audit.decided(
        new LearningDecision(
            action, strategy, LearningDecision.ACTOR, reason, numbers, clock.getAsLong()));
  }
}
