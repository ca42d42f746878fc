package io.perpetua.optimizer;

import io.perpetua.backtest.BacktestRunner;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.optimizer.algo.NelderMeadRefiner;
import io.perpetua.optimizer.algo.SearchProblem;
import io.perpetua.signals.strategy.space.ParamSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Runs one search over one window: the algorithm, then the optional Nelder–Mead refinement. */
public final class Search {
  private Search() {}

  /**
   * Searches {@code space} on {@code window} (its parameters are the fixed overrides).
   *
   * @param pool runs batches of trials in parallel, or null for the calling thread
   */
  public static SearchRun run(
      ParamSpace space,
      BacktestRunner engine,
      BacktestRequest window,
      SearchSettings settings,
      ExecutorService pool,
      BooleanSupplier cancelled,
      Consumer<Trial> listener) {
    TrialRunner runner =
        new TrialRunner(
            space,
            engine,
            window,
            settings.objectives(),
            settings.constraints(),
            settings.trials(),
            pool,
            cancelled,
            listener);
    settings.search().search(new SearchProblem(space.levels(), settings.seed(), runner));
    if (settings.refine() > 0) {
      runner.extend(settings.refine());
      List<Trial> top = new ArrayList<>();
      for (Trial t : runner.trials()) {
        if (t.accepted() && Double.isFinite(t.score())) {
          top.add(t);
        }
      }
      top.sort(Comparator.comparingDouble(Trial::score).reversed());
      List<double[]> starts = new ArrayList<>();
      for (int i = 0; i < Math.min(3, top.size()); i++) {
        starts.add(space.unit(top.get(i).params()));
      }
      NelderMeadRefiner.refine(starts, runner);
    }
    return SearchRun.of(runner.trials());
  }
}
