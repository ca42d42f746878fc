package io.perpetua.trading.port;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where webhook deliveries wait until they are delivered or dead-lettered, so that a process killed
 * while a receiver is down loses nothing: a delivery is written here before its first attempt,
 * removed when it is delivered or dead-lettered, and taken up again on the next start. Delivery is
 * at least once: a process killed between a receiver's 2xx and the removal sends it again. Writes
 * are durable when the method returns. Implementations are thread-safe.
 */
public interface WebhookOutbox {
  /** Stores {@code delivery} (its id is ignored) and returns the id it is kept under (> 0). */
  long enqueue(Queued delivery);

  /** Records that the delivery kept under {@code id} has had {@code attempts} attempts. */
  void attempted(long id, int attempts);

  /** Removes the delivery kept under {@code id}; nothing when it is not there. */
  void remove(long id);

  /** Every delivery still waiting, oldest first. */
  List<Queued> pending();

  /** Whether deliveries outlive the process (false: they are dead-lettered on close). */
  boolean durable();

  /** An outbox in memory: nothing outlives the process. */
  static WebhookOutbox inMemory() {
    AtomicLong ids = new AtomicLong();
    return new WebhookOutbox() {
      @Override
      public long enqueue(Queued delivery) {
        return ids.incrementAndGet();
      }

      @Override
      public void attempted(long id, int attempts) {}

      @Override
      public void remove(long id) {}

      @Override
      public List<Queued> pending() {
        return List.of();
      }

      @Override
      public boolean durable() {
        return false;
      }
    };
  }

  /**
   * One delivery of a notification to one channel.
   *
   * @param id the outbox's id (0 before it is stored)
   * @param channel the webhook channel's name
   * @param kind the notification kind, e.g. {@code risk_event}
   * @param payload the request body (JSON, never containing the URL's secret)
   * @param attempts delivery attempts made so far
   * @param createdAtMs when the notification was raised, epoch ms
   */
  record Queued(
      long id, String channel, String kind, String payload, int attempts, long createdAtMs) {
    /** Validates. */
    public Queued {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(payload, "payload");
      if (attempts < 0 || id < 0) {
        throw new IllegalArgumentException("attempts and id must be >= 0");
      }
    }
  }
}
