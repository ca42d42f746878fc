package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.ManualClock;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.signals.strategy.RankLongShortStrategy;
import io.perpetua.trading.kernel.algo.BracketOrder;
import io.perpetua.trading.kernel.algo.BracketResult;
import io.perpetua.trading.kernel.algo.BracketSpec;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.TradingJournal;
import io.perpetua.trading.venue.SimulatedVenue;
import io.perpetua.trading.venue.SimulatedVenueConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The §4.1 bracket order as a kernel execution algorithm: a tick strategy opens it, the kernel's
 * execution service, risk engine, simulated venue (tick-driven fills) and account carry it out.
 */
class BracketKernelTest {
  static final long T0 = 1_700_000_000_000L;
  static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  static final Instrument INST = Instrument.derivedFrom(BTC, 100.0); // tick 0.001, step 0.001
  static final StrategyId ID = StrategyId.of("bracket_test");
  static final BracketSpec.Timing TIMING =
      new BracketSpec.Timing(4_000, 5, 2_000, 3_600_000, 2_000, 0.0005);

  /** Opens one long bracket (signal 100, entry limit 99.9, 1R = 1.0) on the first tick. */
  static final class OneShot implements TickStrategy {
    final List<BracketResult> closed = new ArrayList<>();
    final Price entryLimit;
    final StrategyId id;
    boolean opened;

    OneShot(Price entryLimit) {
      this(entryLimit, ID);
    }

    OneShot(Price entryLimit, StrategyId id) {
      this.entryLimit = entryLimit;
      this.id = id;
    }

    @Override
    public void warmUp(FlowTick tick) {
      opened = true; // the decision was taken before the restart
    }

    @Override
    public void onTick(FlowTick tick, TickContext context) {
      if (!opened) {
        opened = true;
        context
            .brackets()
            .open(
                new BracketSpec(
                    id,
                    "d-" + tick.timeMs(),
                    context.instrument(BTC),
                    OrderSide.BUY,
                    Quantity.parse("1.000", 3),
                    entryLimit,
                    100.0,
                    1.0,
                    1.0,
                    2.0,
                    TIMING,
                    context.nowMillis()));
      }
    }

    @Override
    public void onBracketClosed(BracketOrder bracket, BracketResult result) {
      closed.add(result);
    }
  }

  static TradingKernel kernel(TickStrategy strategy, TradingJournal journal) {
    return kernel(strategy, journal, "flow");
  }

  static TradingKernel kernel(TickStrategy strategy, TradingJournal journal, String accountId) {
    ManualClock clock = new ManualClock(T0 - 60_000);
    SimulatedVenue venue =
        new SimulatedVenue(Map.of(BTC, INST), SimulatedVenueConfig.defaults(), clock);
    MarketPanel empty =
        new MarketPanel(List.of(BTC), new long[0], 3_600_000L, new double[0], new double[0]);
    var bars =
        new RankLongShortStrategy(
            StrategyId.of("bars"),
            "default",
            List.of("zscore_neg_ret_2h"),
            new double[] {1.0},
            1,
            1,
            1.0);
    KernelConfig config =
        new KernelConfig(
            accountId, Money.parse("10000"), CronSchedule.parse("59 23 * * *"), 1, false);
    KernelPorts ports =
        new KernelPorts(journal, new InMemoryPlatformState(), new KernelListener() {}, () -> 0L);
    TradingKernel k =
        new TradingKernel(
            config,
            empty,
            FundingSchedule.none(),
            List.of(INST),
            bars,
            AssetPoolDefinition.defaultPool(),
            new FeatureRegistry(),
            venue,
            clock,
            ports);
    k.addTickStrategy(strategy);
    k.resume(T0 - 60_000);
    return k;
  }

  static AggTrade trade(long dt, double price) {
    return new AggTrade(BTC, dt, T0 + dt, price, 10.0, false);
  }

  static final List<AggTrade> WINNER =
      List.of(trade(0, 100.0), trade(100, 99.8), trade(200, 101.0), trade(300, 102.0));

  @Test
  void entryAndBothTakeProfits_fillAsMakerThroughTheKernel() {
    HistoryJournal journal = new HistoryJournal();
    OneShot s = new OneShot(Price.parse("99.900", 3));
    TradingKernel k = kernel(s, journal);
    WINNER.forEach(k::onTick);

    List<Order> orders = journal.memory.orders.values().stream().map(OrderRecord::order).toList();
    assertThat(orders)
        .extracting(Order::type)
        .containsExactly(OrderType.LIMIT, OrderType.LIMIT, OrderType.LIMIT);
    assertThat(orders).extracting(Order::reduceOnly).containsExactly(false, true, true);
    assertThat(orders)
        .extracting(o -> o.limitPrice().toString())
        .containsExactly("99.900", "100.900", "101.900");
    assertThat(s.closed).hasSize(1);
    BracketResult r = s.closed.get(0);
    assertThat(r.exit()).isEqualTo(BracketOrder.Exit.TP);
    assertThat(r.grossPnl()).isEqualTo(Money.parse("1.5"));
    // maker fees 2 bps: 99.9 + 0.5 × 100.9 + 0.5 × 101.9 = 201.3 notional
    assertThat(r.fees()).isEqualTo(Money.parse("0.04026"));
    assertThat(r.pnlR()).isCloseTo(1.45974, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(k.account().openPositions()).isEmpty();
    assertThat(k.account().wallet()).isEqualTo(Money.parse("10001.45974"));
  }

  @Test
  void childOrders_haveNoSignal_andTheParentBracketAsTheirCause() {
    HistoryJournal journal = new HistoryJournal();
    TradingKernel k = kernel(new OneShot(Price.parse("99.900", 3)), journal);
    WINNER.forEach(k::onTick);

    assertThat(journal.decisions).hasSize(3);
    for (var d : journal.decisions) {
      assertThat(d.signals()).isEmpty();
      assertThat(d.cause())
          .isEqualTo(
              new io.perpetua.trading.port.OrderDecision.Cause(
                  "parent_order", "d-" + T0, "execution algorithm"));
    }
  }

  @Test
  void stopHit_cancelsTheTakeProfitsThenClosesAtMarket() {
    HistoryJournal journal = new HistoryJournal();
    OneShot s = new OneShot(Price.parse("99.900", 3));
    TradingKernel k = kernel(s, journal);
    // the stop at 98.5 cancels the take-profits; their confirmations come with the next trade,
    // then the market close goes out and meets the book at 98.4
    List.of(trade(0, 100.0), trade(100, 99.8), trade(200, 98.5), trade(300, 98.4), trade(400, 97))
        .forEach(k::onTick);

    List<OrderRecord> records = List.copyOf(journal.memory.orders.values());
    assertThat(records)
        .extracting(r -> r.status().name())
        .containsExactly("FILLED", "CANCELLED", "CANCELLED", "FILLED");
    Order stop = records.get(3).order();
    assertThat(stop.type()).isEqualTo(OrderType.MARKET);
    assertThat(stop.reduceOnly()).isTrue();
    assertThat(stop.side()).isEqualTo(OrderSide.SELL);
    assertThat(s.closed)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.exit()).isEqualTo(BracketOrder.Exit.SL);
              assertThat(r.pnlR()).isLessThan(-1.0).isGreaterThan(-1.6);
            });
    assertThat(k.account().openPositions()).isEmpty();
  }

  @Test
  void postOnlyEntryThroughTheMarket_isRefusedAndFallsBackToMarket() {
    HistoryJournal journal = new HistoryJournal();
    OneShot s = new OneShot(Price.parse("100.100", 3)); // a buy above the last trade would take
    TradingKernel k = kernel(s, journal);
    List.of(trade(0, 100.0), trade(50, 100.01), trade(100, 100.02)).forEach(k::onTick);

    List<OrderRecord> records = List.copyOf(journal.memory.orders.values());
    assertThat(records).extracting(r -> r.status().name()).startsWith("REJECTED", "FILLED");
    assertThat(records.get(1).order().type()).isEqualTo(OrderType.MARKET);
    assertThat(k.account().position(BTC).quantity()).isEqualTo(Quantity.parse("1.000", 3));
  }

  /**
   * A crash with the entry filled, TP1 filled and TP2 resting: the restarted kernel (new venue,
   * same journal) warms up to the checkpoint, re-sends the resting TP2 under its id, and ends with
   * exactly the orders, fills and account of an uninterrupted run.
   */
  @Test
  void restartWithTakeProfitResting_continuesWithoutDuplicates() {
    HistoryJournal reference = new HistoryJournal();
    OneShot all = new OneShot(Price.parse("99.900", 3));
    TradingKernel full = kernel(all, reference);
    WINNER.forEach(full::onTick);

    HistoryJournal journal = new HistoryJournal();
    TradingKernel first = kernel(new OneShot(Price.parse("99.900", 3)), journal);
    WINNER.subList(0, 3).forEach(first::onTick);
    assertThat(first.workingOrderIds()).hasSize(1); // TP2 rests
    long fillsBefore = journal.fillCount();

    OneShot again = new OneShot(Price.parse("99.900", 3));
    TradingKernel second = kernel(again, journal);
    WINNER.forEach(second::onTick);

    assertThat(journal.fillCount()).isEqualTo(fillsBefore + 1).isEqualTo(reference.fillCount());
    assertThat(journal.memory.orders.keySet()).isEqualTo(reference.memory.orders.keySet());
    assertThat(journal.memory.accounts.get("flow").walletBalance())
        .isEqualTo(reference.memory.accounts.get("flow").walletBalance());
    assertThat(again.closed)
        .singleElement()
        .satisfies(r -> assertThat(r).isEqualTo(all.closed.get(0)));
  }
}
