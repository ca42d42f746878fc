package io.perpetua.trading.kernel;

import static io.perpetua.trading.kernel.BracketKernelTest.BTC;
import static io.perpetua.trading.kernel.BracketKernelTest.INST;
import static io.perpetua.trading.kernel.BracketKernelTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.core.time.ManualClock;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.venue.SimulatedVenue;
import io.perpetua.trading.venue.SimulatedVenueConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fills are booked once per venue trade id: a bracket's entry is partly filled, the process dies,
 * the rest fills at the exchange while it is down, and after the restart the venue's connection
 * reports every trade of the order again (a bridge replaying an order's trades after a reconnect) —
 * the one booked before the crash and the one the process missed. The position, the fees, the fills
 * and the wallet equal a run without the crash.
 */
class FillReplayResumeTest {

  /** The exchange: a simulated book that outlives the kernel process; every trade it reported. */
  private static final class Exchange implements VenueListener {
    final SimulatedVenue book;
    final Map<ClientOrderId, List<Fill>> fills = new HashMap<>();
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
      if (process != null) {
        process.onCancelled(id, timeMs);
      }
    }
  }

  /**
   * One process's connection: an order the kernel takes back after a restart ({@link #resume}) has
   * all its trades reported again with the next market event, as a bridge that replays an order's
   * trades on reconnect does (the test may also ask for it within one process).
   */
  private static final class Session implements PriceDrivenVenue {
    final Exchange exchange;
    final List<ClientOrderId> replay = new ArrayList<>();

    Session(Exchange exchange) {
      this.exchange = exchange;
    }

    @Override
    public void setListener(VenueListener listener) {
      exchange.process = listener;
    }

    @Override
    public void submit(Order order) {
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
    public void resume(Order order, Quantity filled) {
      replay.add(order.clientOrderId()); // the exchange still has the order
    }

    @Override
    public void onPrice(InstrumentId instrument, double price, long timeMs) {
      onTrade(instrument, price, 1.0, timeMs);
    }

    @Override
    public void onTrade(InstrumentId instrument, double price, double quantity, long timeMs) {
      for (ClientOrderId id : replay) {
        exchange.fills.getOrDefault(id, List.of()).forEach(exchange.process::onFill);
      }
      replay.clear();
      exchange.book.onTrade(instrument, price, quantity, timeMs);
    }
  }

  private static AggTrade trade(long dt, double price, double quantity) {
    return new AggTrade(BTC, dt, T0 + dt, price, quantity, false);
  }

  /** Entry 1.000 at 99.9: 0.4 fills, then (while the process is down) 0.6; then the TPs fill. */
  private static final List<AggTrade> TICKS =
      List.of(
          trade(0, 100.0, 10),
          trade(100, 99.8, 0.4),
          trade(200, 99.8, 0.6),
          trade(300, 100.0, 1),
          trade(400, 101.0, 10),
          trade(500, 102.0, 10));

  private static final int CRASH_AFTER = 1; // the tick of the partial fill
  private static final int DOWN_UNTIL = 2; // the process misses this tick; the exchange trades it

  @Test
  void partlyFilledEntry_killedAndReplayedByTheVenue_booksEachTradeOnce() {
    ManualClock refClock = new ManualClock(T0 - 60_000);
    Exchange reference = new Exchange(refClock);
    HistoryJournal refJournal = new HistoryJournal();
    TradingKernel full = kernel(new Session(reference), refJournal, refClock);
    TICKS.forEach(full::onTick);

    ManualClock clock = new ManualClock(T0 - 60_000);
    Exchange exchange = new Exchange(clock);
    HistoryJournal journal = new HistoryJournal();
    TradingKernel first = kernel(new Session(exchange), journal, clock);
    TICKS.subList(0, CRASH_AFTER + 1).forEach(first::onTick);
    OrderRecord entry = journal.orders().values().iterator().next();
    assertThat(entry.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    assertThat(entry.filledQuantity()).isEqualTo(Quantity.parse("0.400", 3));

    exchange.process = null; // killed: the rest fills at the exchange while nobody listens
    AggTrade missed = TICKS.get(DOWN_UNTIL);
    clock.set(missed.timeMs());
    exchange.book.onTrade(BTC, missed.price(), missed.quantity(), missed.timeMs());
    assertThat(exchange.fills.get(entry.order().clientOrderId())).hasSize(2);

    TradingKernel second = kernel(new Session(exchange), journal, clock);
    TICKS.subList(DOWN_UNTIL + 1, TICKS.size()).forEach(second::onTick);

    assertThat(journal.orders().get(entry.order().clientOrderId()).filledQuantity())
        .as("the entry filled once: the replayed trade is not booked again")
        .isEqualTo(Quantity.parse("1.000", 3));
    assertThat(statuses(journal)).isEqualTo(statuses(refJournal));
    assertThat(fees(journal)).isEqualTo(fees(refJournal));
    assertThat(journal.fillCount()).isEqualTo(refJournal.fillCount()).isEqualTo(4);
    assertThat(second.account().openPositions()).isEmpty();
    assertThat(second.account().wallet()).isEqualTo(full.account().wallet());
  }

  @Test
  void aTradeReportedTwiceWithinOneProcess_isBookedOnce() {
    ManualClock clock = new ManualClock(T0 - 60_000);
    Exchange exchange = new Exchange(clock);
    HistoryJournal journal = new HistoryJournal();
    Session session = new Session(exchange);
    TradingKernel k = kernel(session, journal, clock);
    TICKS.subList(0, 2).forEach(k::onTick);
    OrderRecord entry = journal.orders().values().iterator().next();
    session.replay.add(entry.order().clientOrderId()); // the bridge reconnects and replays
    k.onTick(TICKS.get(2));

    assertThat(journal.orders().get(entry.order().clientOrderId()).filledQuantity())
        .isEqualTo(Quantity.parse("1.000", 3));
    assertThat(k.account().position(BTC).quantity()).isEqualTo(Quantity.parse("1.000", 3));
  }

  private static Map<ClientOrderId, String> statuses(HistoryJournal journal) {
    Map<ClientOrderId, String> out = new HashMap<>();
    journal.orders().forEach((id, r) -> out.put(id, r.status() + " " + r.filledQuantity()));
    return out;
  }

  private static Money fees(HistoryJournal journal) {
    Money sum = Money.ZERO;
    for (OrderRecord r : journal.orders().values()) {
      sum = sum.plus(r.fee());
    }
    return sum;
  }

  /** A live-like tick kernel (one bracket at {@code T0}) over {@code venue} and {@code journal}. */
  private static TradingKernel kernel(
      PriceDrivenVenue venue, HistoryJournal journal, ManualClock clock) {
    return SingleOrderResumeTest.kernel(venue, journal, clock);
  }
}
