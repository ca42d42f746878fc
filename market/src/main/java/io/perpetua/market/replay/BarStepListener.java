package io.perpetua.market.replay;

import io.perpetua.market.AlignedBars;

/**
 * Receives each time step of a replay. Called on the replaying thread; implementations need not be
 * thread-safe.
 */
@FunctionalInterface
public interface BarStepListener {
  /**
   * Step {@code t}: the bars opening at {@code bars.time(t)} are complete (the step stands for the
   * moment they close, {@code bars.time(t) + interval}).
   */
  void onStep(AlignedBars bars, int t);
}
