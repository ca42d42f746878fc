package io.perpetua.trading.testing;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.trading.port.VenueListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Records a venue's callbacks; latches for the first acknowledgement and the end of an order. */
public final class OrderEndRecorder implements VenueListener {
  public final List<Order> accepted = new CopyOnWriteArrayList<>();
  public final List<Fill> fills = new CopyOnWriteArrayList<>();
  public final List<String> rejected = new CopyOnWriteArrayList<>();
  public final List<ClientOrderId> cancelled = new CopyOnWriteArrayList<>();
  private final CountDownLatch acknowledged = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private final double quantity;
  private double filled;

  /** A recorder of one order of {@code quantity}. */
  public OrderEndRecorder(double quantity) {
    this.quantity = quantity;
  }

  @Override
  public void onAccepted(Order order, long timeMs) {
    accepted.add(order);
    acknowledged.countDown();
  }

  @Override
  public synchronized void onFill(Fill fill) {
    fills.add(fill);
    filled += fill.quantity().toDouble();
    if (filled >= quantity - 1e-12) {
      ended.countDown();
    }
  }

  @Override
  public void onRejected(Order order, String reason, long timeMs) {
    rejected.add(reason);
    ended.countDown();
    acknowledged.countDown();
  }

  @Override
  public void onCancelled(ClientOrderId clientOrderId, long timeMs) {
    cancelled.add(clientOrderId);
    ended.countDown();
  }

  public boolean awaitAccepted() throws InterruptedException {
    return acknowledged.await(5, TimeUnit.SECONDS);
  }

  public boolean awaitEnd() throws InterruptedException {
    return ended.await(5, TimeUnit.SECONDS);
  }

  public synchronized double filled() {
    return filled;
  }
}
