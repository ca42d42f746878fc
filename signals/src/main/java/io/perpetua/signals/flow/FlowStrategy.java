package io.perpetua.signals.flow;

/**
 * Evaluates one {@link FlowStrategyConfig} on its symbol's {@link FlowState}: updates the
 * strategy's CVD momentum, reads the inputs, scores them with the family and applies tiers and the
 * direction filter. The configuration may be replaced between evaluations (an edit takes effect at
 * the next evaluation; momentum restarts when the fast window changes).
 *
 * <p>Mutable, not thread-safe.
 */
public final class FlowStrategy {
  private FlowStrategyConfig config;
  // the configuration's hash, computed once per configuration (SHA-256 of its text: a few
  // kilobytes of garbage and a provider lookup that every evaluation used to pay)
  private String configHash;
  private final CvdMomentum momentum = new CvdMomentum();

  /** A strategy with no evaluation yet. */
  public FlowStrategy(FlowStrategyConfig config) {
    this.config = config;
    this.configHash = config.configHash();
  }

  /** The current configuration. */
  public FlowStrategyConfig config() {
    return config;
  }

  /** Replaces the configuration (same id and instrument) from the next evaluation on. */
  public void update(FlowStrategyConfig next) {
    if (!next.id().equals(config.id()) || !next.instrument().equals(config.instrument())) {
      throw new IllegalArgumentException("an edit keeps the strategy id and instrument");
    }
    if (next.fastWindow() != config.fastWindow()) {
      momentum.restore(new CvdMomentum.Snapshot(Double.NaN, Double.NaN));
    }
    config = next;
    configHash = next.configHash();
  }

  /** The momentum state (for snapshots). */
  public CvdMomentum momentum() {
    return momentum;
  }

  /** Evaluates at the state's current time; the state must be warm. */
  public FlowEvaluation evaluate(FlowState state) {
    if (!state.instrument().equals(config.instrument())) {
      throw new IllegalArgumentException("state of another instrument: " + state.instrument());
    }
    momentum.update(state.cvd(config.fastWindow()));
    FlowInputs in =
        state.inputs(
            config.fastWindow(), config.slowWindow(), momentum.slope(), momentum.acceleration());
    return score(config, configHash, in);
  }

  /** Scores {@code in} under {@code config} (pure; used by tests and replays). */
  public static FlowEvaluation score(FlowStrategyConfig config, FlowInputs in) {
    return score(config, config.configHash(), in);
  }

  private static FlowEvaluation score(FlowStrategyConfig config, String configHash, FlowInputs in) {
    FlowScore s =
        switch (config.family()) {
          case V51_BASELINE -> FlowScoring.v51(in);
          case V52_8SIGNALS -> FlowScoring.v52(in);
          case V53 -> FlowScoring.v53(in, config.gates());
          case FACTORY -> FlowScoring.factory(in, config.gates(), config.weights());
        };
    String block = s.blockReason();
    FlowTier tier = FlowTier.NONE;
    if (s.gatePassed()) {
      if (s.score() < config.entryScore()) {
        block = FlowEvaluation.BELOW_ENTRY;
      } else if (!config.directionFilter().allows(s.direction())) {
        block = FlowEvaluation.DIRECTION_FILTER;
      } else {
        tier = s.score() >= config.heavyScore() ? FlowTier.HEAVY : FlowTier.STANDARD;
      }
    }
    return new FlowEvaluation(
        config.id(),
        config.version(),
        configHash,
        config.family(),
        config.instrument(),
        in.timeMs(),
        s.score(),
        s.direction(),
        tier,
        s.gatePassed(),
        block,
        s.factors(),
        in);
  }
}
