package io.perpetua.trading.kernel;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.event.Event;
import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.time.ManualClock;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.port.TradingJournal;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.venue.AsyncVenueBridge;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * One account's order path on the trading kernel for orders decided outside it — the control
 * plane's hedge legs and the funding carry's legs (docs/control-plane.md): a {@link TradingKernel}
 * without strategies, on the account's own id, over the account's venue port (behind an {@link
 * AsyncVenueBridge}), journaled to the trading journal and checked by the account's {@link
 * RiskEngine}. Each order is checked, journaled as intended and only then sent (the kernel's
 * single-order path); the venue's answers are delivered to the kernel as they arrive (on one
 * delivery thread per account), booked into the account, checkpointed, and then passed to the
 * caller's {@code outcomes} listener (a rejection — by the risk engine, an unreachable venue or the
 * venue — as {@code "<rule>: <reason>"}). Opening resumes the account from the journal: the orders
 * it holds as working are sent again under their client order ids, and the venue adopts those it
 * already has, so a crash neither loses a journaled order nor doubles one. Thread-safe: every
 * kernel call holds this object's lock.
 */
public final class AccountKernel implements AutoCloseable {
  private final String accountId;
  private final LongSupplier wallClock;
  private final ExecutorService delivery;
  private final TradingKernel kernel;
  private final AsyncVenueBridge bridge;
  private final ManualClock clock;
  private final VenueListener outcomes;
  // every client id this kernel sent or resumed: a repeat never reaches the kernel (its journaled
  // record would be overwritten) nor the venue
  private final Set<ClientOrderId> used = new HashSet<>();

  private AccountKernel(
      String accountId,
      Money capital,
      Venue venue,
      List<Instrument> instruments,
      TradingJournal journal,
      RiskEngine risk,
      LongSupplier wallClock,
      VenueListener outcomes,
      BiConsumer<String, Order> sent) {
    this.accountId = accountId;
    this.wallClock = wallClock;
    this.outcomes = outcomes;
    this.delivery =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "kernel-" + accountId);
              t.setDaemon(true);
              return t;
            });
    Object[] made = new Object[2];
    KernelConfig config =
        new KernelConfig(accountId, capital, CronSchedule.parse("59 23 * * *"), 1, false);
    synchronized (this) {
      this.kernel =
          TickKernels.over(
              config,
              instruments,
              journal,
              new Outcomes(accountId, outcomes, sent),
              null,
              wallClock.getAsLong(),
              risk,
              c -> {
                AsyncVenueBridge b =
                    new AsyncVenueBridge(
                        new Waking(venue, this::wake), c, AsyncVenueBridge.PriceFeed.none(), 0);
                made[0] = b;
                made[1] = c;
                return new Teed(b, outcomes);
              });
      this.bridge = (AsyncVenueBridge) made[0];
      this.clock = (ManualClock) made[1];
      kernel.checkpointChanges(); // orders re-sent on resume that the venue answered at once
      used.addAll(kernel.workingOrderIds());
    }
  }

  /**
   * Opens (resumes) the kernel of account {@code accountId} over {@code venue}; its outcomes go to
   * {@code outcomes}, each order it sends (after journaling) to {@code sent}.
   *
   * @param capital the account's initial capital when the journal has no state of it yet
   * @param journal the trading journal, or null to keep nothing (tests)
   */
  static AccountKernel open(
      String accountId,
      Money capital,
      Venue venue,
      List<Instrument> instruments,
      TradingJournal journal,
      RiskEngine risk,
      LongSupplier wallClock,
      VenueListener outcomes,
      BiConsumer<String, Order> sent) {
    return new AccountKernel(
        accountId, capital, venue, instruments, journal, risk, wallClock, outcomes, sent);
  }

  /** The account id (the kernel's account and journal key). */
  public String accountId() {
    return accountId;
  }

  /**
   * Checks {@code order} with the account's risk engine (at {@code mark}, when given, as the
   * instrument's mark), journals it as intended, then sends it; false when it did not reach the
   * venue (the rejection went to the outcomes listener). An order still working under the same
   * client id (resumed after a restart) is not sent again; a client id this kernel used before and
   * that ended is rejected ({@code duplicate_client_order_id}).
   */
  public synchronized boolean submit(Order order, Price mark) {
    advance();
    boolean working = kernel.workingOrderIds().contains(order.clientOrderId());
    if (!used.add(order.clientOrderId()) && !working) {
      outcomes.onRejected(
          order,
          "duplicate_client_order_id: " + order.clientOrderId().value() + " was sent before",
          clock.nowMillis());
      return false;
    }
    if (mark != null && mark.isPositive()) {
      kernel.mark(order.instrument(), mark.toDouble(), clock.nowMillis());
    }
    boolean sent = kernel.orders().submit(order);
    kernel.checkpointChanges();
    return sent;
  }

  /** Asks the venue to cancel a working order of this account (no-op when not working). */
  public synchronized void cancel(ClientOrderId clientOrderId) {
    kernel.orders().cancel(clientOrderId);
  }

  /** Delivers the venue's queued answers to the kernel and checkpoints what they changed. */
  public synchronized void deliver() {
    advance();
    bridge.drain();
    kernel.checkpointChanges();
  }

  /** The kernel account's position in {@code instrument} (zero when flat). */
  public synchronized BigDecimal position(InstrumentId instrument) {
    var p = kernel.account().position(instrument);
    return p == null ? BigDecimal.ZERO : p.quantity().toBigDecimal();
  }

  /** The client order ids of the account's orders still working. */
  public synchronized Set<ClientOrderId> workingOrderIds() {
    return kernel.workingOrderIds();
  }

  private void advance() {
    long now = wallClock.getAsLong();
    if (now > clock.nowMillis()) {
      clock.set(now);
    }
  }

  private void wake() {
    try {
      delivery.execute(this::deliver);
    } catch (RejectedExecutionException e) {
      // closed: the journal holds the orders; the next start resumes them
    }
  }

  /** Stops delivering (the venue port stays open: its owner closes it). */
  @Override
  public void close() {
    delivery.shutdownNow();
  }

  /** The venue port, waking the delivery thread after each answer it queued. */
  private record Waking(Venue venue, Runnable wake) implements Venue {
    @Override
    public void setListener(VenueListener listener) {
      venue.setListener(new Then(listener, new Waker(wake), true));
    }

    @Override
    public void submit(Order order) {
      venue.submit(order);
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) {
      venue.cancel(clientOrderId);
    }

    @Override
    public boolean isSimulated() {
      return venue.isSimulated();
    }
  }

  /**
   * The bridge as the kernel's venue: the kernel hears every answer first (fills booked), then the
   * outcomes listener hears acceptances, fills and cancels (rejections reach it as kernel events).
   */
  private record Teed(AsyncVenueBridge bridge, VenueListener outcomes) implements PriceDrivenVenue {
    @Override
    public void setListener(VenueListener kernel) {
      bridge.setListener(new Then(kernel, outcomes, false));
    }

    @Override
    public void submit(Order order) {
      bridge.submit(order);
    }

    @Override
    public void cancel(ClientOrderId clientOrderId) {
      bridge.cancel(clientOrderId);
    }

    @Override
    public boolean isSimulated() {
      return bridge.isSimulated();
    }

    @Override
    public void onPrice(InstrumentId instrument, double price, long timeMs) {
      bridge.onPrice(instrument, price, timeMs);
    }
  }

  /**
   * Every answer to {@code first}, then to {@code then} (rejections only if {@code rejections}).
   */
  private record Then(VenueListener first, VenueListener then, boolean rejections)
      implements VenueListener {
    @Override
    public void onAccepted(Order order, long timeMs) {
      first.onAccepted(order, timeMs);
      then.onAccepted(order, timeMs);
    }

    @Override
    public void onFill(Fill fill) {
      first.onFill(fill);
      then.onFill(fill);
    }

    @Override
    public void onRejected(Order order, String reason, long timeMs) {
      first.onRejected(order, reason, timeMs);
      if (rejections) {
        then.onRejected(order, reason, timeMs);
      }
    }

    @Override
    public void onCancelled(ClientOrderId clientOrderId, long timeMs) {
      first.onCancelled(clientOrderId, timeMs);
      then.onCancelled(clientOrderId, timeMs);
    }
  }

  /** Runs {@code wake} on every answer. */
  private record Waker(Runnable wake) implements VenueListener {
    @Override
    public void onAccepted(Order order, long timeMs) {
      wake.run();
    }

    @Override
    public void onFill(Fill fill) {
      wake.run();
    }

    @Override
    public void onRejected(Order order, String reason, long timeMs) {
      wake.run();
    }

    @Override
    public void onCancelled(ClientOrderId clientOrderId, long timeMs) {
      wake.run();
    }
  }

  /** The kernel's rejections to the outcomes listener, its sent orders to {@code sent}. */
  private record Outcomes(String accountId, VenueListener outcomes, BiConsumer<String, Order> sent)
      implements KernelListener {
    @Override
    public void onEvent(Event event) {
      if (event instanceof OrderRejected r) {
        outcomes.onRejected(r.order(), r.rule() + ": " + r.reason(), r.eventTimeMs());
      }
    }

    @Override
    public void onOrderSent(Order order) {
      sent.accept(accountId, order);
    }
  }
}
