package io.perpetua.optimizer.wfo;

import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.Metrics;
import io.perpetua.optimizer.SearchRun;
import java.util.Map;

/**
 * One walk-forward fold: the windows, the search on the training window, the parameters chosen
 * (from training, or among the best training candidates on the validation window) and their unseen
 * forward run. Immutable.
 *
 * @param index 0-based fold number
 * @param window the fold's windows
 * @param search the trials on the training window
 * @param chosen the parameters run forward, or null when no trial was accepted
 * @param inSample the chosen parameters' training metrics, or null
 * @param validateScore the chosen parameters' validation score (NaN without validation)
 * @param outOfSample the forward run's metrics, or null
 * @param forwardCurve the forward run's equity, or null
 */
public record Fold(
    int index,
    WalkForwardSettings.Window window,
    SearchRun search,
    Map<String, Object> chosen,
    Metrics inSample,
    double validateScore,
    Metrics outOfSample,
    EquityCurve forwardCurve) {
  /** Walk-forward efficiency of this fold: forward CAGR / training CAGR (NaN if undefined). */
  public double efficiency() {
    if (inSample == null || outOfSample == null || inSample.cagr() == 0) {
      return Double.NaN;
    }
    return outOfSample.cagr() / inSample.cagr();
  }
}
