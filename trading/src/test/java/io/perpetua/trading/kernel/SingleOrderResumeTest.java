package io.perpetua.trading.kernel;

import static io.perpetua.trading.kernel.BracketKernelTest.BTC;
import static io.perpetua.trading.kernel.BracketKernelTest.ID;
import static io.perpetua.trading.kernel.BracketKernelTest.INST;
import static io.perpetua.trading.kernel.BracketKernelTest.T0;
import static io.perpetua.trading.kernel.BracketKernelTest.TIMING;
import static io.perpetua.trading.kernel.BracketKernelTest.WINNER;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.time.ManualClock;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.signals.strategy.RankLongShortStrategy;
import io.perpetua.trading.kernel.algo.BracketSpec;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.venue.SimulatedVenue;
import io.perpetua.trading.venue.SimulatedVenueConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An execution algorithm's single order (a bracket's leg, {@code ExecutionService.submitOne}) is
 * journaled before it is sent, like a rebalance's: a live kernel killed between the journal and the
 * send, or between the send and the venue's answer, is restarted live-like (the ticks before the
 * crash are not replayed, as on a real stream) on the same journal and a venue that outlived it.
 * The order is neither lost (the restart sends the journaled intent again) nor doubled (the venue
 * adopts the id it already has): each client order id is created once, and the orders, fills and
 * wallet equal an uninterrupted run.
 */
class SingleOrderResumeTest {

  /** Thrown by the venue in place of the process dying (escapes the kernel like a SIGKILL). */
  private static final class Killed extends Error {
    Killed() {
      super("killed", null, false, false);
    }
  }

  /** The exchange: a simulated book that outlives the kernel process, one order per client id. */
  private static final class Exchange implements VenueListener {
    final SimulatedVenue book;
    final Map<ClientOrderId, Integer> created = new TreeMap<>();
    final Map<ClientOrderId, List<Fill>> fills = new HashMap<>();
    final Map<ClientOrderId, Boolean> cancelled = new HashMap<>();
    VenueListener process; // the live process's listener; null while it is dead

    Exchange(ManualClock clock) {
      book = new SimulatedVenue(Map.of(BTC, INST), SimulatedVenueConfig.defaults(), clock);
      book.setListener(this);
    }

    @Override
    public void onAccepted(Order order, long timeMs) {
      if (process != null) {
        process.onAccepted(order, timeMs);
      }
    }

    @Override
    public void onFill(Fill fill) {
      fills.computeIfAbsent(fill.clientOrderId(), k -> new ArrayList<>()).add(fill);
      if (process != null) {
        process.onFill(fill);
      }
    }

    @Override
    public void onRejected(Order order, String reason, long timeMs) {
      if (process != null) {
        process.onRejected(order, reason, timeMs);
      }
    }

    @Override
    public void onCancelled(ClientOrderId id, long timeMs) {
      cancelled.put(id, true);
      if (process != null) {
        process.onCancelled(id, timeMs);
      }
    }
  }

  /**
   * One process's connection to the {@link Exchange}: a known client order id is adopted (accepted,
   * its fills and cancellation reported), nothing created; the process "dies" at its {@code
   * killAt}-th new order, before sending it or after the exchange took it (its answer lost).
   */
  private static final class Session implements PriceDrivenVenue {
    final Exchange exchange;
    final int killAt;
    final boolean afterSend;
    int sent;

    Session(Exchange exchange, int killAt, boolean afterSend) {
      this.exchange = exchange;
      this.killAt = killAt;
      this.afterSend = afterSend;
    }

    @Override
    public void setListener(VenueListener listener) {
      exchange.process = listener;
    }

    @Override
    public void submit(Order order) {
      ClientOrderId id = order.clientOrderId();
      if (exchange.created.containsKey(id)) {
        exchange.process.onAccepted(order, 0);
        exchange.fills.getOrDefault(id, List.of()).forEach(exchange.process::onFill);
        if (exchange.cancelled.containsKey(id)) {
          exchange.process.onCancelled(id, 0);
        }
        return;
      }
      boolean dies = ++sent == killAt;
      if (dies && !afterSend) {
        throw new Killed();
      }
      exchange.created.merge(id, 1, Integer::sum);
      if (dies) {
        exchange.process = null; // the answer never reaches the dying process
        exchange.book.submit(order);
        throw new Killed();
      }
      exchange.book.submit(order);
    }

    @Override
    public void cancel(ClientOrderId id) {
      exchange.book.cancel(id);
    }

    @Override
    public boolean isSimulated() {
      return false;
    }

    @Override
    public void onPrice(InstrumentId instrument, double price, long timeMs) {
      exchange.book.onPrice(instrument, price, timeMs);
    }

    @Override
    public void onTrade(InstrumentId instrument, double price, double quantity, long timeMs) {
      exchange.book.onTrade(instrument, price, quantity, timeMs);
    }
  }

  /** Opens one long bracket on the tick at {@code T0} (a live decision, never taken again). */
  static final class OpenAtT0 implements TickStrategy {
    @Override
    public void warmUp(FlowTick tick) {}

    @Override
    public void onTick(FlowTick tick, TickContext context) {
      if (tick.timeMs() == T0) {
        context
            .brackets()
            .open(
                new BracketSpec(
                    ID,
                    "d-" + tick.timeMs(),
                    context.instrument(BTC),
                    OrderSide.BUY,
                    Quantity.parse("1.000", 3),
                    Price.parse("99.900", 3),
                    100.0,
                    1.0,
                    1.0,
                    2.0,
                    TIMING,
                    context.nowMillis()));
      }
    }
  }

  @ParameterizedTest(name = "killed at order {0}, after the send: {1}")
  @CsvSource({"1, false", "1, true", "2, false", "2, true", "3, false", "3, true"})
  void killedAroundASingleOrdersSend_neverLosesNorDoublesIt(int killAt, boolean afterSend) {
    ManualClock refClock = new ManualClock(T0 - 60_000);
    Exchange reference = new Exchange(refClock);
    HistoryJournal refJournal = new HistoryJournal();
    TradingKernel full = kernel(new Session(reference, -1, false), refJournal, refClock);
    WINNER.forEach(full::onTick);
    assertThat(reference.created).as("entry and both take-profits").hasSize(3);

    ManualClock clock = new ManualClock(T0 - 60_000);
    Exchange exchange = new Exchange(clock);
    HistoryJournal journal = new HistoryJournal();
    TradingKernel first = kernel(new Session(exchange, killAt, afterSend), journal, clock);
    int crashed = -1;
    for (int i = 0; i < WINNER.size() && crashed < 0; i++) {
      try {
        first.onTick(WINNER.get(i));
      } catch (Killed e) {
        crashed = i;
      }
    }
    assertThat(crashed).as("the process died at order %d", killAt).isNotNegative();
    assertThat(journal.memory.orders.keySet())
        .as("every order the venue has was journaled before it was sent")
        .containsAll(exchange.created.keySet());

    // live-like restart: the ticks up to the crash are gone; the journal is all it has
    TradingKernel second = kernel(new Session(exchange, -1, false), journal, clock);
    WINNER.subList(crashed + 1, WINNER.size()).forEach(second::onTick);

    assertThat(exchange.created.values()).as("no client order id created twice").containsOnly(1);
    assertThat(exchange.created.keySet()).isEqualTo(reference.created.keySet());
    assertThat(statuses(journal)).isEqualTo(statuses(refJournal));
    assertThat(journal.fillCount()).isEqualTo(refJournal.fillCount());
    assertThat(second.account().wallet()).isEqualTo(full.account().wallet());
    assertThat(second.account().openPositions()).isEmpty();
  }

  private static Map<ClientOrderId, String> statuses(HistoryJournal journal) {
    Map<ClientOrderId, String> out = new LinkedHashMap<>();
    for (OrderRecord r : journal.memory.orders.values()) {
      out.put(r.order().clientOrderId(), r.status().name());
    }
    return out;
  }

  /** A live-like tick kernel (no bars) on {@code venue} and {@code journal}, resumed. */
  static TradingKernel kernel(PriceDrivenVenue venue, HistoryJournal journal, ManualClock clock) {
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
        new KernelConfig("flow", Money.parse("10000"), CronSchedule.parse("59 23 * * *"), 1, false);
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
    k.addTickStrategy(new OpenAtT0());
    k.resume(T0 - 60_000);
    return k;
  }
}
