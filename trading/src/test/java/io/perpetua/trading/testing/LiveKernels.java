package io.perpetua.trading.testing;

import io.perpetua.core.Instrument;
import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.time.ManualClock;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.signals.strategy.RankLongShortStrategy;
import io.perpetua.trading.kernel.FundingSchedule;
import io.perpetua.trading.kernel.KernelConfig;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.KernelPorts;
import io.perpetua.trading.kernel.MarketPanel;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.port.InMemoryTradingJournal;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.venue.AsyncVenueBridge;
import io.perpetua.trading.venue.Reconciler;
import java.util.List;

/** The live-loop tests' kernel: {@code baseline_rev} 2 long / 2 short behind a venue bridge. */
public final class LiveKernels {
  private LiveKernels() {}

  /**
   * A kernel on account {@code account} trading through {@code bridge}, reconciled by {@code
   * reconciler} every step, recording every order it sends in {@code sent}; attached and resumed at
   * {@code startMs}.
   */
  public static TradingKernel baselineRev(
      String account,
      MarketPanel panel,
      List<Instrument> instruments,
      AsyncVenueBridge bridge,
      ManualClock clock,
      InMemoryTradingJournal journal,
      RiskEngine risk,
      Reconciler reconciler,
      List<Order> sent,
      long startMs) {
    KernelListener listener =
        new KernelListener() {
          @Override
          public void onOrderSent(Order order) {
            sent.add(order);
          }

          @Override
          public void onStep(int t, long timeMs, double equity) {
            reconciler.onStep(t, timeMs, equity);
          }
        };
    TradingKernel kernel =
        new TradingKernel(
            new KernelConfig(
                account, Money.parse("10000"), CronSchedule.parse("59 23 * * *"), 1, true),
            panel,
            FundingSchedule.none(),
            instruments,
            new RankLongShortStrategy(
                StrategyId.of("baseline_rev"),
                "default",
                List.of("zscore_neg_ret_2h", "zscore_neg_ret_4h"),
                new double[] {0.5, 0.5},
                2,
                2,
                1.0),
            AssetPoolDefinition.defaultPool(),
            new FeatureRegistry(),
            bridge,
            clock,
            new KernelPorts(journal, new InMemoryPlatformState(), listener, () -> 0L, risk));
    reconciler.attach(kernel);
    kernel.resume(startMs);
    return kernel;
  }
}
