package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.event.Event;
import io.perpetua.core.order.Order;
import io.perpetua.core.time.Times;
import io.perpetua.trading.lifecycle.CandidateGates;
import io.perpetua.trading.lifecycle.CandidateLink;
import io.perpetua.trading.lifecycle.GateConfig;
import io.perpetua.trading.lifecycle.InMemoryLifecycleStore;
import io.perpetua.trading.lifecycle.LifecycleEvent;
import io.perpetua.trading.lifecycle.LifecycleService;
import io.perpetua.trading.lifecycle.RunningCandidate;
import io.perpetua.trading.lifecycle.Stage;
import io.perpetua.trading.portfolio.TargetNetting;
import io.perpetua.trading.registry.InMemoryRegistryStore;
import io.perpetua.trading.registry.NavPoint;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 items 1–2 on a real kernel (paper, simulated venue, the shared hourly Binance bars of
 * {@link BanditAllocationRealDataTest}, 2025-09-01 to 2025-11-01): a strategy's shadow candidate
 * runs beside it without changing one order and records what it would have done; a canary trades
 * its slice (10 % of the strategy's capital) through the netting; a canary breaching its gates is
 * rolled back from the kernel's day-end evaluation, with nobody calling {@code evaluate}.
 */
class CandidateSleevesRealDataTest {
  static final String NAME = "rev_4h";
  static final Map<String, Object> CANDIDATE = Map.of("long_n", 8, "short_n", 8);

  @BeforeAll
  static void load() throws Exception {
    BanditAllocationRealDataTest.load();
  }

  /** One simulation's results. */
  record Run(
      List<Order> orders,
      List<CandidateLink.LiveRecord> records,
      LifecycleService lifecycle,
      TradingKernel kernel) {}

  static Run simulate(GateConfig gates, Stage stage) {
    StrategyRegistry registry =
        new StrategyRegistry(
            StrategyRegistry.SINGLE,
            List.of(
                BanditAllocationRealDataTest.rank(
                    NAME, List.of("zscore_neg_ret_4h"), new double[] {1}, 4, "59 23 * * *", 1)),
            Set.of(NAME),
            new InMemoryRegistryStore(),
            () -> BanditAllocationRealDataTest.START);
    long[] now = {BanditAllocationRealDataTest.START};
    LifecycleService lifecycle =
        new LifecycleService(registry, new InMemoryLifecycleStore(), gates, () -> now[0]);
    if (stage != null) {
      candidate(lifecycle, stage);
    }
    // the reference distribution: the stable version's own live daily returns
    CandidateGates.Reference reference = v -> returns(registry.navs(NAME, Long.MIN_VALUE));
    CandidateGates gateway = new CandidateGates(lifecycle, reference, 2.0);
    List<CandidateLink.LiveRecord> records = new ArrayList<>();
    CandidateLink link =
        new CandidateLink() {
          @Override
          public Optional<RunningCandidate> running(String strategy) {
            return gateway.running(strategy);
          }

          @Override
          public void dayEnded(String strategy, LiveRecord record) {
            records.add(record);
            gateway.dayEnded(strategy, record);
          }
        };
    List<Order> orders = new ArrayList<>();
    KernelListener listener =
        new KernelListener() {
          @Override
          public void onOrderSent(Order o) {
            orders.add(o);
          }

          @Override
          public void onEvent(Event e) {}

          @Override
          public void onStep(int t, long timeMs, double equity) {
            now[0] = timeMs;
          }
        };
    TradingKernel k = BanditAllocationRealDataTest.kernel(registry, listener);
    if (stage != null) {
      k.useCandidates(link);
    }
    k.resume(BanditAllocationRealDataTest.START);
    k.run(Pacer.unpaced());
    return new Run(orders, records, lifecycle, k);
  }

  static void candidate(LifecycleService lifecycle, Stage stage) {
    lifecycle.createCandidate(NAME, CANDIDATE, "wider book", "alice", null, null);
    String id = lifecycle.state(NAME).candidateId();
    lifecycle.promote(NAME, id, "shadow", "alice", "shadow it");
    if (stage == Stage.CANARY) {
      lifecycle.promote(NAME, id, "canary", "alice", "canary it");
    }
  }

  static double[] returns(List<NavPoint> navs) {
    double[] r = new double[Math.max(0, navs.size() - 1)];
    for (int i = 1; i < navs.size(); i++) {
      r[i - 1] = navs.get(i).nav() / navs.get(i - 1).nav() - 1;
    }
    return r;
  }

  /** Gates that decide nothing in two months (too few days): the stage holds. */
  static final GateConfig HOLD = new GateConfig(0.10, 0.0, 0.20, 0.05, 5.0, 20, 1000);

  @Test
  void shadow_sendsNoOrder_andRecordsWhatItWouldHaveDone() {
    Run stable = simulate(HOLD, null);
    Run shadow = simulate(HOLD, Stage.SHADOW);
    assertThat(stable.orders()).isNotEmpty();
    // not one order more or different: the shadow candidate does not trade
    assertThat(BanditAllocationRealDataTest.quantities(shadow.orders()))
        .isEqualTo(BanditAllocationRealDataTest.quantities(stable.orders()));
    // ... and it recorded what it would have done: a book that traded, day by day
    CandidateLink.LiveRecord last = shadow.records().getLast();
    assertThat(last.stage()).isEqualTo(Stage.SHADOW);
    assertThat(last.dailyReturns().length).isGreaterThan(50);
    assertThat(last.trades()).isGreaterThan(100);
    var candidate = shadow.kernel().sleeves().candidates().running().get(NAME);
    assertThat(candidate.book.daily()).hasSizeGreaterThan(50);
    assertThat(candidate.weights).isNotEqualTo(shadow.kernel().sleeves().sleeves().get(0).weights);
    // the stage never moved (too few days for the gates)
    assertThat(shadow.lifecycle().state(NAME).candidateStage()).isEqualTo(Stage.SHADOW);
    System.out.println(
        "shadow: " + last.dailyReturns().length + " days, " + last.trades() + " would-be fills");
  }

  @Test
  void canary_tradesItsSliceOfTheStrategysCapital_throughTheNetting() {
    Run shadow = simulate(HOLD, Stage.SHADOW);
    Run canary = simulate(HOLD, Stage.CANARY);
    // it trades: the account's orders are not the stable version's alone
    assertThat(BanditAllocationRealDataTest.quantities(canary.orders()))
        .isNotEqualTo(BanditAllocationRealDataTest.quantities(shadow.orders()));
    // the netting's sleeves: the canary is sized on 10 % of the strategy's capital, the stable
    // version on the other 90 %
    TradingKernel k = canary.kernel();
    double equity = k.equity();
    List<TargetNetting.SleeveTarget> targets = k.sleeves().targets(equity);
    assertThat(targets).hasSize(2);
    assertThat(targets.get(0).strategy().value()).isEqualTo(NAME);
    assertThat(targets.get(0).capital()).isCloseTo(0.9 * equity, Offset.offset(1e-6));
    assertThat(targets.get(1).strategy().value()).isEqualTo(NAME + "-v2");
    assertThat(targets.get(1).capital()).isCloseTo(0.1 * equity, Offset.offset(1e-6));
    // every canary decision's gross is its slice's (weights sum to at most 1 per side)
    double gross = 0;
    for (double w : targets.get(1).weights()) {
      gross += Math.abs(w);
    }
    assertThat(gross * targets.get(1).capital()).isLessThanOrEqualTo(2 * 0.1 * equity + 1e-6);
    assertThat(canary.records().getLast().stage()).isEqualTo(Stage.CANARY);
  }

  @Test
  void breachingCanary_isRolledBackByTheKernelsDayEnd_withTheBreachRecorded() {
    // strict gates (drawdown 2 %, return >= 0) after 3 days: a breach on the real data
    GateConfig strict = new GateConfig(0.10, 0.0, 0.02, 0.05, 5.0, 0, 3);
    Run run = simulate(strict, Stage.CANARY);
    var state = run.lifecycle().state(NAME);
    assertThat(state.candidateId()).isNull();
    LifecycleEvent rollback =
        run.lifecycle().events(NAME).stream()
            .filter(e -> LifecycleEvent.ROLLED_BACK.equals(e.kind()))
            .findFirst()
            .orElseThrow();
    assertThat(rollback.actor()).isEqualTo(LifecycleService.SYSTEM);
    assertThat(rollback.reason())
        .matches("gate breach: (annualised_return|max_drawdown|ks_p_value).*");
    assertThat(rollback.evidence()).containsKey("gates");
    assertThat(rollback.atMs())
        .isBetween(BanditAllocationRealDataTest.START, BanditAllocationRealDataTest.END);
    // the kernel dropped the candidate: the stable version trades the strategy's whole capital
    TradingKernel k = run.kernel();
    assertThat(k.sleeves().candidates().running()).isEmpty();
    List<TargetNetting.SleeveTarget> targets = k.sleeves().targets(k.equity());
    assertThat(targets).hasSize(1);
    assertThat(targets.get(0).capital()).isCloseTo(k.equity(), Offset.offset(1e-6));
    System.out.println(
        "rolled back at "
            + Times.iso(rollback.atMs())
            + ": "
            + rollback.reason()
            + " "
            + rollback.evidence());
  }
}
