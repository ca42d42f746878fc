package io.perpetua.optimizer;

import java.util.List;

/**
 * Runs a batch of trials elsewhere, e.g. as Apache Spark tasks: each trial is {@link TrialTask#run}
 * of one {@link TrialInput}, a pure function of the (serializable) task and input, so the results
 * are those of the in-process loop, bit for bit. A search's pool (the {@code ExecutorService} given
 * to {@link Optimization#run}) that implements this interface receives whole batches instead of one
 * task per trial. Results come back in input order.
 */
public interface RemoteTrials {
  /** The trials of {@code inputs}, in input order. */
  List<Trial> run(TrialTask task, List<TrialInput> inputs);
}
