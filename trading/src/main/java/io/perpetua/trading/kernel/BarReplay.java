package io.perpetua.trading.kernel;

import io.perpetua.core.Instrument;
import io.perpetua.core.Money;
import io.perpetua.core.event.FundingSettled;
import io.perpetua.core.time.ManualClock;
import io.perpetua.signals.PanelMarketView;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.risk.RiskEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The kernel's bar clock: steps the {@link MarketPanel}'s bars in time order, with the strategy
 * timers that fall between them (see {@link TradingKernel} for the event order at a bar close), and
 * checkpoints after each bar. Keeps the replay position and the funding settled since the last
 * checkpoint. Kernel thread only.
 */
final class BarReplay {
  /** The kernel's parts a bar close moves. */
  record Parts(
      KernelBook book, StrategySleeves sleeves, Rebalancer rebalancer, PipelineStage dataStage) {}

  private final KernelConfig config;
  private final MarketPanel panel;
  private final FundingSchedule funding;
  private final PriceDrivenVenue venue;
  private final KernelListener listener;
  private final ManualClock clock;
  private final PanelMarketView view;
  private final List<Instrument> instruments;
  private final RiskEngine risk;
  private final Parts parts;
  private final KernelRiskChecks riskChecks;
  private final IntConsumer checkpoint;
  private final Runnable publishAccount;
  private final List<FundingSettled> fundingDelta = new ArrayList<>();
  private Account account;
  private ExecutionService execution;
  private int nextStep;
  private int lastProcessedStep = -1;

  BarReplay(
      KernelConfig config,
      MarketPanel panel,
      FundingSchedule funding,
      PriceDrivenVenue venue,
      KernelListener listener,
      ManualClock clock,
      PanelMarketView view,
      List<Instrument> instruments,
      RiskEngine risk,
      Parts parts,
      boolean journaled,
      IntConsumer checkpoint,
      Runnable publishAccount) {
    this.config = config;
    this.panel = panel;
    this.funding = funding;
    this.venue = venue;
    this.listener = listener;
    this.clock = clock;
    this.view = view;
    this.instruments = instruments;
    this.risk = risk;
    this.parts = parts;
    this.riskChecks =
        new KernelRiskChecks(
            config,
            risk,
            parts.book(),
            instruments,
            venue,
            parts.sleeves().portfolioId(),
            journaled,
            () -> execution.cancelWorking(),
            parts.rebalancer()::close);
    this.checkpoint = checkpoint;
    this.publishAccount = publishAccount;
  }

  /**
   * The account and order path of a resumed kernel; the replay goes on with the first bar closing
   * at or after {@code fromMs}, the bars before it count as processed.
   */
  void resume(Account account, ExecutionService execution, long fromMs) {
    this.account = account;
    this.execution = execution;
    nextStep = firstStepClosingAtOrAfter(fromMs);
    if (panel.size() > 0) {
      // never schedule timers before the data begins, whatever the clock was created with
      clock.set(Math.max(clock.nowMillis(), panel.openTimes()[0]));
    }
    lastProcessedStep = nextStep - 1;
    if (nextStep > 0) {
      long t = panel.closeTime(nextStep - 1);
      clock.set(Math.max(clock.nowMillis(), t));
      parts.book().refresh(panel, nextStep - 1);
      view.moveTo(nextStep - 1, t);
    }
  }

  /** The risk step at each bar close. */
  KernelRiskChecks riskChecks() {
    return riskChecks;
  }

  /** The index of the next bar to step. */
  int nextStep() {
    return nextStep;
  }

  /** The last bar stepped ({@code -1} before the first). */
  int lastProcessedStep() {
    return lastProcessedStep;
  }

  /** True when a bar closing at or before {@code timeMs} is still to be stepped. */
  boolean dueBy(long timeMs) {
    return nextStep < panel.size() && panel.closeTime(nextStep) <= timeMs;
  }

  /** Funding settled since the last checkpoint. */
  List<FundingSettled> fundingDelta() {
    return fundingDelta;
  }

  /** True when no funding was settled and no snapshot taken since the last checkpoint. */
  boolean deltasEmpty() {
    return fundingDelta.isEmpty() && riskChecks.snapshots().isEmpty();
  }

  /**
   * Forgets the funding and snapshots of the last checkpoint (committed, or nothing keeps them).
   */
  void clearDeltas() {
    fundingDelta.clear();
    riskChecks.snapshots().clear();
  }

  int firstStepClosingAtOrAfter(long timeMs) {
    int lo = 0;
    int hi = panel.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (panel.closeTime(mid) < timeMs) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** See {@link TradingKernel#run}. */
  int run(Pacer pacer) {
    Rebalancer rebalancer = parts.rebalancer();
    int steps = 0;
    while (nextStep < panel.size()) {
      long closeTime = panel.closeTime(nextStep);
      while (rebalancer.nextTimerMs() < closeTime) {
        if (!pacer.awaitEventTime(rebalancer.nextTimerMs())) {
          return steps;
        }
        rebalancer.fire(rebalancer.nextTimerMs(), lastProcessedStep, riskChecks.halted());
      }
      if (!pacer.awaitEventTime(closeTime)) {
        return steps;
      }
      long stepStart = System.nanoTime();
      step(nextStep);
      listener.onStepLatency(nextStep, System.nanoTime() - stepStart);
      if (rebalancer.nextTimerMs() == closeTime) {
        rebalancer.fire(closeTime, lastProcessedStep, riskChecks.halted());
      }
      checkpoint.accept(nextStep);
      nextStep++;
      steps++;
    }
    Long last = panel.size() > 0 ? panel.closeTime(panel.size() - 1) : null;
    if (panel.growing()) {
      // live: caught up with the venue, waiting for the next bar to close
      parts
          .dataStage()
          .update(
              "running",
              last,
              null,
              Map.of("symbols_streaming", instruments.size(), "awaiting_bar", true));
    } else {
      parts
          .dataStage()
          .update("idle", last, null, Map.of("symbols_streaming", 0, "replay_finished", true));
    }
    return steps;
  }

  private void step(int t) {
    long closeTime = panel.closeTime(t);
    long prev = t > 0 ? panel.closeTime(t - 1) : closeTime - panel.barMillis();
    clock.set(closeTime);
    lastProcessedStep = t;
    view.moveTo(t, closeTime);
    if (risk.emergencyStopped()) {
      // the stop binds before any queued order can fill at this step's prices
      execution.cancelWorking();
    }
    KernelBook book = parts.book();
    for (int i = 0; i < instruments.size(); i++) {
      double c = panel.close(t, i);
      if (c > 0) {
        book.mark(i, c, closeTime);
        venue.onPrice(instruments.get(i).id(), c, closeTime);
      }
    }
    riskChecks.checkMaintenanceMargin(closeTime);
    funding.forEach(prev, closeTime, this::settleFunding);
    parts.sleeves().onStep(closeTime, book.marks, config.publishState());
    double equity = riskChecks.observe(closeTime);
    listener.onStep(t, closeTime, equity);
    if (config.publishState()) {
      publishAccount.run();
      parts
          .dataStage()
          .update(
              "running",
              closeTime,
              panel.closeTime(Math.min(t + 1, panel.size() - 1)),
              Map.of("symbols_streaming", streaming(t), "bars_remaining", panel.size() - 1 - t));
    }
  }

  private void settleFunding(int i, long time, double rate) {
    double mark = parts.book().marks[i];
    parts.sleeves().funding(i, rate, mark);
    // flat (the position mirror is exact): nothing to settle, no account lookup
    if (mark > 0 && parts.book().positionQty[i] != 0) {
      Money amount = account.settleFunding(instruments.get(i).id(), rate, mark);
      if (amount.signum() != 0) {
        FundingSettled e = new FundingSettled(time, instruments.get(i).id(), rate, amount);
        fundingDelta.add(e);
        listener.onEvent(e);
      }
    }
  }

  private int streaming(int t) {
    int count = 0;
    for (int i = 0; i < instruments.size(); i++) {
      if (panel.close(t, i) > 0) {
        count++;
      }
    }
    return count;
  }
}
