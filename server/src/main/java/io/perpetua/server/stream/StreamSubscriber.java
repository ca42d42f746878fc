package io.perpetua.server.stream;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One client's subscription to one channel: its cursor (the next sequence number to send) and its
 * writes in flight. {@link #pump} runs only on the hub's sender thread; the write callbacks run on
 * Jetty's threads and only touch the atomic in-flight count.
 */
final class StreamSubscriber {
  private final StreamChannel channel;
  private final StreamSink sink;
  private final StreamHub.Limits limits;
  private final Runnable wake;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final long requestedSince;
  private long cursor;
  private boolean greeted;
  private long saturatedSinceNanos;
  private long droppedAtNanos;
  private volatile boolean dropped;
  private volatile boolean slow;

  StreamSubscriber(
      StreamChannel channel, StreamSink sink, long since, StreamHub.Limits limits, Runnable wake) {
    this.channel = channel;
    this.sink = sink;
    this.limits = limits;
    this.wake = wake;
    this.requestedSince = since;
    this.cursor = since < 0 ? channel.next() : since + 1;
  }

  StreamChannel channel() {
    return channel;
  }

  boolean dropped() {
    return dropped;
  }

  /** The last sequence number handed to the client's connection. */
  long lastSent() {
    return cursor - 1;
  }

  /**
   * Sends what the client can take now; returns whether anything was sent. Drops the client when it
   * lags more than {@code maxLag} messages or its writes stayed saturated past the stall time.
   *
   * @return {@code true} if it sent something
   */
  boolean pump(Function<StreamMessage, String> render, long nowNanos) {
    if (dropped) {
      return false;
    }
    if (!greeted) {
      greeted = true;
      greet(render);
    }
    boolean sent = false;
    while (inFlight.get() < limits.maxInFlight()) {
      StreamMessage m = channel.get(cursor);
      if (m == null) {
        break;
      }
      write(render.apply(m));
      cursor++;
      sent = true;
    }
    checkLag(nowNanos);
    return sent;
  }

  /** The hub is shutting down or the client left. */
  void close(int code, String reason) {
    dropped = true;
    sink.close(code, reason);
  }

  /**
   * Whether the subscription is over (the client left, or was dropped and its connection is gone);
   * a dropped client that has not answered the close within the stall time is disconnected.
   */
  boolean reap(long nowNanos) {
    if (!sink.isOpen()) {
      return true;
    }
    if (dropped && slow && nowNanos - droppedAtNanos > limits.stallTimeout().toNanos()) {
      sink.disconnect();
      return true;
    }
    return false;
  }

  /** Whether it was dropped for being too slow. */
  boolean slow() {
    return slow;
  }

  /**
   * The first messages: a {@code stream.reset} when {@code since} is ahead of the channel (sequence
   * numbers restarted with the server) or a {@code stream.gap} when the messages after it are no
   * longer held ({@code restarted}: they were another process's, before this epoch), then {@code
   * stream.subscribed} with the next sequence number the client gets.
   */
  private void greet(Function<StreamMessage, String> render) {
    long first = channel.first();
    long next = channel.next();
    if (requestedSince >= next) {
      write(
          StreamHub.control(
              "stream.reset",
              channel.name(),
              Map.of("requested_since", requestedSince, "first_available", first)));
      cursor = first;
    } else if (requestedSince >= 0 && requestedSince + 1 < first) {
      write(
          StreamHub.control(
              "stream.gap",
              channel.name(),
              Map.of(
                  "requested_since",
                  requestedSince,
                  "first_available",
                  first,
                  "restarted",
                  requestedSince < channel.base())));
      cursor = first;
    }
    write(StreamHub.control("stream.subscribed", channel.name(), Map.of("next_seq", cursor)));
  }

  private void write(String text) {
    inFlight.incrementAndGet();
    sink.send(
        text,
        () -> {
          inFlight.decrementAndGet();
          wake.run();
        });
  }

  private void checkLag(long nowNanos) {
    long lag = channel.next() - cursor;
    boolean saturated = inFlight.get() >= limits.maxInFlight();
    if (!saturated) {
      saturatedSinceNanos = 0;
    } else if (saturatedSinceNanos == 0) {
      saturatedSinceNanos = nowNanos;
    }
    boolean stalled = saturated && nowNanos - saturatedSinceNanos > limits.stallTimeout().toNanos();
    if (lag > limits.maxLag() || cursor < channel.first() || stalled) {
      dropped = true;
      slow = true;
      droppedAtNanos = nowNanos;
      sink.close(
          StreamHub.CLOSE_SLOW_CONSUMER,
          "slow consumer: " + lag + " behind; resume with since=" + lastSent());
    }
  }
}
