package io.perpetua.server.jobs;

import io.perpetua.backtest.BacktestCancelledException;
import io.perpetua.backtest.BacktestRunner;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.BacktestResult;
import io.perpetua.jobs.CostBreakdown;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.RunActivity;
import io.perpetua.jobs.TradeRecord;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

/**
 * A fake {@link BacktestRunner} under the test's control: each run is announced on {@link #started}
 * and waits (honouring the cancel flag) until the test finishes it.
 */
public final class ControlledRunner implements BacktestRunner {
  /** Runs that started, in order. */
  public final BlockingQueue<Run> started = new LinkedBlockingQueue<>();

  /** One run in progress. */
  public static final class Run {
    /** What is being run. */
    public final BacktestRequest request;

    /** The progress callback. */
    public final DoubleConsumer progress;

    private final CountDownLatch end = new CountDownLatch(1);
    private volatile Supplier<BacktestResult> outcome;

    Run(BacktestRequest request, DoubleConsumer progress) {
      this.request = request;
      this.progress = progress;
    }

    /** Ends the run with the standard result. */
    public void succeed() {
      finish(() -> result(request));
    }

    /** Ends the run with what {@code result} returns or throws. */
    public void finish(Supplier<BacktestResult> result) {
      outcome = result;
      end.countDown();
    }
  }

  /** The next run to start, within 10 s. */
  public Run nextRun() throws InterruptedException {
    Run r = started.poll(10, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no run started within 10 s");
    }
    return r;
  }

  @Override
  public BacktestResult run(
      BacktestRequest request, DoubleConsumer progress, BooleanSupplier cancelled) {
    Run run = new Run(request, progress);
    started.add(run);
    try {
      while (!run.end.await(2, TimeUnit.MILLISECONDS)) {
        if (cancelled.getAsBoolean()) {
          throw new BacktestCancelledException("cancelled");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BacktestCancelledException("interrupted");
    }
    return run.outcome.get();
  }

  /** The activity of {@link #result}: one rule rejected orders, one symbol was skipped. */
  public static final RunActivity ACTIVITY =
      new RunActivity(
          1,
          2,
          2,
          List.of(
              new RunActivity.Rejections(
                  "max_position_pct", 3, "position 0.33 of equity would exceed 0.15")),
          List.of(new RunActivity.SkippedSymbol("ETHUSDT", "no 1h bars between X and Y")));

  /** Metrics like the spec's example (profit factor infinite: no losing trade). */
  public static Metrics metrics() {
    return new Metrics(
        0.0315,
        0.187,
        0.4,
        1.84,
        2.31,
        1.12,
        -0.142,
        1_000L,
        2_000L,
        0.638,
        Double.POSITIVE_INFINITY,
        12.43,
        247,
        14_820.4,
        0.42);
  }

  /** A result: three hourly equity points over two days, one trade. */
  public static BacktestResult result(BacktestRequest request) {
    long day = 86_400_000L;
    long t0 = 1_735_689_600_000L; // 2025-01-01T00:00:00Z
    EquityCurve curve =
        new EquityCurve(
            new long[] {t0, t0 + 3_600_000L, t0 + day}, new double[] {10_000, 10_010, 10_031.5});
    TradeRecord trade =
        new TradeRecord(
            "BTCUSDT", "long", t0, t0 + day, 0.1, 94_000, 94_315.5, 31.55, 0.9, -0.1, 30.55);
    return new BacktestResult(
        request,
        metrics(),
        curve,
        List.of(trade),
        new CostBreakdown(31.55, 0.9, 0, -0.1, 30.55),
        List.of(),
        ACTIVITY,
        100,
        5);
  }
}
