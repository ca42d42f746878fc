package io.perpetua.trading.control;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PreTradeGuard;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * One account's order path: every order passes the pre-trade check ({@link PreTradeGuard}, the
 * kernel's risk interface), is written to the intent journal <em>before</em> the venue port sees it
 * (so a crash never leaves an order sent but unrecorded; the client id is deterministic, so a
 * re-send after a crash is a duplicate the venue refuses), is sent through the account's {@link
 * Venue}, and its outcome (fills, rejection, cancel) comes back through this listener. {@link
 * #execute} waits for the outcome (hedges); {@link #send} is the same path without waiting, the
 * outcome going to the caller's listener (the funding carry's legs). Thread-safe.
 */
public final class ControlGateway implements VenueListener {
  /** Where intents are recorded before an order is sent; throwing stops the order. */
  @FunctionalInterface
  public interface IntentJournal {
    /** Records that {@code order} is about to be sent on {@code accountId}. */
    void intended(String accountId, Order order);
  }

  private static final long CANCEL_WAIT_MS = 2_000;
  private final String accountId;
  private final Venue venue;
  private final PreTradeGuard guard;
  private final IntentJournal journal;
  private final LongSupplier clock;
  private final Map<ClientOrderId, Working> working = new ConcurrentHashMap<>();
  private final Map<ClientOrderId, Routed> routed = new ConcurrentHashMap<>();

  /** An order sent with {@link #send}: where its outcome goes, and how much is still open. */
  private static final class Routed {
    final VenueListener events;
    long open;

    Routed(VenueListener events, long open) {
      this.events = events;
      this.open = open;
    }
  }

  private static final class Working {
    final Order order;
    final CompletableFuture<LegResult.Status> done = new CompletableFuture<>();
    BigDecimal filled = BigDecimal.ZERO;
    BigDecimal notional = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    String reason;

    Working(Order order) {
      this.order = order;
    }
  }

  /** The gateway of {@code accountId}; takes {@code venue}'s listener. */
  public ControlGateway(
      String accountId,
      Venue venue,
      PreTradeGuard guard,
      IntentJournal journal,
      LongSupplier clock) {
    this.accountId = accountId;
    this.venue = venue;
    this.guard = guard;
    this.journal = journal;
    this.clock = clock;
    venue.setListener(this);
  }

  /**
   * Checks, journals and sends {@code order}, then waits up to {@code timeoutMs} for it to end; an
   * order still working then is cancelled and reported with what filled.
   */
  public LegResult execute(
      Order order, Instrument instrument, OrderContext context, long timeoutMs) {
    Optional<PreTradeGuard.Rejection> rejected = guard.check(order, instrument, context);
    if (rejected.isPresent()) {
      return ended(
          new Working(order),
          LegResult.Status.REJECTED,
          rejected.get().rule() + ": " + rejected.get().reason());
    }
    Working w = new Working(order);
    try {
      journal.intended(accountId, order);
    } catch (RuntimeException e) {
      return ended(w, LegResult.Status.REJECTED, "journal: " + e.getMessage());
    }
    working.put(order.clientOrderId(), w);
    try {
      venue.submit(order);
    } catch (ServiceUnavailableException e) {
      working.remove(order.clientOrderId());
      return ended(w, LegResult.Status.REJECTED, "venue_unreachable: " + e.getMessage());
    }
    LegResult.Status status = await(w, timeoutMs);
    if (status == null) {
      venue.cancel(order.clientOrderId());
      LegResult.Status after = await(w, CANCEL_WAIT_MS);
      status = after == LegResult.Status.FILLED ? after : LegResult.Status.TIMED_OUT;
      synchronized (w) {
        w.reason = w.reason == null ? "not filled within " + timeoutMs + " ms" : w.reason;
      }
    }
    working.remove(order.clientOrderId());
    return ended(w, status, null);
  }

  /**
   * Checks, journals and sends {@code order} without waiting: its outcome goes to {@code events} (a
   * rejection by the check, the journal or an unreachable venue too, at once). False when it did
   * not reach the venue.
   */
  public boolean send(
      Order order, Instrument instrument, OrderContext context, VenueListener events) {
    Optional<PreTradeGuard.Rejection> rejected = guard.check(order, instrument, context);
    String why = rejected.map(r -> r.rule() + ": " + r.reason()).orElse(null);
    if (why == null) {
      try {
        journal.intended(accountId, order);
      } catch (RuntimeException e) {
        why = "journal: " + e.getMessage();
      }
    }
    if (why != null) {
      events.onRejected(order, why, clock.getAsLong());
      return false;
    }
    routed.put(order.clientOrderId(), new Routed(events, order.quantity().raw()));
    try {
      venue.submit(order);
      return true;
    } catch (ServiceUnavailableException e) {
      routed.remove(order.clientOrderId());
      events.onRejected(order, "venue_unreachable: " + e.getMessage(), clock.getAsLong());
      return false;
    }
  }

  /** Asks the venue to cancel an order sent with {@link #send}. */
  public void cancel(ClientOrderId clientOrderId) {
    venue.cancel(clientOrderId);
  }

  private static LegResult.Status await(Working w, long timeoutMs) {
    try {
      return w.done.get(Math.max(1, timeoutMs), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private LegResult ended(Working w, LegResult.Status status, String why) {
    synchronized (w) {
      LegResult.Status s = status;
      if (s == LegResult.Status.CANCELLED && w.filled.signum() > 0) {
        s = LegResult.Status.PARTIALLY_FILLED;
      }
      BigDecimal avg =
          w.filled.signum() > 0 ? w.notional.divide(w.filled, MathContext.DECIMAL64) : null;
      return new LegResult(
          accountId,
          w.order.clientOrderId().value(),
          w.order.side(),
          w.order.quantity().toBigDecimal(),
          w.filled,
          avg,
          w.fees,
          s,
          why != null ? why : w.reason,
          clock.getAsLong());
    }
  }

  @Override
  public void onAccepted(Order order, long timeMs) {
    // acceptance changes nothing for a hedge leg: it waits for fills or an end
    Routed r = routed.get(order.clientOrderId());
    if (r != null) {
      r.events.onAccepted(order, timeMs);
    }
  }

  @Override
  public void onFill(Fill fill) {
    Routed r = routed.get(fill.clientOrderId());
    if (r != null) {
      boolean done;
      synchronized (r) {
        r.open -= fill.quantity().raw();
        done = r.open <= 0;
      }
      if (done) {
        routed.remove(fill.clientOrderId()); // filled: nothing more will come
      }
      r.events.onFill(fill);
    }
    Working w = working.get(fill.clientOrderId());
    if (w == null) {
      return;
    }
    synchronized (w) {
      BigDecimal q = fill.quantity().toBigDecimal();
      w.filled = w.filled.add(q);
      w.notional = w.notional.add(q.multiply(fill.price().toBigDecimal()));
      w.fees = w.fees.add(fill.fee().toBigDecimal());
      if (w.filled.compareTo(w.order.quantity().toBigDecimal()) >= 0) {
        w.done.complete(LegResult.Status.FILLED);
      }
    }
  }

  @Override
  public void onRejected(Order order, String reason, long timeMs) {
    Routed r = routed.remove(order.clientOrderId());
    if (r != null) {
      r.events.onRejected(order, reason, timeMs);
    }
    Working w = working.get(order.clientOrderId());
    if (w != null) {
      synchronized (w) {
        w.reason = reason;
      }
      w.done.complete(LegResult.Status.REJECTED);
    }
  }

  @Override
  public void onCancelled(ClientOrderId clientOrderId, long timeMs) {
    Routed r = routed.remove(clientOrderId);
    if (r != null) {
      r.events.onCancelled(clientOrderId, timeMs);
    }
    Working w = working.get(clientOrderId);
    if (w != null) {
      w.done.complete(LegResult.Status.CANCELLED);
    }
  }
}
