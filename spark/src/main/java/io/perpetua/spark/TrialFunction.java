package io.perpetua.spark;

import java.io.Serializable;

/**
 * One trial: a pure function of a shared read-only payload (e.g. a market panel) and the trial's
 * own input (e.g. a parameter vector). Serializable, because a {@link SparkTrialRunner} ships it to
 * its executors; it must not mutate the payload, keep state between calls or depend on the thread
 * or machine it runs on, so that every runner gives the same results.
 *
 * @param <P> the payload
 * @param <I> a trial's input
 * @param <R> a trial's result
 */
@FunctionalInterface
public interface TrialFunction<P, I, R> extends Serializable {
  /** The result of the trial {@code input} on {@code payload}. */
  R apply(P payload, I input);
}
