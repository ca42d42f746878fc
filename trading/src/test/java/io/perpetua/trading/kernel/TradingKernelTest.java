package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.event.Event;
import io.perpetua.core.event.FundingSettled;
import io.perpetua.core.event.OrderFilled;
import io.perpetua.core.order.Order;
import io.perpetua.readmodel.InMemoryPlatformState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradingKernelTest {
  private final KernelFixture fixture = new KernelFixture(80, 24 * 20, 7);

  /** The five pipeline stages, in pipeline order. */
  private static final List<String> STAGES =
      List.of(
          "data_ingestion",
          "asset_pool",
          "feature_calculation",
          "signal_generation",
          "order_execution");

  private static class Recorder implements KernelListener {
    final List<Order> sent = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    double lastEquity;

    @Override
    public void onEvent(Event e) {
      events.add(e);
    }

    @Override
    public void onOrderSent(Order o) {
      sent.add(o);
    }

    @Override
    public void onStep(int t, long time, double equity) {
      lastEquity = equity;
    }
  }

  @Test
  void run_rebalancesDaily_30Long30Short_publishesSignalAndAccount() {
    InMemoryPlatformState state = new InMemoryPlatformState();
    Recorder rec = new Recorder();
    TradingKernel k =
        fixture.kernel(
            new KernelPorts(new MemoryJournal(), state, rec, () -> 0L), FundingSchedule.none());
    k.resume(KernelFixture.START);
    k.run(Pacer.unpaced());
    assertThat(k.rebalances()).isEqualTo(20);
    var signal = state.latestSignal().orElseThrow();
    assertThat(signal.targets().stream().filter(p -> p.side().equals("long"))).hasSize(30);
    assertThat(signal.targets().stream().filter(p -> p.side().equals("short"))).hasSize(30);
    assertThat(signal.symbolsInPool()).isEqualTo(80);
    var positions = state.positions().orElseThrow();
    assertThat(positions.longCount()).isEqualTo(30);
    assertThat(positions.shortCount()).isEqualTo(30);
    var balance = state.balance().orElseThrow();
    assertThat(balance.totalEquity()).isCloseTo(k.equity(), within(1e-6));
    assertThat(balance.totalEquity()).isCloseTo(rec.lastEquity, within(1e-6));
    assertThat(state.stages()).extracting(s -> s.name()).containsExactlyElementsOf(STAGES);
  }

  /**
   * A rebalance's execution time is wall-clock time from its start to its last fill, not the
   * replay's jump from the decision to the next bar: here the wall clock moves 25 ms per order sent
   * and nothing else, so each rebalance took exactly 25 ms per order it sent.
   */
  @Test
  void rebalanceCompleted_executionTimeIsWallClock_startAndDryRunRecorded() {
    java.util.concurrent.atomic.AtomicLong wall = new java.util.concurrent.atomic.AtomicLong();
    Recorder rec =
        new Recorder() {
          @Override
          public void onOrderSent(Order o) {
            super.onOrderSent(o);
            wall.addAndGet(25);
          }
        };
    TradingKernel k =
        fixture.kernel(
            new KernelPorts(new MemoryJournal(), new InMemoryPlatformState(), rec, wall::get),
            FundingSchedule.none());
    k.resume(KernelFixture.START);
    k.run(Pacer.unpaced());
    List<io.perpetua.core.event.RebalanceCompleted> done =
        rec.events.stream()
            .filter(e -> e instanceof io.perpetua.core.event.RebalanceCompleted)
            .map(e -> (io.perpetua.core.event.RebalanceCompleted) e)
            .toList();
    assertThat(done).hasSize(20);
    for (var r : done) {
      long sent = rec.sent.stream().filter(o -> r.rebalanceId().equals(o.rebalanceId())).count();
      assertThat(sent).isPositive();
      assertThat(r.executionTimeMs()).as(r.toString()).isEqualTo(25 * sent);
      assertThat(r.startedAtMs()).isLessThan(r.eventTimeMs()); // filled at the next bar
      assertThat(r.dryRun()).isTrue();
    }
  }

  /**
   * No service heartbeat (so no "healthy") before the kernel has published its state; once resumed,
   * before the first step, the account and all five pipeline stages are there.
   */
  @Test
  void resume_publishesAccountAndEveryStage_beforeAnyHeartbeat() {
    InMemoryPlatformState state = new InMemoryPlatformState();
    TradingKernel k =
        fixture.kernel(
            new KernelPorts(new MemoryJournal(), state, new Recorder(), () -> 0L),
            FundingSchedule.none());
    k.heartbeat(); // the platform's ticker may fire between construction and resume
    assertThat(state.heartbeats()).isEmpty();
    assertThat(state.balance()).isEmpty();
    k.resume(KernelFixture.START);
    assertThat(state.balance()).isPresent();
    assertThat(state.balance().orElseThrow().totalEquity()).isEqualTo(10_000);
    assertThat(state.stages()).extracting(s -> s.name()).containsExactlyElementsOf(STAGES);
    assertThat(state.stages())
        .filteredOn(s -> !s.name().equals("data_ingestion"))
        .allSatisfy(s -> assertThat(s.nextRunMs()).isNotNull());
    assertThat(state.heartbeats()).hasSize(5);
  }

  @Test
  void resume_fromBeforeTheData_startsAtTheFirstBar() {
    TradingKernel k = fixture.kernel(KernelPorts.backtest(new Recorder()), FundingSchedule.none());
    k.resume(Long.MIN_VALUE);
    assertThat(k.now()).isEqualTo(KernelFixture.START);
    assertThat(k.run(Pacer.unpaced())).isEqualTo(24 * 20);
    assertThat(k.rebalances()).isEqualTo(20);
  }

  @Test
  void run_twice_sameOrders_deterministic() {
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    TradingKernel k1 = fixture.kernel(KernelPorts.backtest(a), FundingSchedule.none());
    k1.resume(KernelFixture.START);
    k1.run(Pacer.unpaced());
    TradingKernel k2 = fixture.kernel(KernelPorts.backtest(b), FundingSchedule.none());
    k2.resume(KernelFixture.START);
    k2.run(Pacer.unpaced());
    assertThat(a.sent).isNotEmpty().isEqualTo(b.sent);
    assertThat(k1.equity()).isEqualTo(k2.equity());
  }

  @Test
  void paperWithJournal_andBacktest_sendSameOrders() {
    Recorder bt = new Recorder();
    TradingKernel backtest = fixture.kernel(KernelPorts.backtest(bt), FundingSchedule.none());
    backtest.resume(KernelFixture.START);
    backtest.run(Pacer.unpaced());
    Recorder paper = new Recorder();
    TradingKernel p =
        fixture.kernel(
            new KernelPorts(new MemoryJournal(), new InMemoryPlatformState(), paper, () -> 0L),
            FundingSchedule.none());
    p.resume(KernelFixture.START);
    p.run(Pacer.unpaced());
    assertThat(paper.sent).isEqualTo(bt.sent);
  }

  @Test
  void fundingAndFees_addUpToEquityChange() {
    Recorder rec = new Recorder();
    TradingKernel k = fixture.kernel(KernelPorts.backtest(rec), fixture.funding(0.0003));
    k.resume(KernelFixture.START);
    k.run(Pacer.unpaced());
    double funding =
        rec.events.stream()
            .filter(e -> e instanceof FundingSettled)
            .mapToDouble(e -> ((FundingSettled) e).amount().toDouble())
            .sum();
    double fees =
        rec.events.stream()
            .filter(e -> e instanceof OrderFilled)
            .mapToDouble(e -> ((OrderFilled) e).fill().fee().toDouble())
            .sum();
    var acc = k.account();
    assertThat(funding).isNotZero().isCloseTo(acc.totalFunding().toDouble(), within(1e-6));
    assertThat(fees).isPositive().isCloseTo(acc.totalFees().toDouble(), within(1e-6));
    double unrealized = k.equity() - acc.wallet().toDouble();
    assertThat(k.equity() - 10_000)
        .isCloseTo(acc.totalRealized().toDouble() + unrealized - fees + funding, within(1e-6));
  }

  /** Crash between a rebalance decision and its fills, restart: same end state, no duplicates. */
  @Test
  void crashMidRebalance_resume_noDuplicateOrdersOrFills_sameFinalState() {
    MemoryJournal reference = new MemoryJournal();
    TradingKernel full =
        fixture.kernel(
            new KernelPorts(reference, new InMemoryPlatformState(), new Recorder(), () -> 0L),
            FundingSchedule.none());
    full.resume(KernelFixture.START);
    full.run(Pacer.unpaced());

    HistoryJournal history = new HistoryJournal();
    MemoryJournal journal = history.memory;
    Recorder first = new Recorder();
    TradingKernel k1 =
        fixture.kernel(
            new KernelPorts(history, new InMemoryPlatformState(), first, () -> 0L),
            FundingSchedule.none());
    k1.resume(KernelFixture.START);
    // stop at the first bar close after the 4th rebalance timer: its orders are sent, not filled
    int[] timers = {0};
    k1.run(
        t -> {
          if (t % 3_600_000L != 0) {
            timers[0]++;
            return true;
          }
          return timers[0] < 4;
        });
    assertThat(journal.rebalances).hasSize(3);
    // the 4th rebalance's orders were journaled as intended before they were sent
    assertThat(journal.orders.keySet())
        .containsExactlyInAnyOrderElementsOf(
            first.sent.stream().map(Order::clientOrderId).toList());
    assertThat(journal.orders.values())
        .filteredOn(r -> r.status() == io.perpetua.core.order.OrderStatus.PENDING)
        .isNotEmpty();
    long fillsBefore = journal.fillCount();

    Recorder second = new Recorder();
    TradingKernel k2 =
        fixture.kernel(
            new KernelPorts(history, new InMemoryPlatformState(), second, () -> 0L),
            FundingSchedule.none());
    k2.resume(KernelFixture.START);
    k2.run(Pacer.unpaced());

    assertThat(journal.fillCount()).isGreaterThan(fillsBefore).isEqualTo(reference.fillCount());
    assertThat(journal.orders.keySet()).isEqualTo(reference.orders.keySet());
    assertThat(journal.accounts.get("paper")).isEqualTo(reference.accounts.get("paper"));
    assertThat(k2.equity()).isEqualTo(full.equity());
  }

  /** A 99.9 % maintenance margin on a fully invested book liquidates at the first small loss. */
  @Test
  void maintenanceMargin_breached_liquidatesEverything() {
    Recorder rec = new Recorder();
    TradingKernel k = fixture.kernel(KernelPorts.backtest(rec), FundingSchedule.none(), 0.999);
    k.resume(KernelFixture.START);
    k.run(Pacer.unpaced());
    assertThat(k.liquidations()).isPositive();
    assertThat(rec.events)
        .filteredOn(
            e ->
                e instanceof io.perpetua.core.event.RebalanceCompleted r
                    && r.trigger().equals("liquidation"))
        .isNotEmpty();
  }

  /**
   * On every bar: equity − capital = realised + unrealised − fees + funding, with the account's
   * exact totals; and the equity the kernel reports is wallet + unrealised at the bar's marks.
   */
  @Test
  void accountingIdentity_holdsOnEveryBar() {
    TradingKernel[] holder = new TradingKernel[1];
    int[] checked = {0};
    KernelListener identity =
        new KernelListener() {
          @Override
          public void onStep(int t, long time, double equity) {
            var acc = holder[0].account();
            double unrealized = acc.unrealizedPnl(id -> fixture.lastClose(id, t));
            assertThat(equity).isCloseTo(acc.wallet().toDouble() + unrealized, within(1e-6));
            assertThat(equity - 10_000)
                .isCloseTo(
                    acc.totalRealized().toDouble()
                        + unrealized
                        - acc.totalFees().toDouble()
                        + acc.totalFunding().toDouble(),
                    within(1e-6));
            checked[0]++;
          }
        };
    holder[0] = fixture.kernel(KernelPorts.backtest(identity), fixture.funding(0.0002));
    holder[0].resume(KernelFixture.START);
    holder[0].run(Pacer.unpaced());
    assertThat(checked[0]).isEqualTo(24 * 20);
    assertThat(holder[0].account().totalFunding().signum()).isNotZero();
  }

  private static io.perpetua.signals.strategy.RankLongShortStrategy rank(int n) {
    return new io.perpetua.signals.strategy.RankLongShortStrategy(
        io.perpetua.core.StrategyId.of("hourly"),
        "default",
        java.util.List.of("zscore_neg_ret_2h"),
        new double[] {1.0},
        n,
        n,
        1.0);
  }

  /** Hourly decisions: distinct rebalance and client order ids, nothing refused as a duplicate. */
  @Test
  void hourlyRebalances_neverRepeatClientOrderIds() {
    Recorder rec = new Recorder();
    TradingKernel k = fixture.kernel(KernelPorts.backtest(rec), rank(10), "30 * * * *", 0);
    k.resume(KernelFixture.START);
    k.run(Pacer.unpaced());
    assertThat(k.rebalances()).isEqualTo(24 * 20 - 1);
    assertThat(rec.events).noneMatch(e -> e instanceof io.perpetua.core.event.OrderRejected);
    assertThat(rec.sent.stream().map(o -> o.clientOrderId()).distinct().count())
        .isEqualTo(rec.sent.size());
    assertThat(rec.sent.stream().map(o -> o.rebalanceId()).distinct().count()).isGreaterThan(400);
  }

  /** A timer at a bar's close time decides on that bar, not the one before. */
  @Test
  void timerAtBarClose_seesThatBar() {
    List<long[]> seen = new ArrayList<>();
    var base = rank(5);
    var capturing =
        new io.perpetua.signals.strategy.CrossSectionalStrategy() {
          @Override
          public io.perpetua.core.StrategyId id() {
            return base.id();
          }

          @Override
          public String poolName() {
            return base.poolName();
          }

          @Override
          public List<String> requiredFeatures() {
            return base.requiredFeatures();
          }

          @Override
          public java.util.Map<String, Object> parameters() {
            return base.parameters();
          }

          @Override
          public io.perpetua.signals.strategy.StrategyDecision decide(
              io.perpetua.signals.MarketView view, boolean[] pool, List<double[]> f) {
            seen.add(new long[] {view.time(), Double.doubleToLongBits(view.close(0, 0))});
            return base.decide(view, pool, f);
          }
        };
    TradingKernel k =
        fixture.kernel(KernelPorts.backtest(new Recorder()), capturing, "0 * * * *", 0);
    k.resume(KernelFixture.START);
    k.run(Pacer.unpaced());
    assertThat(seen).hasSizeGreaterThan(400);
    for (long[] s : seen) {
      int bar = (int) ((s[0] - KernelFixture.START) / 3_600_000L) - 1; // the bar closing at s[0]
      assertThat(Double.longBitsToDouble(s[1])).isEqualTo(fixture.panel.close(bar, 0));
    }
  }

  /** An instrument without prices for days cannot stall the decisions of all the others. */
  @Test
  void priceGap_doesNotStallRebalances() {
    KernelFixture gapped = new KernelFixture(80, 24 * 20, 7);
    int n = 80;
    for (int t = 24 * 3; t < 24 * 8; t++) {
      for (int i = 0; i < 10; i++) {
        gapped.panel.close()[t * n + i] = Double.NaN;
      }
    }
    Recorder rec = new Recorder();
    TradingKernel k = gapped.kernel(KernelPorts.backtest(rec), FundingSchedule.none());
    k.resume(KernelFixture.START);
    k.run(Pacer.unpaced());
    assertThat(k.rebalances()).isEqualTo(20);
    assertThat(rec.events)
        .filteredOn(
            e -> e instanceof io.perpetua.core.event.RebalanceCompleted r && r.ordersFailed() > 0)
        .as("orders stuck on the gapped instruments were superseded")
        .isNotEmpty();
  }
}
