package io.perpetua.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The serialised body of each GET route's last success, reused while the route answers an equal
 * value in the same second: a polled snapshot (balance, positions, a history page) is serialised
 * about once per second and change instead of once per request. The handler still runs on every
 * request and its result decides, so a reused body is never stale: it is byte for byte what
 * serialising the current value would give (values are records, compared with {@code equals}; the
 * envelope's timestamp has second precision, so the body is reused within its second only). Only
 * the last body per route is kept.
 *
 * <p>Thread-safe.
 */
final class ResponseMemo {
  private record Entry(Object data, long second, byte[] body) {}

  private final ObjectMapper mapper;
  private final Map<Route, AtomicReference<Entry>> last = new ConcurrentHashMap<>();

  ResponseMemo(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /**
   * The body answering {@code data} on {@code route} at {@code now}: the envelope, or the bare data
   * for {@link Route.Style#BARE} routes.
   */
  byte[] body(Route route, Object data, Instant now) throws JsonProcessingException {
    long second = route.style().bare() ? 0 : now.getEpochSecond();
    AtomicReference<Entry> slot = last.computeIfAbsent(route, r -> new AtomicReference<>());
    Entry e = slot.get();
    if (e != null && e.second() == second && e.data().equals(data)) {
      return e.body();
    }
    byte[] body =
        mapper.writeValueAsBytes(route.style().bare() ? data : Envelope.success(data, now));
    slot.set(new Entry(data, second, body));
    return body;
  }
}
