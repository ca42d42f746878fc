package io.perpetua.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.core.event.Event;
import io.perpetua.store.resilience.EventOutbox;
import io.perpetua.trading.kernel.KernelListener;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's listener in the running platform: every kernel event goes to the event bus (through
 * the outbox, which keeps it while Redis is away) under {@link Platform#EVENTS_TOPIC}, and every
 * step to the live venue's reconciler (none in paper mode).
 */
final class KernelEventPublisher implements KernelListener {
  private static final Logger LOG = LoggerFactory.getLogger(KernelEventPublisher.class);

  private final EventOutbox outbox;
  private final LiveVenue live;
  private final ObjectMapper json = new ObjectMapper();

  /** {@code live} may be null (paper mode). */
  KernelEventPublisher(EventOutbox outbox, LiveVenue live) {
    this.outbox = outbox;
    this.live = live;
  }

  @Override
  public void onEvent(Event event) {
    try {
      outbox.publish(
          Platform.EVENTS_TOPIC,
          json.writeValueAsString(Map.of("type", event.type(), "event", event)));
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.warn("event not published ({}): {}", event.type(), e.getMessage());
    }
  }

  @Override
  public void onStep(int t, long timeMs, double equity) {
    if (live != null) {
      live.reconciler().onStep(t, timeMs, equity);
    }
  }
}
