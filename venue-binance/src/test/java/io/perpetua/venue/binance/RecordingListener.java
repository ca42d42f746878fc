package io.perpetua.venue.binance;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.trading.port.VenueListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a venue reports, as short strings and fills. */
final class RecordingListener implements VenueListener {
  final List<String> events = new CopyOnWriteArrayList<>();
  final List<Fill> fills = new CopyOnWriteArrayList<>();

  @Override
  public void onAccepted(Order order, long timeMs) {
    events.add("accepted " + order.clientOrderId());
  }

  @Override
  public void onFill(Fill fill) {
    fills.add(fill);
    events.add("fill " + fill.clientOrderId() + " " + fill.quantity() + "@" + fill.price());
  }

  @Override
  public void onRejected(Order order, String reason, long timeMs) {
    events.add("rejected " + order.clientOrderId() + ": " + reason);
  }

  @Override
  public void onCancelled(ClientOrderId clientOrderId, long timeMs) {
    events.add("cancelled " + clientOrderId);
  }

  long count(String prefix) {
    return events.stream().filter(e -> e.startsWith(prefix)).count();
  }
}
