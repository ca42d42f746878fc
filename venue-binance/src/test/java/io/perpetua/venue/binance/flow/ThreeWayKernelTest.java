package io.perpetua.venue.binance.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.event.Event;
import io.perpetua.core.event.OrderFilled;
import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.event.OrderSubmitted;
import io.perpetua.core.order.Order;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FlowListener;
import io.perpetua.trading.flow.FlowTestKit;
import io.perpetua.trading.flow.FlowTradeStatus;
import io.perpetua.trading.flow.KernelFlowStrategy;
import io.perpetua.trading.kernel.HistoryJournal;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TickKernels;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.port.TradingJournal;
import io.perpetua.trading.venue.SimulatedVenue;
import io.perpetua.trading.venue.SimulatedVenueConfig;
import io.perpetua.venue.binance.fake.FakeListing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One kernel, three ways: the same factory flow strategies over the same ticks, as a backtest (the
 * simulated venue, no journal), as paper trading (the simulated venue and a journal, killed with a
 * bracket's take-profits resting and restarted on a fresh simulated venue) and live against the
 * fake Binance (the Binance adapter behind the kernel's asynchronous bridge), send the same orders
 * (client ids, sides, quantities, types, reduce-only flags, limits) and close the same trades in R.
 *
 * <p>The simulated venue is configured as the venue ({@link SimulatedVenueConfig#venueLike}: its
 * fees, no slippage, limits matched at the touch) and the ticks are on the venue's price grid; the
 * live run is driven deterministically ({@link FakeBinanceRun}: the fake has answered and the
 * adapter has reported everything before the next trade prints).
 */
class ThreeWayKernelTest {
  static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
  static final long START = FlowTestKit.START - 60_000;

  private FakeBinanceRun live;

  /** What one run sent and closed, in order. */
  static final class Run implements KernelListener, FlowListener {
    final List<String> orders = new ArrayList<>();
    final List<String> trades = new ArrayList<>();
    final List<ClosedFlowTrade> closed = new ArrayList<>();
    final List<String> events = new ArrayList<>();

    @Override
    public void onEvent(Event e) {
      switch (e) {
        case OrderFilled f ->
            events.add(
                e.eventTimeMs()
                    + " filled "
                    + f.fill().clientOrderId().value()
                    + " "
                    + f.fill().quantity()
                    + "@"
                    + f.fill().price());
        case OrderRejected r ->
            events.add(
                e.eventTimeMs()
                    + " rejected "
                    + r.order().clientOrderId().value()
                    + " "
                    + r.reason());
        case OrderSubmitted o ->
            events.add(e.eventTimeMs() + " submitted " + o.order().clientOrderId().value());
        default -> {}
      }
    }

    /** The events of the orders named in {@code lines} (diagnostics). */
    String eventsOf(List<String> lines) {
      List<String> out = new ArrayList<>();
      for (String ev : events) {
        for (String line : lines) {
          if (ev.contains(line.substring(0, line.indexOf(' ')))) {
            out.add(ev);
            break;
          }
        }
      }
      return String.join("\n   ", out);
    }

    @Override
    public void onOrderSent(Order o) {
      orders.add(
          String.join(
              " ",
              o.clientOrderId().value(),
              o.instrument().venueSymbol(),
              o.side().code(),
              o.quantity().toString(),
              o.type().code(),
              o.reduceOnly() ? "reduce-only" : "-",
              String.valueOf(o.limitPrice())));
    }

    @Override
    public void onTradeClosed(ClosedFlowTrade t) {
      closed.add(t);
      trades.add(
          String.format(
              Locale.ROOT,
              "%s %s %s %.6fR %s",
              t.id(),
              t.instrument().venueSymbol(),
              t.status().code(),
              t.pnlR(),
              t.pnl()));
    }
  }

  @BeforeEach
  void start() throws InterruptedException {
    live = FakeBinanceRun.start(listings(rawTicks()));
  }

  @AfterEach
  void stop() {
    if (live != null) {
      live.close();
    }
  }

  private static List<FlowTick> rawTicks() {
    return FlowTestKit.synthetic(21, 150 * 60_000L, SYMBOLS);
  }

  /** The standard listings, first prices from the ticks. */
  private static List<FakeListing> listings(List<FlowTick> ticks) {
    Map<String, FakeListing> out = new HashMap<>();
    for (FlowTick t : ticks) {
      if (t instanceof AggTrade a && !out.containsKey(a.instrument().venueSymbol())) {
        FakeListing std = FakeListing.standard(a.instrument().venueSymbol(), null);
        out.put(std.symbol(), FakeListing.standard(std.symbol(), onGrid(a.price(), std)));
      }
    }
    return SYMBOLS.stream().map(out::get).toList();
  }

  private static BigDecimal onGrid(double price, FakeListing l) {
    return BigDecimal.valueOf(price)
        .divide(l.tickSize(), 0, RoundingMode.HALF_EVEN)
        .multiply(l.tickSize());
  }

  /** The ticks with every trade's price on its listing's tick grid (as the fake prints it). */
  private List<FlowTick> ticks() {
    Map<String, FakeListing> bySymbol = new HashMap<>();
    live.listings().forEach(l -> bySymbol.put(l.symbol(), l));
    List<FlowTick> out = new ArrayList<>();
    for (FlowTick t : rawTicks()) {
      if (t instanceof AggTrade a) {
        FakeListing l = bySymbol.get(a.instrument().venueSymbol());
        double px = onGrid(a.price(), l).doubleValue();
        out.add(
            new AggTrade(a.instrument(), a.aggId(), a.timeMs(), px, a.quantity(), a.buyerMaker()));
      } else {
        out.add(t);
      }
    }
    return out;
  }

  private static TradingKernel simulated(
      List<Instrument> inst, TradingJournal journal, Run run, FakeListing fees) {
    Map<InstrumentId, Instrument> byId = new HashMap<>();
    inst.forEach(i -> byId.put(i.id(), i));
    SimulatedVenueConfig asVenue =
        SimulatedVenueConfig.venueLike(
            fees.takerFee().movePointRight(4).doubleValue(),
            fees.makerFee().movePointRight(4).doubleValue(),
            0.05); // the fake's PERCENT_PRICE: multipliers 1.05 and 0.95
    return TickKernels.over(
        inst,
        journal,
        run,
        strategy(run),
        START,
        clock -> new SimulatedVenue(byId, asVenue, clock));
  }

  /**
   * The factory strategies of {@link FlowTestKit}, and on each symbol a patient one (wide stop and
   * take-profits, the shortest hold, flips only at 95) whose trades end by the hold timeout.
   */
  static KernelFlowStrategy strategy(FlowListener listener) {
    return FlowTestKit.withPatient(FlowTestKit.strategy(SYMBOLS, listener), SYMBOLS);
  }

  /** Where two runs part: the index and the entries around it (empty when equal). */
  static String firstDifference(List<String> expected, List<String> actual) {
    int n = Math.min(expected.size(), actual.size());
    int i = 0;
    while (i < n && expected.get(i).equals(actual.get(i))) {
      i++;
    }
    if (i == n && expected.size() == actual.size()) {
      return "";
    }
    int from = Math.max(0, i - 2);
    return "first difference at "
        + i
        + ":\n expected "
        + expected.subList(from, Math.min(expected.size(), i + 3))
        + "\n actual   "
        + actual.subList(from, Math.min(actual.size(), i + 3));
  }

  @Test
  void backtestPaperAndLiveOnTheFake_sameOrders_sameTradesInR() throws Exception {
    List<FlowTick> ticks = ticks();
    List<Instrument> inst = live.instruments(SYMBOLS);
    FakeListing fees = live.listings().get(0);

    long began = System.currentTimeMillis();
    Run backtest = new Run();
    TradingKernel bt = simulated(inst, null, backtest, fees);
    ticks.forEach(bt::onTick);
    Run paper = new Run();
    TradingKernel restarted = paperWithCrash(inst, fees, ticks, paper);
    long simulatedMs = System.currentTimeMillis() - began;
    Run onFake = new Run();
    live.run(inst, strategy(onFake), onFake, START, ticks);
    System.out.printf(
        "three-way: %d ticks; backtest %d orders %d trades %s; paper %d/%d; live %d/%d;"
            + " simulated runs %d ms, live %d ms%n",
        ticks.size(),
        backtest.orders.size(),
        backtest.trades.size(),
        statuses(backtest),
        paper.orders.size(),
        paper.trades.size(),
        onFake.orders.size(),
        onFake.trades.size(),
        simulatedMs,
        System.currentTimeMillis() - began - simulatedMs);

    assertThat(firstDifference(backtest.orders, paper.orders)).as("paper orders").isEmpty();
    assertThat(firstDifference(backtest.orders, onFake.orders, backtest, onFake))
        .as("live orders")
        .isEmpty();
    assertThat(firstDifference(backtest.trades, onFake.trades)).as("live trades").isEmpty();
    assertThat(statuses(backtest))
        .as("the bracket's exit paths all occur")
        .contains("tp1", "tp", "sl", "timeout", "signal_flip");
    Set<String> symbols = new TreeSet<>();
    backtest.closed.forEach(t -> symbols.add(t.instrument().venueSymbol()));
    assertThat(symbols).as("trades on several symbols").hasSizeGreaterThan(1);
    assertThat(paper.orders).as("paper orders").containsExactlyElementsOf(backtest.orders);
    assertThat(paper.trades).as("paper trades").containsExactlyElementsOf(backtest.trades);
    assertThat(onFake.orders).as("live orders").containsExactlyElementsOf(backtest.orders);
    assertThat(onFake.trades).as("live trades").containsExactlyElementsOf(backtest.trades);
    live.assertBookedAsTheVenue(onFake.closed);
    assertThat(restarted.account().wallet()).isEqualTo(bt.account().wallet());
  }

  /**
   * Paper trading killed with a bracket open and its take-profits resting, restarted on a fresh
   * simulated venue over the same journal; returns the restarted kernel.
   */
  private static TradingKernel paperWithCrash(
      List<Instrument> inst, FakeListing fees, List<FlowTick> ticks, Run paper) {
    HistoryJournal journal = new HistoryJournal();
    TradingKernel first = simulated(inst, journal, paper, fees);
    int crash = -1;
    for (int i = 0; i < ticks.size() && crash < 0; i++) {
      first.onTick(ticks.get(i));
      if (i > ticks.size() / 3 && first.workingOrderIds().size() >= 2) {
        crash = i;
      }
    }
    assertThat(crash).as("a moment with take-profits resting").isPositive();
    TradingKernel second = simulated(inst, journal, paper, fees);
    ticks.forEach(second::onTick);
    return second;
  }

  /** {@link #firstDifference(List, List)}, with the events of the orders there (diagnostics). */
  static String firstDifference(List<String> expected, List<String> actual, Run e, Run a) {
    String diff = firstDifference(expected, actual);
    if (diff.isEmpty()) {
      return diff;
    }
    int at = Integer.parseInt(diff.replaceAll("(?s)first difference at (\\d+):.*", "$1"));
    List<String> around = expected.subList(Math.max(0, at - 2), Math.min(expected.size(), at + 3));
    return diff
        + "\n expected events:\n   "
        + e.eventsOf(around)
        + "\n actual events:\n   "
        + a.eventsOf(around);
  }

  private static Set<String> statuses(Run run) {
    Set<String> out = new TreeSet<>();
    for (ClosedFlowTrade t : run.closed) {
      out.add(t.status().code());
      if (t.status() == FlowTradeStatus.TP || t.status() == FlowTradeStatus.SL_BE) {
        out.add("tp1");
      }
    }
    return out;
  }
}
