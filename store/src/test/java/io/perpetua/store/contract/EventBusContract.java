package io.perpetua.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.trading.port.BusRecord;
import io.perpetua.trading.port.EventBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link EventBus} contract: every implementation passes these tests through a subclass that
 * supplies a fresh, isolated bus.
 */
public abstract class EventBusContract {
  protected static final String TOPIC = "orders";
  private static final Duration NO_WAIT = Duration.ZERO;

  protected EventBus bus;
  private final List<EventBus> opened = new ArrayList<>();
  private ExecutorService executor;

  /** A new bus that shares nothing with buses of other tests. */
  protected abstract EventBus newBus();

  /**
   * A second handle on the same bus as {@link #bus}, as a restarted consumer process would open;
   * the in-process bus returns itself.
   */
  protected abstract EventBus reconnect();

  /** Returns once {@code reader} is blocked inside {@link EventBus#read}. */
  protected abstract void awaitBlocked(Thread reader) throws InterruptedException;

  /** Removes what the bus stored outside the process (called after each test). */
  protected void cleanUp() {}

  @BeforeEach
  void openBus() {
    bus = track(newBus());
    executor = Executors.newCachedThreadPool();
  }

  @AfterEach
  void closeBus() {
    if (executor != null) {
      executor.shutdownNow();
    }
    if (bus == null) {
      return; // the bus could not be opened (e.g. service absent): nothing to clean
    }
    cleanUp();
    opened.forEach(EventBus::close);
  }

  /** Registers {@code b} to be closed after the test. */
  protected EventBus track(EventBus b) {
    opened.add(b);
    return b;
  }

  private List<String> publish(String topic, int count, String prefix) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(bus.publish(topic, prefix + i));
    }
    return ids;
  }

  private static long[] parseId(String id) {
    String[] parts = id.split("-");
    assertThat(parts).as("id %s has the form <ms>-<seq>", id).hasSize(2);
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
  }

  private static void assertIncreasing(List<String> ids) {
    for (int i = 1; i < ids.size(); i++) {
      long[] a = parseId(ids.get(i - 1));
      long[] b = parseId(ids.get(i));
      assertThat(a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]))
          .as("%s < %s", ids.get(i - 1), ids.get(i))
          .isTrue();
    }
  }

  private static List<String> payloads(List<BusRecord> records) {
    return records.stream().map(BusRecord::payload).toList();
  }

  @Test
  void publish_returnsIncreasingIds_andRangeReplaysInOrder() {
    List<String> ids = publish(TOPIC, 50, "m");

    assertIncreasing(ids);
    List<BusRecord> all = bus.range(TOPIC, "0", 1_000);
    assertThat(all).extracting(BusRecord::id).containsExactlyElementsOf(ids);
    assertThat(payloads(all)).containsExactlyElementsOf(publishedPayloads("m", 50));
    assertThat(bus.size(TOPIC)).isEqualTo(50);
  }

  private static List<String> publishedPayloads(String prefix, int count) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(prefix + i);
    }
    return out;
  }

  @Test
  void payload_roundTripsVerbatim() {
    String json = "{\"type\":\"order.filled\",\"note\":\"数据 ✓\",\"qty\":\"0.001\"}";
    String id = bus.publish(TOPIC, json);

    assertThat(bus.range(TOPIC, "0", 10)).containsExactly(new BusRecord(id, json));
  }

  @Test
  void unknownTopic_isEmpty() {
    assertThat(bus.size("nothing-here")).isZero();
    assertThat(bus.range("nothing-here", "0", 10)).isEmpty();
  }

  @Test
  void range_fromOffset_isExclusive_andRespectsMax() {
    List<String> ids = publish(TOPIC, 10, "m");

    assertThat(bus.range(TOPIC, ids.get(3), 100))
        .extracting(BusRecord::id)
        .containsExactlyElementsOf(ids.subList(4, 10));
    assertThat(bus.range(TOPIC, ids.get(3), 2))
        .extracting(BusRecord::id)
        .containsExactly(ids.get(4), ids.get(5));
    assertThat(bus.range(TOPIC, ids.get(9), 100)).isEmpty();
  }

  @Test
  void replay_pagesThroughTheWholeTopic() {
    List<String> ids = publish(TOPIC, 25, "m");
    List<String> replayed = new ArrayList<>();
    String after = "0";
    while (true) {
      List<BusRecord> page = bus.range(TOPIC, after, 7);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(r -> replayed.add(r.id()));
      after = page.get(page.size() - 1).id();
    }
    assertThat(replayed).containsExactlyElementsOf(ids);
  }

  @Test
  void createGroup_isIdempotent_andStartsAtTheBeginning() {
    List<String> ids = publish(TOPIC, 3, "early");
    bus.createGroup(TOPIC, "g");
    bus.createGroup(TOPIC, "g");

    assertThat(bus.read(TOPIC, "g", "c1", 10, NO_WAIT))
        .extracting(BusRecord::id)
        .containsExactlyElementsOf(ids);
  }

  @Test
  void createGroup_onNewTopic_seesLaterMessages() {
    bus.createGroup("fresh", "g");
    assertThat(bus.read("fresh", "g", "c1", 10, NO_WAIT)).isEmpty();

    String id = bus.publish("fresh", "first");

    assertThat(bus.read("fresh", "g", "c1", 10, NO_WAIT))
        .containsExactly(new BusRecord(id, "first"));
  }

  @Test
  void read_deliversEveryMessageExactlyOncePerGroup_acrossConsumers() {
    bus.createGroup(TOPIC, "g");
    List<String> ids = publish(TOPIC, 30, "m");

    List<String> seen = new ArrayList<>();
    List<String> byC1 = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      String consumer = round % 2 == 0 ? "c1" : "c2";
      List<BusRecord> batch = bus.read(TOPIC, "g", consumer, 4, NO_WAIT);
      batch.forEach(r -> seen.add(r.id()));
      if (consumer.equals("c1")) {
        batch.forEach(r -> byC1.add(r.id()));
      }
    }

    assertThat(seen).containsExactlyElementsOf(ids);
    assertThat(byC1).isNotEmpty().hasSizeLessThan(ids.size());
    assertThat(bus.read(TOPIC, "g", "c1", 10, NO_WAIT)).isEmpty();
  }

  @Test
  void read_respectsMax() {
    bus.createGroup(TOPIC, "g");
    List<String> ids = publish(TOPIC, 5, "m");

    assertThat(bus.read(TOPIC, "g", "c", 2, NO_WAIT))
        .extracting(BusRecord::id)
        .containsExactly(ids.get(0), ids.get(1));
    assertThat(bus.read(TOPIC, "g", "c", 10, NO_WAIT))
        .extracting(BusRecord::id)
        .containsExactlyElementsOf(ids.subList(2, 5));
  }

  @Test
  void twoGroups_areIndependent() {
    bus.createGroup(TOPIC, "risk");
    bus.createGroup(TOPIC, "audit");
    List<String> ids = publish(TOPIC, 6, "m");

    List<BusRecord> risk = bus.read(TOPIC, "risk", "r1", 100, NO_WAIT);
    risk.forEach(r -> bus.ack(TOPIC, "risk", r.id()));

    assertThat(risk).extracting(BusRecord::id).containsExactlyElementsOf(ids);
    assertThat(bus.read(TOPIC, "audit", "a1", 3, NO_WAIT))
        .extracting(BusRecord::id)
        .containsExactlyElementsOf(ids.subList(0, 3));
    assertThat(bus.readPending(TOPIC, "risk", "r1", 100)).isEmpty();
    assertThat(bus.readPending(TOPIC, "audit", "a1", 100))
        .extracting(BusRecord::id)
        .containsExactlyElementsOf(ids.subList(0, 3));
  }

  @Test
  void unackedMessages_areRedeliveredByReadPending_afterConsumerCrash() {
    bus.createGroup(TOPIC, "g");
    List<String> ids = publish(TOPIC, 4, "m");
    List<BusRecord> delivered = bus.read(TOPIC, "g", "worker-1", 10, NO_WAIT);
    bus.ack(TOPIC, "g", delivered.get(1).id());
    // worker-1 crashes here without acknowledging messages 0, 2 and 3.

    EventBus restarted = reconnect();
    List<BusRecord> pending = restarted.readPending(TOPIC, "g", "worker-1", 10);

    assertThat(pending)
        .extracting(BusRecord::id)
        .containsExactly(ids.get(0), ids.get(2), ids.get(3));
    assertThat(payloads(pending)).containsExactly("m0", "m2", "m3");
    assertThat(restarted.read(TOPIC, "g", "worker-1", 10, NO_WAIT)).isEmpty();
    pending.forEach(r -> restarted.ack(TOPIC, "g", r.id()));
    assertThat(restarted.readPending(TOPIC, "g", "worker-1", 10)).isEmpty();
  }

  @Test
  void readPending_isPerConsumer_andRespectsMax() {
    bus.createGroup(TOPIC, "g");
    List<String> ids = publish(TOPIC, 6, "m");
    bus.read(TOPIC, "g", "c1", 4, NO_WAIT);
    bus.read(TOPIC, "g", "c2", 4, NO_WAIT);

    assertThat(bus.readPending(TOPIC, "g", "c1", 10))
        .extracting(BusRecord::id)
        .containsExactlyElementsOf(ids.subList(0, 4));
    assertThat(bus.readPending(TOPIC, "g", "c1", 2))
        .extracting(BusRecord::id)
        .containsExactly(ids.get(0), ids.get(1));
    assertThat(bus.readPending(TOPIC, "g", "c2", 10))
        .extracting(BusRecord::id)
        .containsExactlyElementsOf(ids.subList(4, 6));
    assertThat(bus.readPending(TOPIC, "g", "nobody", 10)).isEmpty();
  }

  @Test
  void ack_ofUnknownOrRepeatedId_isHarmless() {
    bus.createGroup(TOPIC, "g");
    String id = bus.publish(TOPIC, "m");
    bus.read(TOPIC, "g", "c", 10, NO_WAIT);

    bus.ack(TOPIC, "g", id);
    bus.ack(TOPIC, "g", id);
    bus.ack(TOPIC, "g", "1-1");

    assertThat(bus.readPending(TOPIC, "g", "c", 10)).isEmpty();
  }

  @Test
  void read_withoutGroup_fails() {
    bus.publish(TOPIC, "m");
    assertThatThrownBy(() -> bus.read(TOPIC, "missing", "c", 10, NO_WAIT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void invalidArguments_areRejected() {
    assertThatThrownBy(() -> bus.range(TOPIC, "not-an-id", 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> bus.range(TOPIC, "0", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> bus.publish(" ", "m")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void blockingRead_returnsWhenAMessageArrives() throws Exception {
    bus.createGroup(TOPIC, "g");
    AtomicReference<Thread> readerThread = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    Future<List<BusRecord>> result =
        executor.submit(
            () -> {
              readerThread.set(Thread.currentThread());
              started.countDown();
              return bus.read(TOPIC, "g", "c", 10, Duration.ofSeconds(30));
            });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    awaitBlocked(readerThread.get());

    long publishedAt = System.nanoTime();
    String id = bus.publish(TOPIC, "wake-up");
    List<BusRecord> got = result.get(10, TimeUnit.SECONDS);

    assertThat(got).containsExactly(new BusRecord(id, "wake-up"));
    assertThat(Duration.ofNanos(System.nanoTime() - publishedAt)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void blockingRead_timesOutEmpty() {
    bus.createGroup(TOPIC, "g");
    long start = System.nanoTime();

    List<BusRecord> got = bus.read(TOPIC, "g", "c", 10, Duration.ofMillis(300));

    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    assertThat(got).isEmpty();
    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    assertThat(waited).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void concurrentPublishers_loseNothing() throws Exception {
    int publishers = 4;
    int perPublisher = 200;
    bus.createGroup(TOPIC, "g");
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<String>>> futures = new ArrayList<>();
    for (int p = 0; p < publishers; p++) {
      String prefix = "p" + p + "-";
      futures.add(
          executor.submit(
              () -> {
                go.await();
                return publish(TOPIC, perPublisher, prefix);
              }));
    }
    go.countDown();
    Set<String> returnedIds = new HashSet<>();
    for (Future<List<String>> f : futures) {
      List<String> ids = f.get(60, TimeUnit.SECONDS);
      assertIncreasing(ids);
      returnedIds.addAll(ids);
    }

    List<BusRecord> all = bus.range(TOPIC, "0", 10_000);
    assertThat(returnedIds).hasSize(publishers * perPublisher);
    assertThat(all).hasSize(publishers * perPublisher);
    assertIncreasing(all.stream().map(BusRecord::id).toList());
    assertThat(all.stream().map(BusRecord::id).toList())
        .containsExactlyInAnyOrderElementsOf(returnedIds);
    Set<String> expectedPayloads = new HashSet<>();
    for (int p = 0; p < publishers; p++) {
      expectedPayloads.addAll(publishedPayloads("p" + p + "-", perPublisher));
    }
    assertThat(new HashSet<>(payloads(all))).isEqualTo(expectedPayloads);
    assertThat(bus.read(TOPIC, "g", "c", 10_000, NO_WAIT)).hasSize(publishers * perPublisher);
  }
}
