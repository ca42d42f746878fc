package io.perpetua.spark;

import java.io.Serializable;
import java.util.List;

/**
 * Runs a list of independent trials over one shared, read-only payload and returns their results in
 * input order. Implementations: {@link LocalTrialRunner} (an in-process loop) and {@link
 * SparkTrialRunner} (Spark tasks over a broadcast payload). For a {@link TrialFunction} that keeps
 * its contract, every implementation returns equal results (bit for bit for floating point), so the
 * engine is a deployment choice, not a modelling one.
 */
public interface TrialRunner extends AutoCloseable {
  /**
   * Runs {@code trial} on every input.
   *
   * @return one result per input, in input order (an unmodifiable list)
   * @throws TrialFailedException when a trial throws (the message names the failing input's index)
   */
  <P extends Serializable, I extends Serializable, R extends Serializable> List<R> run(
      P payload, List<I> inputs, TrialFunction<P, I, R> trial);

  /** Releases the engine (a Spark session); idempotent. */
  @Override
  void close();
}
