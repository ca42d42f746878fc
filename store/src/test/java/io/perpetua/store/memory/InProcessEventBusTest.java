package io.perpetua.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.store.contract.EventBusContract;
import io.perpetua.trading.port.BusRecord;
import io.perpetua.trading.port.EventBus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InProcessEventBusTest extends EventBusContract {
  @Override
  protected EventBus newBus() {
    return new InProcessEventBus();
  }

  @Override
  protected EventBus reconnect() {
    return bus; // the bus lives in this process; only the consumer restarts
  }

  @Override
  protected void awaitBlocked(Thread reader) {
    awaitWaiting(reader);
  }

  static void awaitWaiting(Thread reader) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (reader.getState() != Thread.State.TIMED_WAITING
        && reader.getState() != Thread.State.WAITING) {
      assertThat(System.nanoTime()).as("reader blocked within 10 s").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void ids_stayIncreasing_whenTheClockStandsStillOrGoesBack() {
    AtomicLong clock = new AtomicLong(5_000);
    try (InProcessEventBus b = new InProcessEventBus(clock::get)) {
      String a = b.publish("t", "a");
      String sameMs = b.publish("t", "b");
      clock.set(4_000);
      String back = b.publish("t", "c");
      clock.set(6_000);
      String forward = b.publish("t", "d");

      assertThat(List.of(a, sameMs, back, forward))
          .containsExactly("5000-0", "5000-1", "5000-2", "6000-0");
      assertThat(b.range("t", "5000-1", 10))
          .extracting(BusRecord::id)
          .containsExactly("5000-2", "6000-0");
      assertThat(b.range("t", "5000", 10))
          .extracting(BusRecord::id)
          .containsExactly("5000-1", "5000-2", "6000-0");
    }
  }

  @Test
  void ids_areIndependentPerTopic() {
    try (InProcessEventBus b = new InProcessEventBus(() -> 7)) {
      assertThat(b.publish("a", "x")).isEqualTo("7-0");
      assertThat(b.publish("b", "x")).isEqualTo("7-0");
      assertThat(b.publish("a", "y")).isEqualTo("7-1");
    }
  }

  @Test
  void clockAtZero_stillGivesIdsAfterZero() {
    try (InProcessEventBus b = new InProcessEventBus(() -> 0)) {
      String id = b.publish("t", "x");
      assertThat(id).isEqualTo("0-1");
      assertThat(b.range("t", "0", 10)).extracting(BusRecord::id).containsExactly("0-1");
    }
  }

  @Test
  void close_wakesBlockedReaders_andRejectsFurtherCalls() throws Exception {
    InProcessEventBus b = new InProcessEventBus();
    b.createGroup("t", "g");
    AtomicReference<Thread> reader = new AtomicReference<>();
    CompletableFuture<List<BusRecord>> read =
        CompletableFuture.supplyAsync(
            () -> {
              reader.set(Thread.currentThread());
              return b.read("t", "g", "c", 10, Duration.ofMinutes(5));
            });
    while (reader.get() == null) {
      Thread.onSpinWait();
    }
    awaitWaiting(reader.get());

    b.close();

    assertThat(read.get(10, TimeUnit.SECONDS)).isEmpty();
    assertThatThrownBy(() -> b.publish("t", "x")).isInstanceOf(IllegalStateException.class);
  }
}
