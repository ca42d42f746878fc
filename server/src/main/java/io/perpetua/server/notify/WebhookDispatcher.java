package io.perpetua.server.notify;

import io.perpetua.trading.port.DeadLetterStore;
import io.perpetua.trading.port.DeadLetterStore.DeadLetter;
import io.perpetua.trading.port.WebhookOutbox;
import io.perpetua.trading.port.WebhookOutbox.Queued;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link Notification}s to the {@link WebhookChannel}s whose filter accepts them. {@link
 * #submit} never blocks: each delivery is queued and attempted on the dispatcher's threads; a
 * network error, a timeout, 408, 425, 429 or a 5xx is retried with exponential back-off ({@link
 * Retry}); any other 4xx is permanent. A delivery that runs out of attempts, is refused for good or
 * finds the queue full is written to the {@link DeadLetterStore} — nothing is dropped silently.
 * Each delivery is kept in a {@link WebhookOutbox} from its first attempt (on a delivery thread, so
 * {@link #submit} never waits for a database) until it is delivered or dead-lettered; with a
 * durable outbox, deliveries pending when the process stops or is killed are taken up again by
 * {@link #recover} on the next start (at least once), otherwise they are dead-lettered on close.
 * URLs are never logged. Thread-safe.
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final Set<Integer> RETRIED = Set.of(408, 425, 429);

  /**
   * The retry policy.
   *
   * @param maxAttempts attempts per delivery before it is dead-lettered
   * @param firstDelay the delay before the second attempt; doubled for each further one
   * @param maxDelay the longest delay between attempts
   * @param timeout one attempt's time limit
   * @param maxPending deliveries queued at most; more are dead-lettered at once
   */
  public record Retry(
      int maxAttempts, Duration firstDelay, Duration maxDelay, Duration timeout, int maxPending) {
    /** Validates. */
    public Retry {
      if (maxAttempts < 1 || maxPending < 1) {
        throw new IllegalArgumentException("maxAttempts and maxPending must be >= 1");
      }
      Objects.requireNonNull(firstDelay, "firstDelay");
      Objects.requireNonNull(maxDelay, "maxDelay");
      Objects.requireNonNull(timeout, "timeout");
    }

    /** 6 attempts, 2 s doubling up to 5 min (about 1 min in all), 10 s timeout, 10,000 queued. */
    public static Retry defaults() {
      return new Retry(
          6, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(10), 10_000);
    }
  }

  /** Posts a JSON body; returns the HTTP status. */
  @FunctionalInterface
  public interface Transport {
    /**
     * One attempt.
     *
     * @throws IOException on a network error or timeout
     */
    int post(URI url, String json, Duration timeout) throws IOException, InterruptedException;

    /** The JDK HTTP client. */
    static Transport http() {
      HttpClient client =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      return (url, json, timeout) ->
          client
              .send(
                  HttpRequest.newBuilder(url)
                      .timeout(timeout)
                      .header("Content-Type", "application/json")
                      .header("User-Agent", "perpetua-webhooks")
                      .POST(HttpRequest.BodyPublishers.ofString(json))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
    }
  }

  /** Counters: delivered, retried attempts, dead-lettered, queued now. */
  public record Stats(long delivered, long retries, long deadLettered, int pending) {}

  private final List<WebhookChannel> channels;
  private final DeadLetterStore deadLetters;
  private final WebhookOutbox outbox;
  private final Retry retry;
  private final LongSupplier clock;
  private final Transport transport;
  private final ScheduledExecutorService executor;
  private final Set<Delivery> pending = ConcurrentHashMap.newKeySet();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong dead = new AtomicLong();
  private volatile boolean closed;

  /** A dispatcher with an outbox in memory (deliveries do not outlive the process). */
  public WebhookDispatcher(
      List<WebhookChannel> channels,
      DeadLetterStore deadLetters,
      Retry retry,
      LongSupplier clock,
      Transport transport) {
    this(channels, deadLetters, WebhookOutbox.inMemory(), retry, clock, transport);
  }

  /**
   * A dispatcher with two delivery threads.
   *
   * @param outbox where deliveries wait until delivered or dead-lettered
   * @param clock wall clock, epoch ms (dead letters' times)
   */
  public WebhookDispatcher(
      List<WebhookChannel> channels,
      DeadLetterStore deadLetters,
      WebhookOutbox outbox,
      Retry retry,
      LongSupplier clock,
      Transport transport) {
    this.channels = List.copyOf(channels);
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.executor =
        Executors.newScheduledThreadPool(
            2, r -> Thread.ofPlatform().name("webhooks").daemon().unstarted(r));
  }

  /** The configured channels. */
  public List<WebhookChannel> channels() {
    return channels;
  }

  /** Queues {@code n} for every channel that accepts it; never blocks. */
  public void submit(Notification n) {
    for (WebhookChannel c : channels) {
      if (c.accepts(n)) {
        Delivery d = new Delivery(c, c.name(), n.kind(), WebhookPayloads.body(c, n), n.timeMs());
        if (closed || pending.size() >= retry.maxPending()) {
          deadLetter(d, 0, closed ? "dispatcher closed" : "queue full");
        } else {
          pending.add(d);
          schedule(d, 0, 0);
        }
      }
    }
  }

  /**
   * Takes up the deliveries a previous process left in the outbox (killed, or stopped while a
   * receiver was down) and returns how many; those of a channel no longer configured are
   * dead-lettered. Call once, when the outbox's store is open.
   */
  public synchronized int recover() {
    Map<String, WebhookChannel> byName = new java.util.HashMap<>();
    channels.forEach(c -> byName.put(c.name(), c));
    Set<Long> known = new java.util.HashSet<>();
    pending.forEach(d -> known.add(d.id));
    int taken = 0;
    for (Queued q : outbox.pending()) {
      if (known.contains(q.id())) {
        continue;
      }
      WebhookChannel c = byName.get(q.channel());
      Delivery d = new Delivery(c, q.channel(), q.kind(), q.payload(), q.createdAtMs());
      d.id = q.id();
      d.attempts = q.attempts();
      if (c == null) {
        deadLetter(d, d.attempts, "channel no longer configured");
        forget(d);
        continue;
      }
      pending.add(d);
      schedule(d, d.attempts, 0);
      taken++;
    }
    if (taken > 0) {
      LOG.info("webhooks: {} delivery(ies) left by an earlier run taken up again", taken);
    }
    return taken;
  }

  /** The counters. */
  public Stats stats() {
    return new Stats(delivered.get(), retries.get(), dead.get(), pending.size());
  }

  /**
   * Stops. Deliveries still pending stay in a durable outbox for the next start; with an outbox in
   * memory they are dead-lettered.
   */
  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
    try {
      executor.awaitTermination(retry.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int kept = 0;
    for (Delivery d : Set.copyOf(pending)) {
      if (pending.remove(d)) {
        if (outbox.durable() && d.id > 0) {
          kept++;
        } else {
          deadLetter(d, d.attempts, "platform stopped before delivery");
        }
      }
    }
    if (kept > 0) {
      LOG.info("webhooks: {} pending delivery(ies) kept in the outbox for the next start", kept);
    }
  }

  private void schedule(Delivery d, int attemptsSoFar, long delayMs) {
    try {
      executor.schedule(() -> attempt(d), delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) { // closing: as close() treats what is pending
      if (pending.remove(d) && !(outbox.durable() && d.id > 0)) {
        deadLetter(d, attemptsSoFar, "platform stopped before delivery");
      }
    }
  }

  private void attempt(Delivery d) {
    if (d.id == 0) {
      store(d);
    }
    d.attempts++;
    String error;
    boolean permanent = false;
    try {
      int status = transport.post(d.channel.url(), d.body, retry.timeout());
      if (status >= 200 && status < 300) {
        pending.remove(d);
        delivered.incrementAndGet();
        forget(d);
        return;
      }
      error = "HTTP " + status;
      permanent = status >= 400 && status < 500 && !RETRIED.contains(status);
    } catch (IOException e) {
      error = e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // closing: close() dead-letters it
    }
    if (permanent || d.attempts >= retry.maxAttempts()) {
      if (pending.remove(d)) {
        deadLetter(d, d.attempts, error);
        forget(d);
      }
      return;
    }
    outboxCall("record attempt", () -> outbox.attempted(d.id, d.attempts), d);
    retries.incrementAndGet();
    LOG.info(
        "webhook '{}' {} attempt {} failed ({}); retrying",
        d.channel.name(),
        d.kind,
        d.attempts,
        error);
    schedule(d, d.attempts, delayMs(d.attempts));
  }

  /** Writes {@code d} to the outbox; when that fails it goes on in memory only (logged). */
  private synchronized void store(Delivery d) {
    try {
      d.id =
          outbox.enqueue(new Queued(0, d.channelName, d.kind, d.body, d.attempts, d.createdAtMs));
    } catch (RuntimeException e) {
      d.id = -1;
      LOG.warn(
          "webhook '{}' {} not written to the outbox ({}); delivering from memory only",
          d.channelName,
          d.kind,
          e.toString());
    }
  }

  /** Removes {@code d} from the outbox (delivered or dead-lettered). */
  private void forget(Delivery d) {
    outboxCall("remove", () -> outbox.remove(d.id), d);
  }

  private void outboxCall(String what, Runnable call, Delivery d) {
    if (d.id <= 0) {
      return;
    }
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("webhook outbox: {} of delivery {} failed ({})", what, d.id, e.toString());
    }
  }

  /** The wait after failed attempt {@code n} (1-based): first delay x 2^(n-1), capped. */
  long delayMs(int n) {
    long first = retry.firstDelay().toMillis();
    long delay = first << Math.min(n - 1, 30);
    return Math.min(delay < 0 ? Long.MAX_VALUE : delay, retry.maxDelay().toMillis());
  }

  private void deadLetter(Delivery d, int attempts, String error) {
    dead.incrementAndGet();
    DeadLetter letter =
        new DeadLetter(
            d.channelName, d.kind, d.body, attempts, error, d.createdAtMs, clock.getAsLong());
    try {
      deadLetters.add(letter);
      LOG.warn(
          "webhook '{}' {} dead-lettered after {} attempt(s): {}",
          d.channelName,
          d.kind,
          attempts,
          error);
    } catch (RuntimeException e) {
      // The last resort: the log keeps the payload (it never holds the URL or its secret).
      LOG.error(
          "webhook '{}' {} undeliverable and the dead-letter store failed ({}); payload: {}",
          d.channelName,
          d.kind,
          e.toString(),
          d.body);
    }
  }

  /**
   * One notification on its way to one channel; attempts are counted on the executor. {@code id} is
   * its outbox id: 0 before it is stored, -1 when storing it failed.
   */
  private static final class Delivery {
    final WebhookChannel channel;
    final String channelName;
    final String kind;
    final String body;
    final long createdAtMs;
    volatile int attempts;
    volatile long id;

    Delivery(
        WebhookChannel channel, String channelName, String kind, String body, long createdAtMs) {
      this.channel = channel;
      this.channelName = channelName;
      this.kind = kind;
      this.body = body;
      this.createdAtMs = createdAtMs;
    }
  }
}
