package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.core.event.Event;
import io.perpetua.core.order.Order;
import io.perpetua.core.time.ManualClock;
import io.perpetua.core.time.Times;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.signals.strategy.RankLongShortStrategy;
import io.perpetua.trading.registry.ConfigChange;
import io.perpetua.trading.registry.InMemoryRegistryStore;
import io.perpetua.trading.registry.StrategyDefinition;
import io.perpetua.trading.registry.StrategyRegistry;
import io.perpetua.trading.registry.StrategyView;
import io.perpetua.trading.venue.SimulatedVenue;
import io.perpetua.trading.venue.SimulatedVenueConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Several strategies in one kernel: netting, virtual books, toggles and controlled changes. */
class MultiStrategyKernelTest {
  private final KernelFixture fixture = new KernelFixture(60, 24 * 20, 11);
  private final InMemoryRegistryStore store = new InMemoryRegistryStore();
  private final List<Order> sent = new ArrayList<>();

  static StrategyDefinition rank(
      String name, List<String> features, int n, int rebalanceDays, double weight) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("features", features);
    params.put("long_n", n);
    params.put("short_n", n);
    return new StrategyDefinition(
        name,
        name,
        "",
        "default",
        "59 23 * * *",
        rebalanceDays,
        weight,
        params,
        List.of("time_bar"),
        p -> new RankLongShortStrategy.Factory().create(StrategyId.of(name), "default", p));
  }

  StrategyRegistry registry(String mode, Set<String> active) {
    return new StrategyRegistry(
        mode,
        List.of(
            rank("baseline_rev", List.of("zscore_neg_ret_2h", "zscore_neg_ret_4h"), 5, 1, 0.3),
            rank("rev_2h", List.of("zscore_neg_ret_2h"), 3, 1, 0.3),
            rank("mom_24h", List.of("zscore_ret_24h"), 4, 2, 0.4)),
        active,
        store,
        () -> 1_700_000_000_000L);
  }

  TradingKernel kernel(StrategyRegistry registry, InMemoryPlatformState state) {
    ManualClock clock = new ManualClock(Long.MIN_VALUE / 2);
    Map<InstrumentId, Instrument> byId = new HashMap<>();
    fixture.instruments.forEach(x -> byId.put(x.id(), x));
    SimulatedVenue venue = new SimulatedVenue(byId, SimulatedVenueConfig.defaults(), clock);
    KernelConfig config =
        new KernelConfig("paper", Money.parse("10000"), CronSchedule.parse("59 23 * * *"), 1, true);
    KernelListener rec =
        new KernelListener() {
          @Override
          public void onOrderSent(Order o) {
            sent.add(o);
          }

          @Override
          public void onEvent(Event e) {}
        };
    return new TradingKernel(
        config,
        fixture.panel,
        FundingSchedule.none(),
        fixture.instruments,
        registry,
        Map.of("default", AssetPoolDefinition.defaultPool()),
        new FeatureRegistry(),
        0.0005,
        venue,
        clock,
        new KernelPorts(new MemoryJournal(), state, rec, () -> 0L));
  }

  private static long day(int d) {
    return KernelFixture.START + d * Times.DAY_MS;
  }

  @Test
  void ensemble_threeStrategiesRunInOneKernel_oneOrderSetPerRebalance_booksPerStrategy() {
    StrategyRegistry registry =
        registry(StrategyRegistry.ENSEMBLE, Set.of("baseline_rev", "rev_2h", "mom_24h"));
    InMemoryPlatformState state = new InMemoryPlatformState();
    TradingKernel k = kernel(registry, state);
    k.resume(KernelFixture.START);
    k.run(Pacer.unpaced());

    assertThat(k.rebalances()).isEqualTo(20);
    for (StrategyView v : registry.list()) {
      assertThat(v.status()).isEqualTo("active");
      assertThat(v.lastSignalMs()).as(v.name()).isNotNull();
      assertThat(v.performance()).as(v.name()).isNotNull();
      assertThat(v.performance().totalReturn()).as(v.name()).isNotEqualTo(0.0);
      assertThat(registry.navs(v.name(), Long.MIN_VALUE)).hasSizeGreaterThan(15);
    }
    // mom_24h rebalances every 2 days: about half as many decisions
    long mom =
        store.coverage(Long.MIN_VALUE, Long.MAX_VALUE).stream()
            .filter(c -> c.strategy().equals("mom_24h"))
            .count();
    long base =
        store.coverage(Long.MIN_VALUE, Long.MAX_VALUE).stream()
            .filter(c -> c.strategy().equals("baseline_rev"))
            .count();
    assertThat(base).isEqualTo(20);
    assertThat(mom).isEqualTo(10);
    // one netted order set: every order carries the ensemble, at most one per symbol per rebalance
    assertThat(sent).isNotEmpty().allMatch(o -> o.strategy().value().equals("ensemble"));
    Map<String, Long> perRebalanceSymbol = new HashMap<>();
    for (Order o : sent) {
      perRebalanceSymbol.merge(o.rebalanceId().value() + o.instrument(), 1L, Long::sum);
    }
    assertThat(perRebalanceSymbol.values()).allMatch(c -> c == 1L);
    var signal = state.latestSignal().orElseThrow();
    assertThat(signal.strategyName()).isEqualTo("ensemble");
  }

  /** Single mode through the registry is the single-strategy kernel of before, order for order. */
  @Test
  void singleModeRegistry_tradesExactlyLikeTheSingleStrategyKernel() {
    StrategyRegistry registry = registry(StrategyRegistry.SINGLE, Set.of("baseline_rev"));
    TradingKernel multi = kernel(registry, new InMemoryPlatformState());
    multi.resume(KernelFixture.START);
    multi.run(Pacer.unpaced());
    List<Order> viaRegistry = List.copyOf(sent);
    sent.clear();

    var strategy =
        new RankLongShortStrategy.Factory()
            .create(
                StrategyId.of("baseline_rev"),
                "default",
                registry.definition("baseline_rev").parameters());
    KernelListener rec =
        new KernelListener() {
          @Override
          public void onOrderSent(Order o) {
            sent.add(o);
          }
        };
    TradingKernel single =
        fixture.kernel(
            new KernelPorts(new MemoryJournal(), new InMemoryPlatformState(), rec, () -> 0L),
            strategy,
            "59 23 * * *",
            1);
    single.resume(KernelFixture.START);
    single.run(Pacer.unpaced());

    assertThat(viaRegistry).hasSameSizeAs(sent).isNotEmpty();
    for (int i = 0; i < sent.size(); i++) {
      assertThat(viaRegistry.get(i).clientOrderId()).isEqualTo(sent.get(i).clientOrderId());
      assertThat(viaRegistry.get(i).quantity()).isEqualTo(sent.get(i).quantity());
      assertThat(viaRegistry.get(i).side()).isEqualTo(sent.get(i).side());
    }
    assertThat(multi.equity()).isEqualTo(single.equity());
    // the journal's cursor values hold 1024 characters
    assertThat(sleevesOf(multi).exportState().values()).allMatch(v -> v.length() <= 1024);
  }

  @Test
  void toggleOff_noNewDecisionsFromIt_itsShareUnwoundAtNextRebalance_historyKept() {
    StrategyRegistry registry =
        registry(StrategyRegistry.ENSEMBLE, Set.of("baseline_rev", "rev_2h", "mom_24h"));
    TradingKernel k = kernel(registry, new InMemoryPlatformState());
    k.resume(KernelFixture.START);
    k.run(t -> t < day(10));
    Long lastSignal = registry.view("rev_2h").lastSignalMs();
    int decisionsBefore = coverageCount("rev_2h");
    assertThat(lastSignal).isNotNull();

    registry.toggle("rev_2h", "deactivate", "drawdown review", "alice");
    k.run(t -> t < day(12));

    assertThat(registry.view("rev_2h").status()).isEqualTo("inactive");
    assertThat(registry.view("rev_2h").lastSignalMs()).isEqualTo(lastSignal);
    assertThat(coverageCount("rev_2h")).isEqualTo(decisionsBefore);
    assertThat(coverageCount("baseline_rev")).isGreaterThan(decisionsBefore);
    // its virtual book went flat at the next rebalance; its history stays
    assertThat(registry.navs("rev_2h", Long.MIN_VALUE)).hasSizeGreaterThanOrEqualTo(10);
    assertThat(store.statusChanges())
        .singleElement()
        .satisfies(c -> assertThat(c.reason()).isEqualTo("drawdown review"));
    // the account now holds the netted targets of the two others only
    var sleeves = sleevesOf(k);
    for (var s : sleeves.sleeves()) {
      if (s.name.equals("rev_2h")) {
        assertThat(s.flat()).isTrue();
        for (int i = 0; i < fixture.instruments.size(); i++) {
          assertThat(s.book.quantity(i)).isZero();
        }
      }
    }
  }

  @Test
  void changeAtNextRebalance_changesNothingBefore_appliesAtIt() {
    StrategyRegistry registry =
        registry(StrategyRegistry.ENSEMBLE, Set.of("baseline_rev", "rev_2h", "mom_24h"));
    InMemoryPlatformState state = new InMemoryPlatformState();
    TradingKernel k = kernel(registry, state);
    k.resume(KernelFixture.START);
    long timer = day(9) + 23 * Times.HOUR_MS + 59 * 60_000L;
    k.run(t -> t < day(9));
    ConfigChange cr =
        registry.submit("baseline_rev", Map.of("long_n", 2), "fewer longs", null, "alice");
    assertThat(cr.status()).isEqualTo("pending_review");
    assertThat(cr.changes().get("long_n").oldValue()).isEqualTo(5);
    ConfigChange approved = registry.approve(cr.id(), "bob");
    assertThat(approved.status()).isEqualTo("approved");

    k.run(t -> t < timer); // up to the next rebalance: nothing changes
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 5);
    assertThat(registry.view("baseline_rev").configVersion()).isEqualTo("v1");
    assertThat(longs(k, "baseline_rev")).isEqualTo(5);

    k.run(t -> t <= timer);
    assertThat(registry.view("baseline_rev").parameters()).containsEntry("long_n", 2);
    assertThat(registry.view("baseline_rev").configVersion()).isEqualTo("v2");
    assertThat(longs(k, "baseline_rev")).isEqualTo(2);
    ConfigChange applied = registry.history("baseline_rev").get(0);
    assertThat(applied.status()).isEqualTo("applied");
    assertThat(applied.appliedAtMs()).isEqualTo(timer);
    assertThat(applied.version()).isEqualTo("v2");
  }

  /** Journal cursor values hold 1024 characters: a sleeve's long state is split and joined. */
  @Test
  void cursorChunks_splitLongValues_andJoinThem() {
    Map<String, String> cursor = new HashMap<>();
    String weights = "17:0.016666666666666666,".repeat(100);
    CursorChunks.put(cursor, "sleeve.a.weights", weights);
    assertThat(cursor.values()).allMatch(v -> v.length() <= 1024);
    assertThat(cursor).hasSize(4);
    assertThat(CursorChunks.get(cursor, "sleeve.a.weights")).isEqualTo(weights);
    assertThat(CursorChunks.get(cursor, "sleeve.b.weights")).isNull();
  }

  /** A strategy whose decision fails goes to error; the kernel and the others keep trading. */
  @Test
  void failingStrategy_goesToError_othersKeepTrading() {
    StrategyDefinition broken = broken();
    StrategyRegistry registry =
        new StrategyRegistry(
            StrategyRegistry.ENSEMBLE,
            List.of(rank("baseline_rev", List.of("zscore_neg_ret_2h"), 5, 1, 0.5), broken),
            Set.of("baseline_rev", "broken"),
            store,
            () -> 0L);
    TradingKernel k = kernel(registry, new InMemoryPlatformState());
    k.resume(KernelFixture.START);
    k.run(Pacer.unpaced());

    assertThat(registry.view("broken").status()).isEqualTo("error");
    assertThat(registry.view("broken").error()).contains("boom");
    assertThat(coverageCount("baseline_rev")).isEqualTo(20);
    assertThat(sent).isNotEmpty();
  }

  /** A strategy whose every decision throws. */
  private static StrategyDefinition broken() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("features", List.of("zscore_neg_ret_2h"));
    return new StrategyDefinition(
        "broken",
        null,
        null,
        "default",
        "59 23 * * *",
        1,
        0.5,
        params,
        List.of("time_bar"),
        p -> {
          var inner =
              new RankLongShortStrategy.Factory().create(StrategyId.of("broken"), "default", p);
          return new io.perpetua.signals.strategy.CrossSectionalStrategy() {
            @Override
            public StrategyId id() {
              return inner.id();
            }

            @Override
            public String poolName() {
              return inner.poolName();
            }

            @Override
            public List<String> requiredFeatures() {
              return inner.requiredFeatures();
            }

            @Override
            public Map<String, Object> parameters() {
              return inner.parameters();
            }

            @Override
            public io.perpetua.signals.strategy.StrategyDecision decide(
                io.perpetua.signals.MarketView view, boolean[] pool, List<double[]> f) {
              throw new IllegalStateException("boom");
            }
          };
        });
  }

  private int coverageCount(String name) {
    return (int)
        store.coverage(Long.MIN_VALUE, Long.MAX_VALUE).stream()
            .filter(c -> c.strategy().equals(name))
            .count();
  }

  private static long longs(TradingKernel k, String name) {
    for (var s : sleevesOf(k).sleeves()) {
      if (s.name.equals(name)) {
        return java.util.Arrays.stream(s.weights).filter(w -> w > 0).count();
      }
    }
    throw new AssertionError(name);
  }

  private static StrategySleeves sleevesOf(TradingKernel k) {
    return k.sleeves();
  }
}
