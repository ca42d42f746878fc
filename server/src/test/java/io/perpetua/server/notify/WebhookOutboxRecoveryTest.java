package io.perpetua.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.trading.port.DeadLetterStore;
import io.perpetua.trading.port.WebhookOutbox;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook outbox: deliveries pending when a process dies are delivered by the next one. */
class WebhookOutboxRecoveryTest {
  /** One attempt, then a minute's wait: a process dies long before the retry. */
  private static final WebhookDispatcher.Retry SLOW_RETRY =
      new WebhookDispatcher.Retry(
          5, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(2), 100);

  private final MapOutbox outbox = new MapOutbox();
  private final List<DeadLetterStore.DeadLetter> letters = new CopyOnWriteArrayList<>();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<WebhookDispatcher> open = new ArrayList<>();

  @AfterEach
  void close() {
    open.forEach(WebhookDispatcher::close);
  }

  @Test
  void receiverDownWhenTheProcessDies_theNextProcessDeliversEachOnce() throws Exception {
    WebhookDispatcher first = dispatcher(List.of(channel("ops")), (u, j, t) -> 503);
    first.submit(note("a"));
    first.submit(note("b"));
    await(
        () ->
            outbox.rows.size() == 2
                && outbox.rows.values().stream().allMatch(q -> q.attempts() == 1));
    first.close(); // like a kill: the outbox keeps what is pending, nothing is dead-lettered
    assertThat(letters).isEmpty();
    assertThat(outbox.rows).hasSize(2);

    WebhookDispatcher second =
        dispatcher(
            List.of(channel("ops")),
            (u, json, t) -> {
              received.add(json);
              return 204;
            });
    assertThat(second.recover()).isEqualTo(2);
    await(() -> second.stats().delivered() == 2);
    assertThat(received).hasSize(2);
    assertThat(String.join("|", received)).contains("\"title\":\"a\"").contains("\"title\":\"b\"");
    await(() -> outbox.rows.isEmpty());
    assertThat(second.recover()).isZero();
    assertThat(letters).isEmpty();
  }

  @Test
  void attemptsCarryOver_soAnOutageAcrossRestartsStillEndsInTheDeadLetters() throws Exception {
    WebhookDispatcher first = dispatcher(List.of(channel("ops")), (u, j, t) -> 503);
    first.submit(note("a"));
    await(() -> outbox.rows.size() == 1 && outbox.rows.values().iterator().next().attempts() == 1);
    first.close();
    WebhookDispatcher.Retry twoAttempts =
        new WebhookDispatcher.Retry(
            2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(2), 100);
    WebhookDispatcher second =
        new WebhookDispatcher(
            List.of(channel("ops")),
            new Letters(letters),
            outbox,
            twoAttempts,
            () -> 7L,
            (u, j, t) -> 503);
    open.add(second);
    second.recover();
    await(() -> letters.size() == 1);
    assertThat(letters.get(0).attempts()).isEqualTo(2);
    assertThat(letters.get(0).lastError()).isEqualTo("HTTP 503");
    await(() -> outbox.rows.isEmpty());
  }

  @Test
  void recover_channelNoLongerConfigured_isDeadLetteredNotDropped() throws Exception {
    WebhookDispatcher first = dispatcher(List.of(channel("old")), (u, j, t) -> 503);
    first.submit(note("a"));
    await(() -> outbox.rows.size() == 1 && outbox.rows.values().iterator().next().attempts() == 1);
    first.close();
    WebhookDispatcher second = dispatcher(List.of(channel("ops")), (u, j, t) -> 204);
    assertThat(second.recover()).isZero();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).channel()).isEqualTo("old");
    assertThat(letters.get(0).lastError()).isEqualTo("channel no longer configured");
    assertThat(outbox.rows).isEmpty();
  }

  @Test
  void outboxDown_theDeliveryStillGoesOutFromMemory() throws Exception {
    outbox.failing = true;
    WebhookDispatcher d =
        dispatcher(
            List.of(channel("ops")),
            (u, json, t) -> {
              received.add(json);
              return 200;
            });
    d.submit(note("a"));
    await(() -> d.stats().delivered() == 1);
    assertThat(received).hasSize(1);
  }

  private WebhookDispatcher dispatcher(
      List<WebhookChannel> channels, WebhookDispatcher.Transport transport) {
    WebhookDispatcher d =
        new WebhookDispatcher(
            channels, new Letters(letters), outbox, SLOW_RETRY, () -> 7L, transport);
    open.add(d);
    return d;
  }

  private static WebhookChannel channel(String name) {
    return new WebhookChannel(
        name,
        WebhookChannel.Format.GENERIC,
        URI.create("http://127.0.0.1:9/" + name),
        Set.of(),
        "info",
        null);
  }

  private static Notification note(String title) {
    return new Notification("alert", "warning", title, "x", 1L, Map.of());
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
  }

  private record Letters(List<DeadLetterStore.DeadLetter> all) implements DeadLetterStore {
    @Override
    public void add(DeadLetter letter) {
      all.add(letter);
    }

    @Override
    public List<DeadLetter> recent(int limit) {
      return all;
    }
  }

  /** A durable outbox as a map (what the database keeps across processes). */
  private static final class MapOutbox implements WebhookOutbox {
    final Map<Long, Queued> rows = java.util.Collections.synchronizedMap(new TreeMap<>());
    long next;
    volatile boolean failing;

    @Override
    public synchronized long enqueue(Queued q) {
      if (failing) {
        throw new IllegalStateException("database down");
      }
      long id = ++next;
      rows.put(
          id, new Queued(id, q.channel(), q.kind(), q.payload(), q.attempts(), q.createdAtMs()));
      return id;
    }

    @Override
    public void attempted(long id, int attempts) {
      rows.computeIfPresent(
          id,
          (k, q) -> new Queued(k, q.channel(), q.kind(), q.payload(), attempts, q.createdAtMs()));
    }

    @Override
    public void remove(long id) {
      rows.remove(id);
    }

    @Override
    public List<Queued> pending() {
      synchronized (rows) {
        return List.copyOf(rows.values());
      }
    }

    @Override
    public boolean durable() {
      return true;
    }
  }
}
