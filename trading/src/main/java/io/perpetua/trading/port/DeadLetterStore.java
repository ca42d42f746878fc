package io.perpetua.trading.port;

import java.util.List;
import java.util.Objects;

/**
 * Where a notification that could not be delivered ends up (webhook receiver down past every retry,
 * a permanent refusal, or the platform stopping with deliveries pending): the dead-letter record,
 * kept so nothing is lost and an operator can replay it. Writes are durable when the method
 * returns. Implementations are thread-safe.
 */
public interface DeadLetterStore {
  /** Records an undeliverable message. */
  void add(DeadLetter letter);

  /** The newest {@code limit} dead letters, newest first. */
  List<DeadLetter> recent(int limit);

  /**
   * One undeliverable message.
   *
   * @param channel the webhook channel's name
   * @param kind the notification kind, e.g. {@code risk_event}
   * @param payload the request body that was to be sent (JSON, never containing the URL's secret)
   * @param attempts delivery attempts made
   * @param lastError the last failure (status or exception), never the URL
   * @param createdAtMs when the notification was raised, epoch ms
   * @param deadAtMs when it was given up, epoch ms
   */
  record DeadLetter(
      String channel,
      String kind,
      String payload,
      int attempts,
      String lastError,
      long createdAtMs,
      long deadAtMs) {
    /** Validates. */
    public DeadLetter {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(payload, "payload");
      Objects.requireNonNull(lastError, "lastError");
      if (attempts < 0) {
        throw new IllegalArgumentException("attempts must be >= 0");
      }
    }
  }
}
