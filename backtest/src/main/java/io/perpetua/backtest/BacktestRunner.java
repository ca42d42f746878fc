package io.perpetua.backtest;

import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.BacktestResult;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Runs one backtest synchronously. Implementations are thread-safe (the job service runs several at
 * once).
 */
public interface BacktestRunner {
  /**
   * Runs {@code request}, reporting progress 0..1 to {@code progress} and stopping early with a
   * {@link BacktestCancelledException} when {@code cancelled} turns true. Invalid requests (unknown
   * strategy or symbol, no data in range) raise {@link IllegalArgumentException} with a message
   * that names the field.
   */
  BacktestResult run(BacktestRequest request, DoubleConsumer progress, BooleanSupplier cancelled);
}
