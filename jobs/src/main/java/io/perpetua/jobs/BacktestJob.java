package io.perpetua.jobs;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A backtest job as stored: who submitted what, where it is, and its metrics once done. The bulky
 * output (equity curve and trades) is read separately ({@link JobOutput}) because lists do not need
 * it and it is purged after the retention period while the metrics are kept.
 *
 * <p>Immutable. Invariants: {@code progress} is in {@code [0, 1]}; {@code startedAt} is set once
 * running; {@code finishedAt} is set exactly when the status is terminal; {@code metrics} only when
 * done; {@code error} only when failed.
 *
 * @param id job id, {@code bt_} + 16 lower-case hex digits (see {@link JobIds})
 * @param owner the user the job belongs to (rate limit and visibility are per owner)
 * @param apiKeyId the API key that submitted it, or null (bearer-token API)
 * @param request what to run
 * @param config the request as the submitting API received it (JSON text, echoed back to clients),
 *     or null
 * @param status where it is
 * @param progress 0..1; 1 when done
 * @param cancelRequested whether a cancel was requested while it was running
 * @param submittedAt when it was accepted
 * @param startedAt when the current (last) run started, or null while queued
 * @param finishedAt when it reached its terminal status, or null
 * @param error why it failed, or null
 * @param metrics the run's metrics when done (kept forever), or null
 * @param activity what the run did when done — orders sent, rejections by rule, skipped symbols
 *     (kept forever), or null
 * @param outputPurgedAt when the equity curve and trades were purged, or null
 */
public record BacktestJob(
    String id,
    String owner,
    String apiKeyId,
    BacktestRequest request,
    String config,
    JobStatus status,
    double progress,
    boolean cancelRequested,
    Instant submittedAt,
    Instant startedAt,
    Instant finishedAt,
    String error,
    Metrics metrics,
    RunActivity activity,
    Instant outputPurgedAt) {
  // ':' for the platform's own owners (system:orchestrator): no user name can contain it
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9_.@:-]{1,128}");

  /** Validates the invariants that do not depend on the status history. */
  public BacktestJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    if (!OWNER.matcher(owner).matches()) {
      throw new IllegalArgumentException(
          "owner must be 1..128 characters of letters, digits, _ . @ : -: '" + owner + "'");
    }
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(submittedAt, "submittedAt");
    if (!(progress >= 0 && progress <= 1)) {
      throw new IllegalArgumentException("progress must be in [0, 1], was " + progress);
    }
    if (status.isTerminal() != (finishedAt != null)) {
      throw new IllegalArgumentException("finishedAt must be set exactly for terminal statuses");
    }
  }

  /** A new queued job. */
  public static BacktestJob queued(
      String id,
      String owner,
      String apiKeyId,
      BacktestRequest request,
      String config,
      Instant submittedAt) {
    return new BacktestJob(
        id,
        owner,
        apiKeyId,
        request,
        config,
        JobStatus.QUEUED,
        0,
        false,
        submittedAt,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** Whether a finished run's equity curve and trades have been purged. */
  public boolean outputPurged() {
    return outputPurgedAt != null;
  }

  /** The position of this job in the newest-first order of lists (for paging). */
  public JobCursor cursor() {
    return new JobCursor(submittedAt, id);
  }
}
