package io.perpetua.backtest.job;

import io.perpetua.jobs.BacktestJob;

/**
 * Told when a worker has finished with a job: it reached a terminal status, or it was re-queued
 * because the service is stopping. Called on the worker thread after the outcome is stored (or the
 * store failed); must be quick and must not throw.
 */
@FunctionalInterface
public interface JobListener {
  /** The job as stored after the run, or the job as claimed if it cannot be read. */
  void runEnded(BacktestJob job);
}
