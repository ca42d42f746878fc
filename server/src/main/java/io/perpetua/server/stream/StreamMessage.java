package io.perpetua.server.stream;

import java.util.Objects;

/**
 * One message of a stream channel, as sent: {@code {"seq", "channel", "type", "time", "data"}}.
 * Immutable; its JSON text is rendered once, on the sender thread, and shared by every client.
 *
 * @param seq position in the channel, from 1, increasing by one
 * @param channel e.g. {@code strategy/baseline_rev}
 * @param type the event's wire name, e.g. {@code order.filled}
 * @param timeMs when the event happened, epoch ms
 * @param data the payload (a record or map serialised with the API's JSON mapper)
 */
public record StreamMessage(long seq, String channel, String type, long timeMs, Object data) {
  /** Validates. */
  public StreamMessage {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1: " + seq);
    }
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(type, "type");
  }
}
