package io.perpetua.trading.control;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.Money;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.trading.kernel.AccountKernel;
import io.perpetua.trading.kernel.AccountKernels;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.risk.OrderContext;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * One control account's order path on the trading kernel: every order goes through the account's
 * {@link AccountKernel} — checked by the account's risk engine (which follows the platform's
 * operator controls: an emergency stop refuses it), journaled in the trading journal as intended
 * <em>before</em> the venue port sees it (the client id is deterministic, and after a crash the
 * kernel resumes the journaled orders under their ids: the venue adopts those it already has), sent
 * through the account's {@link Venue}, its fills booked into the kernel's account — and its outcome
 * (fills, rejection, cancel) comes back through this listener. {@link #execute} waits for the
 * outcome (hedges); {@link #send} is the same path without waiting, the outcome going to the
 * caller's listener (the funding carry's legs). Orders before {@link #open} are rejected ({@code
 * order_path}). Thread-safe.
 */
public final class ControlGateway implements VenueListener, AutoCloseable {
  private static final long CANCEL_WAIT_MS = 2_000;
  private final String accountId;
  private final LongSupplier clock;
  private volatile AccountKernel kernel;
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

  /** The gateway of {@code accountId}, closed until {@link #open}. */
  public ControlGateway(String accountId, LongSupplier clock) {
    this.accountId = accountId;
    this.clock = clock;
  }

  /**
   * Opens (resumes from the journal) the account's kernel over {@code venue} with {@code kernels};
   * the kernel takes the venue's listener. Once only.
   *
   * @param capital the kernel account's initial capital when the journal has no state of it yet
   */
  public synchronized void open(
      AccountKernels kernels, Money capital, Venue venue, Collection<Instrument> instruments) {
    if (kernel != null) {
      throw new IllegalStateException("the order path of " + accountId + " is open");
    }
    kernel = kernels.open(accountId, capital, venue, instruments, this);
  }

  /** True once {@link #open}. */
  public boolean isOpen() {
    return kernel != null;
  }

  /** The account's kernel path, empty until {@link #open}. */
  public Optional<AccountKernel> kernel() {
    return Optional.ofNullable(kernel);
  }

  /**
   * Sends {@code order} through the kernel (the mark of {@code context} as the instrument's mark),
   * then waits up to {@code timeoutMs} for it to end; an order still working then is cancelled and
   * reported with what filled.
   */
  public LegResult execute(
      Order order, Instrument instrument, OrderContext context, long timeoutMs) {
    Working w = new Working(order);
    AccountKernel k = kernel;
    if (k == null) {
      return ended(w, LegResult.Status.REJECTED, "order_path: not open");
    }
    working.put(order.clientOrderId(), w);
    try {
      k.submit(order, context.mark());
    } catch (RuntimeException e) {
      working.remove(order.clientOrderId());
      return ended(w, LegResult.Status.REJECTED, "journal: " + e.getMessage());
    }
    LegResult.Status status = await(w, timeoutMs);
    if (status == null) {
      k.cancel(order.clientOrderId());
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
   * Sends {@code order} through the kernel without waiting: its outcome goes to {@code events} (a
   * rejection by the risk engine or an unreachable venue too, at once). False when it did not reach
   * the venue.
   */
  public boolean send(
      Order order, Instrument instrument, OrderContext context, VenueListener events) {
    AccountKernel k = kernel;
    if (k == null) {
      events.onRejected(order, "order_path: not open", clock.getAsLong());
      return false;
    }
    routed.put(order.clientOrderId(), new Routed(events, order.quantity().raw()));
    try {
      return k.submit(order, context.mark());
    } catch (RuntimeException e) {
      if (routed.remove(order.clientOrderId()) != null) {
        events.onRejected(order, "journal: " + e.getMessage(), clock.getAsLong());
      }
      return false;
    }
  }

  /** Asks the venue to cancel an order sent with {@link #send}. */
  public void cancel(ClientOrderId clientOrderId) {
    AccountKernel k = kernel;
    if (k != null) {
      k.cancel(clientOrderId);
    }
  }

  /** Stops the kernel's delivery (the venue port stays open). */
  @Override
  public void close() {
    AccountKernel k = kernel;
    if (k != null) {
      k.close();
    }
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
