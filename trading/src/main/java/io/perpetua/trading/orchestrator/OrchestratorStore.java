package io.perpetua.trading.orchestrator;

import java.util.List;
import java.util.Objects;

/**
 * The orchestrator's persistent schedule and run log (a port: in memory for tests, two tables in
 * the platform database). A due job is claimed by moving its next due time past now in the same
 * atomic step that records the run, so a claim happens once however many instances poll the same
 * database, and a job that fell due while every instance was down is claimed once at the next poll.
 * Thread-safe.
 */
public interface OrchestratorStore {
  /**
   * Adds the jobs not stored yet (first due time: the next cron time after {@code nowMs}); a stored
   * job whose cron changed gets the new cron and its next time after {@code nowMs}. A stored job's
   * due time is otherwise kept (so a due time missed while down stays due).
   */
  void register(List<JobDefinition> jobs, long nowMs);

  /**
   * Claims every job due at {@code nowMs}: its next due time moves to its cron's next time after
   * {@code nowMs} (missed times are not run again) and a run ({@code running}) is recorded for
   * {@code instance}. Returns the claims.
   */
  List<Claim> claimDue(long nowMs, String instance);

  /** Records a run that no schedule claimed (an event trigger, a manual run); returns its id. */
  long record(
      String job, String trigger, long atMs, String instance, String status, String summary);

  /** Ends run {@code runId} with {@code status} ({@code done}, {@code failed}, {@code skipped}). */
  void finish(long runId, String status, String summary, long endedMs);

  /**
   * Marks every run still {@code running} that started before {@code startedBeforeMs} as {@code
   * abandoned} (ended at {@code nowMs}, the reason appended to its summary): at start-up, the runs
   * a crash interrupted. A run another live instance ends later keeps its own final status. Returns
   * how many.
   */
  int abandon(long startedBeforeMs, String reason, long nowMs);

  /** Deletes the ended runs that started before {@code beforeMs}; returns how many. */
  int prune(long beforeMs);

  /** The stored jobs, by name. */
  List<JobState> jobs();

  /**
   * Up to {@code limit} runs with an id below {@code beforeId}, newest first ({@code job} null:
   * all).
   */
  List<Run> runs(String job, int limit, long beforeId);

  /**
   * A claimed run.
   *
   * @param runId the run's id
   * @param job the job
   * @param scheduledForMs the due time it was claimed for
   */
  record Claim(long runId, String job, long scheduledForMs) {}

  /**
   * A stored job.
   *
   * @param name its name
   * @param cron its cron
   * @param description what it does
   * @param nextDueMs when it is next due
   * @param lastRunMs when it last started (null: never)
   */
  record JobState(String name, String cron, String description, long nextDueMs, Long lastRunMs) {}

  /**
   * A recorded run.
   *
   * @param id its id
   * @param job the job
   * @param trigger {@code schedule}, {@code catch_up} (due while down), or an event trigger
   * @param scheduledForMs the due time (or the event's time)
   * @param startedMs when it started
   * @param endedMs when it ended (null: running or interrupted)
   * @param status {@code running}, {@code done}, {@code failed}, {@code skipped}, {@code abandoned}
   *     (interrupted by a crash)
   * @param summary what it did
   * @param instance which platform process ran it
   */
  record Run(
      long id,
      String job,
      String trigger,
      long scheduledForMs,
      long startedMs,
      Long endedMs,
      String status,
      String summary,
      String instance) {
    /** Validates. */
    public Run {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(trigger, "trigger");
      Objects.requireNonNull(status, "status");
      summary = summary == null ? "" : summary;
    }
  }

  /** The trigger of a claim: {@code catch_up} when it was due over a minute before the claim. */
  static String trigger(long scheduledForMs, long nowMs) {
    return nowMs - scheduledForMs > 60_000L ? "catch_up" : "schedule";
  }
}
