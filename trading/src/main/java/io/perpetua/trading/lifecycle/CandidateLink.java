package io.perpetua.trading.lifecycle;

import java.util.Optional;

/**
 * The kernel's link to the lifecycle: which candidate runs beside a strategy's stable version, and
 * where the candidate's live record goes at the end of each UTC day of the kernel's clock (where
 * its gates are evaluated: {@link CandidateGates}). Called on the kernel thread.
 */
public interface CandidateLink {
  /** The candidate to run beside {@code strategy}'s stable version, if one is in shadow/canary. */
  Optional<RunningCandidate> running(String strategy);

  /** The candidate's record at the end of a day. */
  void dayEnded(String strategy, LiveRecord record);

  /**
   * What a running candidate did in its current stage, as the kernel measured it on its virtual
   * book (shadow: filled at the platform's fill prices where the netted order traded, else at the
   * bar's close and the taker fee; canary: its slice traded through the account's order path).
   *
   * @param versionId the candidate
   * @param stage its stage
   * @param dailyReturns its book's daily returns since the stage began, oldest first
   * @param trades its book's fills since the stage began
   * @param slippageBps its mean slippage of the fills at the platform's prices against its decision
   *     marks, bps (NaN: none measured)
   * @param dayMs the day's end (UTC midnight, kernel clock)
   */
  record LiveRecord(
      String versionId,
      Stage stage,
      double[] dailyReturns,
      int trades,
      double slippageBps,
      long dayMs) {
    /** Copies the returns. */
    public LiveRecord {
      dailyReturns = dailyReturns.clone();
    }
  }
}
