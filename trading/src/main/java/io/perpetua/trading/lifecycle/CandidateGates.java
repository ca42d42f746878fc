package io.perpetua.trading.lifecycle;

import java.util.Objects;
import java.util.Optional;

/**
 * The lifecycle's side of the kernel's candidate sleeves: the kernel asks which candidate runs, and
 * at the end of each of its days hands in the candidate's live record, which is evaluated against
 * the gates at once ({@link LifecycleService#evaluate}): a breach rolls the candidate back, a pass
 * moves shadow to canary or marks canary ready for the human prod approval, too little evidence
 * decides nothing. The backtest distribution the KS gate compares with comes from {@link
 * Reference}. Thread-safe (the service is).
 */
public final class CandidateGates implements CandidateLink {
  /** The reference daily returns of a candidate (its backtest's); empty when there are none. */
  @FunctionalInterface
  public interface Reference {
    /** {@code version}'s reference daily returns. */
    double[] dailyReturns(StrategyVersion version);
  }

  private final LifecycleService service;
  private final Reference reference;
  private final double assumedSlippageBps;

  /**
   * Evaluates on {@code service}'s gates, comparing with {@code reference} and the backtests'
   * slippage assumption {@code assumedSlippageBps}.
   */
  public CandidateGates(LifecycleService service, Reference reference, double assumedSlippageBps) {
    this.service = Objects.requireNonNull(service, "service");
    this.reference = Objects.requireNonNull(reference, "reference");
    if (!Double.isFinite(assumedSlippageBps) || assumedSlippageBps < 0) {
      throw new IllegalArgumentException("assumed slippage must be >= 0 bps");
    }
    this.assumedSlippageBps = assumedSlippageBps;
  }

  @Override
  public Optional<RunningCandidate> running(String strategy) {
    return service.running(strategy);
  }

  @Override
  public void dayEnded(String strategy, LiveRecord record) {
    evaluate(strategy, record);
  }

  /**
   * Evaluates {@code record} when it is still the candidate's, in the same stage; returns the
   * report (empty when the record is stale: the candidate moved on or was rolled back meanwhile).
   */
  public Optional<GateReport> evaluate(String strategy, LiveRecord record) {
    Optional<RunningCandidate> now = service.running(strategy);
    if (now.isEmpty()
        || !now.get().versionId().equals(record.versionId())
        || now.get().stage() != record.stage()) {
      return Optional.empty();
    }
    StrategyVersion version =
        service.versions(strategy).stream()
            .filter(v -> v.id().equals(record.versionId()))
            .findFirst()
            .orElseThrow();
    double slippage =
        Double.isNaN(record.slippageBps()) ? assumedSlippageBps : record.slippageBps();
    CanaryEvidence evidence =
        new CanaryEvidence(
            record.dailyReturns(),
            reference.dailyReturns(version),
            slippage,
            assumedSlippageBps,
            record.trades());
    return Optional.of(service.evaluate(strategy, evidence));
  }
}
