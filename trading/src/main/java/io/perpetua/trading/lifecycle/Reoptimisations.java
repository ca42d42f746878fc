package io.perpetua.trading.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finished re-optimisations of the orchestrator become candidate versions (issue 17 items 1, 2, 4):
 * a run whose out-of-sample statistics pass {@link OosGate} (the deflated Sharpe ratio and the
 * probability of backtest overfitting of the fold that chose {@code best_params}, and the stitched
 * out-of-sample Sharpe ratio; docs/optimizer.md) becomes a candidate from its best parameters
 * (parent: the stable version; the run id and its statistics recorded with the version) and enters
 * {@code shadow}, where the kernel runs it beside the stable version. A run that fails creates
 * nothing; its {@link Outcome} says why. Thread-safe (the service is).
 */
public final class Reoptimisations {
  /** The actor of the candidates it creates. */
  public static final String ACTOR = "system:orchestrator";

  /**
   * A finished optimiser run.
   *
   * @param runId its id
   * @param strategy the strategy it optimised
   * @param bestParams its chosen parameters (the last fold's)
   * @param dsr the deflated Sharpe ratio of the choosing fold (NaN: not measured)
   * @param pbo the probability of backtest overfitting of the choosing fold (NaN: not measured)
   * @param oosSharpe the annualised Sharpe ratio of the stitched out-of-sample curve
   */
  public record Finished(
      String runId,
      String strategy,
      Map<String, Object> bestParams,
      double dsr,
      double pbo,
      double oosSharpe) {
    /** Copies the parameters. */
    public Finished {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(strategy, "strategy");
      bestParams = bestParams == null ? Map.of() : new LinkedHashMap<>(bestParams);
    }
  }

  /**
   * The out-of-sample gate a re-optimisation passes to become a candidate ({@code
   * lifecycle.reopt_*} in the configuration).
   *
   * @param minDsr the least deflated Sharpe ratio, in [0, 1]
   * @param maxPbo the largest probability of backtest overfitting, in [0, 1]
   * @param minOosSharpe the least stitched out-of-sample Sharpe ratio
   */
  public record OosGate(double minDsr, double maxPbo, double minOosSharpe) {
    /** DSR ≥ 0.95, PBO ≤ 0.5, OOS Sharpe ≥ 0. */
    public static final OosGate DEFAULTS = new OosGate(0.95, 0.5, 0.0);

    /** Validates, naming the configuration key. */
    public OosGate {
      if (!(minDsr >= 0 && minDsr <= 1)) {
        throw new IllegalArgumentException(
            "lifecycle.reopt_min_dsr must be in [0, 1], was " + minDsr);
      }
      if (!(maxPbo >= 0 && maxPbo <= 1)) {
        throw new IllegalArgumentException(
            "lifecycle.reopt_max_pbo must be in [0, 1], was " + maxPbo);
      }
      if (!Double.isFinite(minOosSharpe)) {
        throw new IllegalArgumentException(
            "lifecycle.reopt_min_oos_sharpe must be finite, was " + minOosSharpe);
      }
    }

    /** What {@code run} fails (empty: it passes); an unmeasured statistic fails. */
    public List<String> failures(Finished run) {
      List<String> out = new ArrayList<>();
      if (!(run.dsr() >= minDsr)) {
        out.add("DSR " + show(run.dsr()) + " < " + minDsr);
      }
      if (!(run.pbo() <= maxPbo)) {
        out.add("PBO " + show(run.pbo()) + " > " + maxPbo);
      }
      if (!(run.oosSharpe() >= minOosSharpe)) {
        out.add("OOS Sharpe " + show(run.oosSharpe()) + " < " + minOosSharpe);
      }
      if (run.bestParams().isEmpty()) {
        out.add("no best parameters");
      }
      return out;
    }
  }

  /**
   * What became of a run.
   *
   * @param runId the run
   * @param strategy its strategy
   * @param versionId the candidate created (null: none)
   * @param summary why, with the numbers (starts with the run id)
   */
  public record Outcome(String runId, String strategy, String versionId, String summary) {}

  private final LifecycleService lifecycle;
  private final OosGate gate;

  /** Creates candidates in {@code lifecycle} from runs passing {@code gate}. */
  public Reoptimisations(LifecycleService lifecycle, OosGate gate) {
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.gate = Objects.requireNonNull(gate, "gate");
  }

  /** Whether a version of {@code strategy} was already made from run {@code runId}. */
  public boolean hasVersionFrom(String strategy, String runId) {
    return lifecycle.versions(strategy).stream().anyMatch(v -> runId.equals(v.optimiserRunId()));
  }

  /** Creates the candidate of {@code run} (in shadow) when it passes the gate. */
  public Outcome consider(Finished run) {
    String numbers =
        "DSR "
            + show(run.dsr())
            + ", PBO "
            + show(run.pbo())
            + ", OOS Sharpe "
            + show(run.oosSharpe());
    List<String> failed = gate.failures(run);
    if (!failed.isEmpty()) {
      return new Outcome(
          run.runId(),
          run.strategy(),
          null,
          run.runId()
              + ": out-of-sample gate failed ("
              + String.join("; ", failed)
              + "); no candidate");
    }
    Map<String, Double> stats = new LinkedHashMap<>();
    stats.put("dsr", run.dsr());
    stats.put("pbo", run.pbo());
    stats.put("oos_sharpe", run.oosSharpe());
    try {
      LifecycleState s =
          lifecycle.createCandidate(
              run.strategy(),
              run.bestParams(),
              "re-optimisation " + run.runId() + " passed out of sample (" + numbers + ")",
              ACTOR,
              run.runId(),
              stats);
      lifecycle.promote(
          run.strategy(),
          s.candidateId(),
          Stage.SHADOW.code(),
          ACTOR,
          "out-of-sample pass: shadow beside the stable version");
      return new Outcome(
          run.runId(),
          run.strategy(),
          s.candidateId(),
          run.runId() + ": candidate " + s.candidateId() + " in shadow (" + numbers + ")");
    } catch (LifecycleException e) {
      return new Outcome(
          run.runId(), run.strategy(), null, run.runId() + ": no candidate: " + e.getMessage());
    }
  }

  private static String show(double v) {
    return Double.isNaN(v) ? "not measured" : String.format(java.util.Locale.ROOT, "%.3f", v);
  }
}
