package io.perpetua.trading.port;

import java.time.Duration;
import java.util.List;

/**
 * A durable, ordered, at-least-once message bus with consumer groups (the Redis Streams model).
 *
 * <p>Contract (tested against every implementation by one suite):
 *
 * <ul>
 *   <li>{@link #publish} appends and returns an id that increases within the topic;
 *   <li>each group sees every message once in order via {@link #read}, until it {@link #ack}s a
 *       message it is re-delivered by {@link #readPending} to the same consumer (crash recovery);
 *   <li>{@link #range} replays from any offset regardless of groups.
 * </ul>
 *
 * Implementations are thread-safe.
 */
public interface EventBus extends AutoCloseable {
  /** Appends a message and returns its id. */
  String publish(String topic, String payload);

  /** Creates a consumer group reading from the start of the topic; no-op if it exists. */
  void createGroup(String topic, String group);

  /**
   * Reads up to {@code max} messages never delivered to {@code group}, waiting up to {@code block}
   * when none are available; delivered messages stay pending for {@code consumer} until acked.
   */
  List<BusRecord> read(String topic, String group, String consumer, int max, Duration block);

  /** Messages delivered to {@code consumer} of {@code group} and not yet acknowledged. */
  List<BusRecord> readPending(String topic, String group, String consumer, int max);

  /** Acknowledges a message for a group. */
  void ack(String topic, String group, String id);

  /**
   * Up to {@code max} messages with id strictly greater than {@code afterId} ({@code "0"}: all).
   */
  List<BusRecord> range(String topic, String afterId, int max);

  /** Number of messages in the topic. */
  long size(String topic);

  @Override
  void close();
}
