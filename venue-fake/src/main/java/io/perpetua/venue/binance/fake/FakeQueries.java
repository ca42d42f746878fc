package io.perpetua.venue.binance.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Binance's paging rule for trade lists ({@code aggTrades}, {@code userTrades}, {@code allOrders}):
 * with {@code fromId}, rows from that id on; with a {@code startTime}, rows from that time on (up
 * to {@code endTime}); with only an {@code endTime}, the most recent rows up to it; with none of
 * them, the most recent rows. Always oldest first and at most {@code limit}. Stateless.
 */
final class FakeQueries {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private FakeQueries() {}

  /**
   * The page of {@code rows} (oldest first) selected by the parameters.
   *
   * @param idField the field {@code fromId} compares with
   * @param timeField the field {@code startTime}/{@code endTime} compare with
   */
  static ArrayNode page(
      Iterable<ObjectNode> rows,
      String idField,
      String timeField,
      Long fromId,
      Long start,
      Long end,
      int limit) {
    if (fromId != null || start != null) {
      ArrayNode out = JSON.arrayNode();
      for (ObjectNode r : rows) {
        if (out.size() >= limit) {
          break;
        }
        long time = r.get(timeField).asLong();
        boolean from = fromId == null || r.get(idField).asLong() >= fromId;
        boolean inRange = (start == null || time >= start) && (end == null || time <= end);
        if (from && inRange) {
          out.add(r.deepCopy());
        }
      }
      return out;
    }
    Deque<ObjectNode> recent = new ArrayDeque<>();
    for (ObjectNode r : rows) {
      if (end == null || r.get(timeField).asLong() <= end) {
        recent.addLast(r);
        if (recent.size() > limit) {
          recent.removeFirst();
        }
      }
    }
    ArrayNode out = JSON.arrayNode();
    recent.forEach(r -> out.add(r.deepCopy()));
    return out;
  }

  /**
   * Checks {@code startTime ≤ endTime} and a window of at most {@code maxMs}.
   *
   * @throws FakeReject {@code -1023} or {@code -1127}
   */
  static void checkWindow(Long start, Long end, long maxMs, String what) {
    if (start != null && end != null) {
      if (start > end) {
        throw new FakeReject(400, -1023, "Start time is greater than end time.");
      }
      if (end - start > maxMs) {
        throw new FakeReject(400, -1127, "More than " + what + " between startTime and endTime.");
      }
    }
  }
}
