package io.perpetua.app;

import io.perpetua.readmodel.Heartbeat;
import io.perpetua.store.resilience.EventOutbox;
import io.perpetua.store.resilience.WriteBehindStateCache;
import java.util.LinkedHashMap;
import java.util.Map;

/** Redis as the platform sees it: degraded while state and events wait for it. */
final class StoreHeartbeat {
  private StoreHeartbeat() {}

  static Heartbeat of(WriteBehindStateCache cache, EventOutbox outbox, long startedAtMs) {
    long now = System.currentTimeMillis();
    boolean up = cache.reachable() && !outbox.unavailable();
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("pending_state_keys", cache.pendingWrites());
    metrics.put("waiting_events", outbox.waiting());
    metrics.put("dropped_events", outbox.dropped());
    metrics.put("republished", cache.republished());
    if (!cache.reachable()) {
      metrics.put("outage_seconds", (now - cache.outageSinceMs()) / 1000);
      metrics.put("last_error", cache.lastError());
    }
    return new Heartbeat("state_store", up ? "healthy" : "degraded", now, startedAtMs, metrics);
  }
}
