package io.perpetua.store.resilience;

import io.perpetua.trading.port.EventBus;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes on an {@link EventBus} without ever failing the caller: while the bus is unreachable
 * messages wait here, in order, and a background task sends them every {@code retryEvery} once it
 * answers again; messages published meanwhile queue behind them, so each topic keeps its order. At
 * most {@code capacity} messages wait; beyond that the oldest are dropped and counted (the journal,
 * not the bus, is the record). Thread-safe; a publisher waits for at most one bus call.
 */
public final class EventOutbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventOutbox.class);

  private record Message(String topic, String payload) {}

  private final EventBus bus;
  private final int capacity;
  private final ArrayDeque<Message> queue = new ArrayDeque<>(); // guarded by this
  private final RetryTask retry;
  private long dropped; // guarded by this
  private boolean down; // guarded by this

  /** An outbox in front of {@code bus} (not closed with it) holding up to {@code capacity}. */
  public EventOutbox(EventBus bus, int capacity, Duration retryEvery) {
    this.bus = Objects.requireNonNull(bus, "bus");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    this.capacity = capacity;
    this.retry = new RetryTask("event-outbox-retry", retryEvery, this::drain);
  }

  /** Publishes now when nothing waits and the bus answers, else queues behind what waits. */
  public synchronized void publish(String topic, String payload) {
    Message m = new Message(Objects.requireNonNull(topic), Objects.requireNonNull(payload));
    if (queue.isEmpty() && !down) {
      try {
        bus.publish(m.topic(), m.payload());
        return;
      } catch (ServiceUnavailableException e) {
        down = true;
        LOG.warn("event bus unavailable ({}): events wait in the outbox", e.getMessage());
      }
    }
    if (queue.size() == capacity) {
      queue.removeFirst();
      dropped++;
    }
    queue.addLast(m);
  }

  /** Messages waiting for the bus. */
  public synchronized int waiting() {
    return queue.size();
  }

  /** Messages dropped because the outbox was full. */
  public synchronized long dropped() {
    return dropped;
  }

  /** True while the bus is unreachable (messages wait). */
  public synchronized boolean unavailable() {
    return down;
  }

  /** Sends what waits, oldest first, until the queue is empty or the bus fails again. */
  void drain() {
    int sent = 0;
    while (true) {
      synchronized (this) {
        Message m = queue.peekFirst();
        if (m == null) {
          if (down) {
            down = false;
            LOG.info("event bus back: {} waiting events sent, {} dropped", sent, dropped);
          }
          return;
        }
        try {
          bus.publish(m.topic(), m.payload());
        } catch (ServiceUnavailableException e) {
          down = true;
          return;
        } catch (RuntimeException e) {
          LOG.warn("event dropped from the outbox: {}", e.getMessage());
          dropped++;
        }
        queue.removeFirst();
        sent++;
      }
    }
  }

  @Override
  public void close() {
    retry.close();
  }
}
