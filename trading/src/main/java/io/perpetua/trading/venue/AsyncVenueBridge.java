package io.perpetua.trading.venue;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Puts an asynchronous {@link Venue} (a real exchange adapter, whose callbacks come from its own
 * thread) behind the kernel's {@link PriceDrivenVenue} port, so that the single-threaded kernel can
 * drive it exactly like the simulated venue.
 *
 * <ul>
 *   <li>{@link #submit} and {@link #cancel} are forwarded at once. While the venue is known to be
 *       unreachable ({@link #setReachable}), {@code submit} throws {@link
 *       ServiceUnavailableException}, so the risk engine sees the outage and no order is sent.
 *   <li>The wrapped venue's callbacks are queued and delivered to the kernel's listener only on the
 *       kernel thread, when the kernel calls {@link #onPrice} (or {@link #drain}). Their times are
 *       re-stamped with the kernel clock (replay time), so the journal and the risk engine see one
 *       timeline.
 *   <li>Each {@link #onPrice} first hands the price to the price feed (a price-driven fake venue is
 *       fed the replayed prices there; a real venue ignores it), then waits at most {@code
 *       settleWaitMs} until no order is pending an answer: a market order until it is filled,
 *       rejected or cancelled; a limit order until it is acknowledged. Replay time moves fast (an
 *       hour a second at {@code --speed 3600}); the wait lets orders sent at a timer be filled
 *       before the next bar, as in the simulated venue.
 * </ul>
 *
 * <p>Thread-safety: {@link #submit}, {@link #cancel}, {@link #onPrice} and {@link #drain} are
 * called by the kernel thread; the wrapped venue may call back from any thread.
 */
public final class AsyncVenueBridge implements PriceDrivenVenue {
  /** Receives the kernel's replayed prices (e.g. to make a fake venue trade at them). */
  @FunctionalInterface
  public interface PriceFeed {
    /** The kernel saw {@code price} for {@code instrument} at {@code timeMs}. */
    void onPrice(InstrumentId instrument, double price, long timeMs);

    /** A feed that ignores prices (a real venue has its own market). */
    static PriceFeed none() {
      return (instrument, price, timeMs) -> {};
    }
  }

  private final Venue venue;
  private final Clock clock;
  private final PriceFeed feed;
  private final long settleWaitMs;
  private final Queue<Consumer<VenueListener>> inbox = new ConcurrentLinkedQueue<>();
  private final Object lock = new Object();
  // remaining quantity of orders pending an answer (guarded by lock)
  private final Map<ClientOrderId, Double> pending = new HashMap<>();
  private VenueListener listener;
  private volatile boolean reachable = true;
  private long settledAt = Long.MIN_VALUE;

  /**
   * A bridge over {@code venue}.
   *
   * @param clock the kernel clock (callback times are re-stamped with it)
   * @param feed receives every replayed price before the callbacks are drained
   * @param settleWaitMs longest wait per price for orders pending an answer (0 = never wait)
   */
  public AsyncVenueBridge(Venue venue, Clock clock, PriceFeed feed, long settleWaitMs) {
    if (settleWaitMs < 0) {
      throw new IllegalArgumentException("settleWaitMs must not be negative");
    }
    this.venue = venue;
    this.clock = clock;
    this.feed = feed;
    this.settleWaitMs = settleWaitMs;
    venue.setListener(new Inbound());
  }

  @Override
  public void setListener(VenueListener listener) {
    this.listener = listener;
  }

  @Override
  public boolean isSimulated() {
    return venue.isSimulated();
  }

  @Override
  public void submit(Order order) {
    if (!reachable) {
      throw new ServiceUnavailableException("venue unreachable", null);
    }
    synchronized (lock) {
      pending.put(order.clientOrderId(), order.quantity().toDouble());
    }
    try {
      venue.submit(order);
    } catch (RuntimeException e) {
      synchronized (lock) {
        pending.remove(order.clientOrderId());
      }
      throw e;
    }
  }

  @Override
  public void cancel(ClientOrderId clientOrderId) {
    venue.cancel(clientOrderId);
  }

  @Override
  public void onPrice(InstrumentId instrument, double price, long timeMs) {
    feed.onPrice(instrument, price, timeMs);
    if (timeMs != settledAt) {
      settledAt = timeMs; // one bounded wait per bar, not per instrument
      awaitSettled(settleWaitMs);
    }
    drain();
  }

  /**
   * Waits up to {@code timeoutMs} until no order is pending an answer; true when none is. Does not
   * deliver anything (see {@link #drain}).
   */
  public boolean awaitSettled(long timeoutMs) {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    synchronized (lock) {
      while (!pending.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000L));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /** Delivers every queued callback to the kernel's listener (kernel thread only). */
  public void drain() {
    for (Consumer<VenueListener> c = inbox.poll(); c != null; c = inbox.poll()) {
      c.accept(listener);
    }
  }

  /** True when no order is pending an answer and no callback is waiting for delivery. */
  public boolean idle() {
    synchronized (lock) {
      return pending.isEmpty() && inbox.isEmpty();
    }
  }

  /** Orders sent and still pending an answer. */
  public int pendingOrders() {
    synchronized (lock) {
      return pending.size();
    }
  }

  /**
   * Whether the venue is reachable (set by the reconciliation probe). While false, {@link #submit}
   * throws {@link ServiceUnavailableException}.
   */
  public void setReachable(boolean reachable) {
    this.reachable = reachable;
  }

  /** True unless the last probe found the venue unreachable. */
  public boolean reachable() {
    return reachable;
  }

  private void answered(ClientOrderId id, double filled, boolean terminal, boolean accepted) {
    synchronized (lock) {
      Double left = pending.get(id);
      if (left == null) {
        return;
      }
      double remaining = left - filled;
      if (terminal || remaining <= 1e-12 || accepted) {
        pending.remove(id);
        lock.notifyAll();
      } else if (filled > 0) {
        pending.put(id, remaining);
      }
    }
  }

  /** Runs on the wrapped venue's thread: records the answer and queues the callback. */
  private final class Inbound implements VenueListener {
    @Override
    public void onAccepted(Order order, long timeMs) {
      inbox.add(l -> l.onAccepted(order, clock.nowMillis()));
      answered(order.clientOrderId(), 0, false, order.type() == OrderType.LIMIT);
    }

    @Override
    public void onFill(Fill fill) {
      inbox.add(
          l ->
              l.onFill(
                  new Fill(
                      fill.tradeId(),
                      fill.clientOrderId(),
                      fill.instrument(),
                      fill.side(),
                      fill.quantity(),
                      fill.price(),
                      fill.fee(),
                      fill.liquidity(),
                      clock.nowMillis())));
      answered(fill.clientOrderId(), fill.quantity().toDouble(), false, false);
    }

    @Override
    public void onRejected(Order order, String reason, long timeMs) {
      inbox.add(l -> l.onRejected(order, reason, clock.nowMillis()));
      answered(order.clientOrderId(), 0, true, false);
    }

    @Override
    public void onCancelled(ClientOrderId clientOrderId, long timeMs) {
      inbox.add(l -> l.onCancelled(clientOrderId, clock.nowMillis()));
      answered(clientOrderId, 0, true, false);
    }
  }
}
