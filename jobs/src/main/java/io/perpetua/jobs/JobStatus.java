package io.perpetua.jobs;

import java.util.Locale;

/**
 * Where a backtest job is in its life: {@code queued → running → done | failed | cancelled}, or
 * {@code queued → cancelled}. A running job is put back to {@code queued} when the process stops or
 * restarts before it finishes. The three terminal statuses never change again.
 *
 * <p>Stable lower-case wire codes; {@link #parse(String)} is the inverse of {@link #code()}.
 */
public enum JobStatus {
  /** Accepted, waiting for a worker. */
  QUEUED("queued"),
  /** A worker is running it. */
  RUNNING("running"),
  /** Finished with a result. */
  DONE("done"),
  /** Finished without a result; {@link BacktestJob#error()} says why. */
  FAILED("failed"),
  /** Stopped on request before it finished. */
  CANCELLED("cancelled");

  private final String code;

  JobStatus(String code) {
    this.code = code;
  }

  /** The wire code, e.g. {@code queued}. */
  public String code() {
    return code;
  }

  /** Whether the status never changes again. */
  public boolean isTerminal() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }

  /** Whether the job occupies one of its owner's slots (queued or running). */
  public boolean isActive() {
    return this == QUEUED || this == RUNNING;
  }

  /** Parses a wire code such as {@code done}. */
  public static JobStatus parse(String code) {
    String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    for (JobStatus s : values()) {
      if (s.code.equals(c)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown job status '" + code + "': expected queued, running, done, failed or cancelled");
  }
}
