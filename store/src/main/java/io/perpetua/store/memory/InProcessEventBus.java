package io.perpetua.store.memory;

import io.perpetua.trading.port.BusRecord;
import io.perpetua.trading.port.EventBus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * An in-memory {@link EventBus} with the semantics of Redis Streams: ids {@code <ms>-<seq>} that
 * strictly increase within a topic (even if the clock goes back), consumer groups that start at the
 * beginning of the topic, per-consumer pending lists until {@link #ack}, and replay with {@link
 * #range}. Nothing survives the process; it is the embedded default and the reference
 * implementation in tests.
 *
 * <p>Thread-safe: each topic has its own lock; {@link #read} blocks on a condition signalled by
 * {@link #publish} (no polling). After {@link #close} blocked readers return and further calls
 * throw {@link IllegalStateException}. Reading with a group that does not exist throws {@link
 * IllegalStateException}.
 */
public final class InProcessEventBus implements EventBus {
  private final ConcurrentMap<String, MemoryTopic> topics = new ConcurrentHashMap<>();
  private final LongSupplier clockMs;
  private volatile boolean closed;

  /** A bus whose ids use the wall clock. */
  public InProcessEventBus() {
    this(System::currentTimeMillis);
  }

  /** A bus whose ids use {@code clockMs} (epoch ms), e.g. a replay clock. */
  public InProcessEventBus(LongSupplier clockMs) {
    this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
  }

  @Override
  public String publish(String topic, String payload) {
    Objects.requireNonNull(payload, "payload");
    return topic(topic).append(payload, clockMs);
  }

  @Override
  public void createGroup(String topic, String group) {
    topic(topic).createGroup(Objects.requireNonNull(group, "group"));
  }

  @Override
  public List<BusRecord> read(
      String topic, String group, String consumer, int max, Duration block) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(consumer, "consumer");
    long blockNanos = Math.max(0, saturatedNanos(Objects.requireNonNull(block, "block")));
    return topic(topic).read(group, consumer, positive(max), blockNanos, () -> closed);
  }

  @Override
  public List<BusRecord> readPending(String topic, String group, String consumer, int max) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(consumer, "consumer");
    return topic(topic).readPending(group, consumer, positive(max));
  }

  @Override
  public void ack(String topic, String group, String id) {
    Objects.requireNonNull(group, "group");
    topic(topic).ack(group, StreamId.parse(id));
  }

  @Override
  public List<BusRecord> range(String topic, String afterId, int max) {
    return topic(topic).range(StreamId.parse(afterId), positive(max));
  }

  @Override
  public long size(String topic) {
    return topic(topic).size();
  }

  @Override
  public void close() {
    closed = true;
    topics.values().forEach(MemoryTopic::wakeAll);
  }

  private MemoryTopic topic(String topic) {
    if (closed) {
      throw new IllegalStateException("event bus is closed");
    }
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("topic must not be blank");
    }
    return topics.computeIfAbsent(topic, t -> new MemoryTopic());
  }

  private static long saturatedNanos(Duration block) {
    try {
      return block.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static int positive(int max) {
    if (max <= 0) {
      throw new IllegalArgumentException("max must be positive, was " + max);
    }
    return max;
  }
}
