package io.perpetua.server.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.server.json.Json;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream channels and their clients. {@link #publish} (called on the kernel thread, or any
 * other) appends to the channel's ring and wakes the sender thread: it never waits for a client, so
 * a stalled client cannot delay the publisher. The sender thread renders each message once and
 * writes it asynchronously to every subscriber of the channel, at most {@link Limits#maxInFlight}
 * unfinished writes per client; a client more than {@link Limits#maxLag} messages behind, or whose
 * writes stay saturated for {@link Limits#stallTimeout}, is closed with {@link
 * #CLOSE_SLOW_CONSUMER} (and disconnected if it does not answer the close) — it reconnects with
 * {@code since} = the last sequence number it received. Thread-safe.
 */
public final class StreamHub implements AutoCloseable {
  /** WebSocket close code sent to a client dropped for being too slow. */
  public static final int CLOSE_SLOW_CONSUMER = 4008;

  private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);
  private static final ObjectMapper MAPPER = Json.newMapper();
  private static final long IDLE_PARK_NANOS = Duration.ofMillis(100).toNanos();

  private final Limits limits;
  private final Map<String, StreamChannel> channels = new ConcurrentHashMap<>();
  private final List<StreamSubscriber> subscribers = new CopyOnWriteArrayList<>();
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong resumes = new AtomicLong();
  private final AtomicLong drops = new AtomicLong();
  private final Thread sender;
  private volatile boolean running = true;
  private volatile long base;

  /**
   * Bounds of the hub.
   *
   * @param ringCapacity messages kept per channel for resuming
   * @param maxInFlight unfinished writes per client before the hub waits for it
   * @param maxLag messages a client may be behind before it is dropped (below the capacity)
   * @param stallTimeout how long a client's writes may stay saturated before it is dropped
   */
  public record Limits(int ringCapacity, int maxInFlight, int maxLag, Duration stallTimeout) {
    /** Validates. */
    public Limits {
      if (ringCapacity < 2 || maxInFlight < 1 || maxLag < 1 || maxLag >= ringCapacity) {
        throw new IllegalArgumentException(
            "need ringCapacity >= 2, maxInFlight >= 1 and 1 <= maxLag < ringCapacity");
      }
      Objects.requireNonNull(stallTimeout, "stallTimeout");
    }

    /** 10,000 messages per channel, 64 writes in flight, 5,000 behind, 5 s stalled. */
    public static Limits defaults() {
      return new Limits(10_000, 64, 5_000, Duration.ofSeconds(5));
    }
  }

  /** A hub with its sender thread started. */
  public StreamHub(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.sender = Thread.ofPlatform().name("stream-sender").daemon().unstarted(this::run);
    sender.start();
  }

  /**
   * Appends a message to {@code channel} (created on first use) and wakes the sender; never blocks
   * on clients.
   *
   * @return the message with its sequence number
   */
  public StreamMessage publish(String channel, String type, long timeMs, Object data) {
    StreamMessage m = channel(channel).append(type, timeMs, data);
    LockSupport.unpark(sender);
    return m;
  }

  /** Largest epoch: its sequence numbers stay below 2^53, exact in JavaScript clients. */
  public static final long MAX_EPOCH = (1L << 21) - 1;

  /**
   * This process's stream epoch (from {@code stream_epochs}, above every earlier process's):
   * sequence numbers continue from {@code epoch << 32}, above every number an earlier process sent,
   * so a client resuming with one of those gets {@code stream.gap} (restarted) and never another
   * process's events under its numbers. Channels that already hold messages start again there.
   */
  public void epoch(long epoch) {
    if (epoch < 1 || epoch > MAX_EPOCH) {
      throw new IllegalArgumentException("stream epoch must be 1.." + MAX_EPOCH + ": " + epoch);
    }
    synchronized (channels) {
      base = epoch << 32;
      channels.values().forEach(c -> c.restartAfter(base));
    }
    LockSupport.unpark(sender);
  }

  /** Whether any client is subscribed to {@code channel} (publishers may skip costly payloads). */
  public boolean hasSubscribers(String channel) {
    for (StreamSubscriber s : subscribers) {
      if (s.channel().name().equals(channel) && !s.dropped()) {
        return true;
      }
    }
    return false;
  }

  /** The next sequence number of {@code channel} (1 when nothing was published). */
  public long nextSeq(String channel) {
    StreamChannel c = channels.get(channel);
    return c == null ? 1 : c.next();
  }

  /** Clients connected so far, of which resumed ({@code since} given), and dropped as slow. */
  public record Stats(long connects, long resumes, long slowDrops, int connected) {}

  /** Connection counters. */
  public Stats stats() {
    return new Stats(connects.get(), resumes.get(), drops.get(), subscribers.size());
  }

  /**
   * Subscribes a client.
   *
   * @param since the last sequence number the client has, or {@code -1} for new messages only
   */
  StreamSubscriber subscribe(String channel, long since, StreamSink sink) {
    StreamSubscriber s =
        new StreamSubscriber(
            channel(channel), sink, since, limits, () -> LockSupport.unpark(sender));
    connects.incrementAndGet();
    if (since >= 0) {
      resumes.incrementAndGet();
    }
    subscribers.add(s);
    LockSupport.unpark(sender);
    return s;
  }

  /** The client left. */
  void unsubscribe(StreamSubscriber s) {
    subscribers.remove(s);
  }

  /** Closes every client (1001 going away) and stops the sender thread. */
  @Override
  public void close() {
    running = false;
    LockSupport.unpark(sender);
    for (StreamSubscriber s : subscribers) {
      s.close(1001, "server stopping");
    }
    subscribers.clear();
    try {
      sender.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A control message (no sequence number): {@code {"type", "channel", "data"}}. */
  static String control(String type, String channel, Map<String, Object> data) {
    return json(new Control(type, channel, data));
  }

  private StreamChannel channel(String name) {
    StreamChannel c = channels.get(name);
    if (c != null) {
      return c;
    }
    synchronized (channels) {
      return channels.computeIfAbsent(name, n -> new StreamChannel(n, limits.ringCapacity(), base));
    }
  }

  private void run() {
    while (running) {
      boolean progressed = false;
      long now = System.nanoTime();
      for (StreamSubscriber s : subscribers) {
        try {
          progressed |= s.pump(this::render, now);
          if (s.reap(now)) {
            if (s.slow()) {
              drops.incrementAndGet();
            }
            subscribers.remove(s);
          }
        } catch (RuntimeException e) {
          LOG.warn("stream client dropped: {}", e.toString());
          s.close(1011, "server error");
          subscribers.remove(s);
        }
      }
      if (!progressed) {
        LockSupport.parkNanos(IDLE_PARK_NANOS);
      }
    }
  }

  private String render(StreamMessage m) {
    StreamChannel c = channels.get(m.channel());
    String cached = c.rendered(m.seq());
    if (cached != null) {
      return cached;
    }
    String json =
        json(
            new Wire(
                m.seq(),
                m.channel(),
                m.type(),
                Instant.ofEpochMilli(m.timeMs()),
                m.timeMs(),
                m.data()));
    c.cache(m.seq(), json);
    return json;
  }

  private static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A message on the wire. */
  private record Wire(
      long seq, String channel, String type, Instant time, long timeMs, Object data) {}

  /** A control message on the wire. */
  private record Control(String type, String channel, Map<String, Object> data) {}
}
