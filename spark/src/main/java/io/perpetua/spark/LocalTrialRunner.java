package io.perpetua.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The in-process engine: a plain loop over the inputs on the calling thread, in input order. The
 * reference that {@link SparkTrialRunner} must reproduce. Stateless; safe to share.
 */
public final class LocalTrialRunner implements TrialRunner {
  @Override
  public <P extends Serializable, I extends Serializable, R extends Serializable> List<R> run(
      P payload, List<I> inputs, TrialFunction<P, I, R> trial) {
    List<R> results = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      try {
        results.add(trial.apply(payload, inputs.get(i)));
      } catch (RuntimeException e) {
        throw new TrialFailedException("trial " + i + " failed: " + e.getMessage(), e);
      }
    }
    return Collections.unmodifiableList(results);
  }

  @Override
  public void close() {}
}
