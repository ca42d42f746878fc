package io.perpetua.backtest.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.backtest.BacktestCancelledException;
import io.perpetua.backtest.BacktestRunner;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.BacktestResult;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

/**
 * A runner under the test's control: every run is announced on {@link #started} and then waits
 * until the test ends it ({@link Run#finish}); while waiting it honours the cancel flag, unless
 * told to ignore it.
 */
final class FakeRunner implements BacktestRunner {
  final BlockingQueue<Run> started = new LinkedBlockingQueue<>();
  volatile boolean ignoreCancel;

  /** One run in progress. */
  static final class Run {
    final BacktestRequest request;
    final DoubleConsumer progress;
    final BooleanSupplier cancelled;
    private final CountDownLatch end = new CountDownLatch(1);
    private volatile Supplier<BacktestResult> outcome;

    Run(BacktestRequest request, DoubleConsumer progress, BooleanSupplier cancelled) {
      this.request = request;
      this.progress = progress;
      this.cancelled = cancelled;
    }

    /** Ends the run with what {@code outcome} returns or throws. */
    void finish(Supplier<BacktestResult> result) {
      this.outcome = result;
      end.countDown();
    }

    void succeed() {
      finish(() -> Fixtures.result(request));
    }
  }

  /** The next run to start, within 10 s. */
  Run nextRun() throws InterruptedException {
    Run r = started.poll(10, TimeUnit.SECONDS);
    assertThat(r).as("a run started").isNotNull();
    return r;
  }

  @Override
  public BacktestResult run(
      BacktestRequest request, DoubleConsumer progress, BooleanSupplier cancelled) {
    Run run = new Run(request, progress, cancelled);
    started.add(run);
    try {
      while (!run.end.await(2, TimeUnit.MILLISECONDS)) {
        if (!ignoreCancel && cancelled.getAsBoolean()) {
          throw new BacktestCancelledException("cancelled");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BacktestCancelledException("interrupted");
    }
    return run.outcome.get();
  }
}
