package io.perpetua.store.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.store.memory.InProcessEventBus;
import io.perpetua.trading.port.BusRecord;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventOutboxTest {
  /** An in-process bus a test can take away. */
  private static final class FlakyBus extends ForwardingBus {
    volatile boolean up = true;

    FlakyBus() {
      super(new InProcessEventBus());
    }

    @Override
    public String publish(String topic, String payload) {
      if (!up) {
        throw new ServiceUnavailableException("Redis unavailable at test:0", null);
      }
      return super.publish(topic, payload);
    }
  }

  @Test
  void publish_duringAnOutage_waits_andIsSentInOrderWhenTheBusReturns() throws Exception {
    FlakyBus bus = new FlakyBus();
    try (EventOutbox outbox = new EventOutbox(bus, 100, Duration.ofMillis(20))) {
      outbox.publish("kernel", "1");
      bus.up = false;
      outbox.publish("kernel", "2");
      outbox.publish("kernel", "3");
      assertThat(outbox.unavailable()).isTrue();
      assertThat(outbox.waiting()).isEqualTo(2);

      bus.up = true;
      outbox.publish("kernel", "4"); // behind what waits, not before it
      long end = System.currentTimeMillis() + 5_000;
      while (outbox.waiting() > 0) {
        assertThat(System.currentTimeMillis()).isLessThan(end);
        Thread.sleep(5);
      }

      assertThat(bus.range("kernel", "0", 10).stream().map(BusRecord::payload))
          .containsExactly("1", "2", "3", "4");
      assertThat(outbox.unavailable()).isFalse();
    }
  }

  @Test
  void publish_beyondCapacity_dropsTheOldestAndCountsThem() {
    FlakyBus bus = new FlakyBus();
    bus.up = false;
    try (EventOutbox outbox = new EventOutbox(bus, 2, Duration.ofHours(1))) {
      for (String p : List.of("1", "2", "3", "4")) {
        outbox.publish("kernel", p);
      }
      assertThat(outbox.waiting()).isEqualTo(2);
      assertThat(outbox.dropped()).isEqualTo(2);
      bus.up = true;
      outbox.drain();
      assertThat(bus.range("kernel", "0", 10).stream().map(BusRecord::payload))
          .containsExactly("3", "4");
    }
  }
}
