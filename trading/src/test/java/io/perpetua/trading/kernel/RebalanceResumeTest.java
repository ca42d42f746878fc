package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.TradeId;
import io.perpetua.core.event.Event;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.time.ManualClock;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.port.VenueListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A live kernel killed between two placements of a rebalance resumes it: the intended orders were
 * journaled before the first was sent, the restart sends them again, the venue (which outlives the
 * process, as a real exchange does) adopts the ones it already has and takes the rest, each client
 * order id exactly once. The restart is live-like: it starts after the last bar the venue closed
 * (no replay of the interrupted step), so nothing but the journal can bring the rebalance back.
 */
class RebalanceResumeTest {
  private static final long HOUR = 3_600_000L;
  private static final int HISTORY = 12; // live from noon of the first day
  // seven days (every symbol listed) and two bars: the last rebalance (23:59 of day 7) fills next
  private final KernelFixture complete = new KernelFixture(14, 24 * 7 + 2, 7);
  private static final String LAST = "rb-20231121-2359-";

  /** Thrown by the venue in place of the process dying (escapes the kernel like a SIGKILL). */
  private static final class Killed extends Error {
    Killed() {
      super("killed", null, false, false);
    }
  }

  /** The exchange: outlives the kernel process; an order per client order id, Binance-like. */
  private static final class Exchange {
    final Map<ClientOrderId, Order> orders = new LinkedHashMap<>();
    final Map<ClientOrderId, Integer> created = new HashMap<>();
    final Map<ClientOrderId, Fill> fills = new HashMap<>();
    final Map<InstrumentId, Quantity> positions = new TreeMap<>();

    Map<String, String> positionsText() {
      Map<String, String> out = new TreeMap<>();
      positions.forEach(
          (id, q) -> {
            if (!q.isZero()) {
              out.put(id.venueSymbol(), q.toString());
            }
          });
      return out;
    }
  }

  /**
   * One process' session on the {@link Exchange}: a known client order id is adopted (its state and
   * fill reported, nothing created); market orders fill at the next price; the session "dies" when
   * asked to send its {@code killAt + 1}-th new order.
   */
  private static final class Session implements PriceDrivenVenue {
    final Exchange exchange;
    final int killAt;
    int sent; // of the last rebalance
    VenueListener listener;

    Session(Exchange exchange, int killAt) {
      this.exchange = exchange;
      this.killAt = killAt;
    }

    @Override
    public void setListener(VenueListener listener) {
      this.listener = listener;
    }

    @Override
    public void submit(Order order) {
      ClientOrderId id = order.clientOrderId();
      if (exchange.orders.containsKey(id)) {
        listener.onAccepted(order, 0);
        Fill f = exchange.fills.get(id);
        if (f != null) {
          listener.onFill(f);
        }
        return;
      }
      if (order.rebalanceId() != null
          && order.rebalanceId().value().startsWith(LAST)
          && sent++ == killAt) {
        throw new Killed();
      }
      exchange.orders.put(id, order);
      exchange.created.merge(id, 1, Integer::sum);
      listener.onAccepted(order, 0);
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) {}

    @Override
    public boolean isSimulated() {
      return false;
    }

    @Override
    public void onPrice(InstrumentId instrument, double price, long timeMs) {
      for (Order o : List.copyOf(exchange.orders.values())) {
        if (o.instrument().equals(instrument) && !exchange.fills.containsKey(o.clientOrderId())) {
          Fill f =
              new Fill(
                  TradeId.of("x-" + o.clientOrderId().value()),
                  o.clientOrderId(),
                  instrument,
                  o.side(),
                  o.quantity(),
                  Price.of(price, 8),
                  Money.ZERO,
                  Liquidity.TAKER,
                  timeMs);
          exchange.fills.put(o.clientOrderId(), f);
          exchange.positions.merge(instrument, o.signedQuantity(), Quantity::plus);
          listener.onFill(f);
        }
      }
    }
  }

  private static final class Events implements KernelListener {
    final List<Event> events = new ArrayList<>();

    @Override
    public void onEvent(Event e) {
      events.add(e);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5, 1_000})
  void killedBetweenPlacements_restartAdoptsPlacedOrders_sendsTheRestOnce(int kill) {
    Exchange reference = new Exchange();
    run(reference, new HistoryJournal(), Integer.MAX_VALUE);
    long last =
        reference.orders.values().stream()
            .filter(o -> o.rebalanceId().value().startsWith(LAST))
            .count();
    assertThat(last).as("the last rebalance trades").isGreaterThan(5);
    int killAt = (int) Math.min(kill, last - 1); // 1_000: killed before its last order

    Exchange exchange = new Exchange();
    HistoryJournal journal = new HistoryJournal();
    run(exchange, journal, killAt);
    assertThat(exchange.orders.size())
        .as("killed after %d of the last rebalance's %d orders", killAt, last)
        .isEqualTo(reference.orders.size() - last + killAt);
    assertThat(journal.orders().keySet())
        .as("every order the venue has was journaled before it was sent")
        .containsAll(exchange.orders.keySet());

    Events after = new Events();
    restart(exchange, journal, after);

    assertThat(exchange.created.values())
        .as("no client order id created twice")
        .allMatch(n -> n == 1);
    assertThat(exchange.orders).isEqualTo(reference.orders);
    assertThat(exchange.positionsText()).isEqualTo(reference.positionsText()).isNotEmpty();
    assertThat(journal.orders().values())
        .as("no order left working")
        .allMatch(r -> r.status().isTerminal());
    assertThat(after.events)
        .as("the interrupted rebalance completes after the restart")
        .filteredOn(
            e -> e instanceof RebalanceCompleted r && r.rebalanceId().value().startsWith(LAST))
        .hasSize(1);
  }

  /** Runs a live kernel bar by bar over {@code exchange} to the end, or until the session dies. */
  private void run(Exchange exchange, HistoryJournal journal, int killAt) {
    KernelFixture live = complete.live(HISTORY);
    TradingKernel k = kernel(live, journal, new Events(), new Session(exchange, killAt));
    k.resume(KernelFixture.START);
    try {
      k.run(Pacer.unpaced());
      while (complete.appendNext(live)) {
        k.run(Pacer.unpaced());
      }
    } catch (Killed e) {
      // the process died here
    }
  }

  /**
   * Restarts like the live platform: the venue's bars up to the one whose close fired the rebalance
   * as history, resumed after the last of them, then the remaining bars one by one.
   */
  private void restart(Exchange exchange, HistoryJournal journal, Events events) {
    KernelFixture live = complete.live(HISTORY);
    long cursor = Long.parseLong(journal.loadCursor("paper").get(TradingKernel.CURSOR_TIME));
    while (live.panel.closeTime(live.panel.size() - 1) < cursor + HOUR) {
      assertThat(complete.appendNext(live)).isTrue();
    }
    TradingKernel k = kernel(live, journal, events, new Session(exchange, Integer.MAX_VALUE));
    k.resume(live.panel.closeTime(live.panel.size() - 1) + 1);
    k.run(Pacer.unpaced());
    while (complete.appendNext(live)) {
      k.run(Pacer.unpaced());
    }
  }

  private TradingKernel kernel(
      KernelFixture live, HistoryJournal journal, Events events, Session session) {
    return live.kernel(
        new KernelPorts(journal, new InMemoryPlatformState(), events, () -> 0L),
        FundingSchedule.none(),
        KernelConfig.DEFAULT_MAINTENANCE_MARGIN_RATE,
        session,
        new ManualClock(Long.MIN_VALUE / 2));
  }
}
