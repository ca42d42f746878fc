package io.perpetua.trading.kernel;

import io.perpetua.core.event.Event;
import io.perpetua.core.order.Order;
import java.util.List;

/**
 * Several {@link KernelListener}s as one: each call goes to every listener in order, on the kernel
 * thread. Immutable; as thread-safe as its listeners.
 */
public final class KernelListeners implements KernelListener {
  private final KernelListener[] listeners;

  private KernelListeners(List<KernelListener> listeners) {
    this.listeners = listeners.toArray(KernelListener[]::new);
  }

  /** One listener calling {@code listeners} in order. */
  public static KernelListener of(List<KernelListener> listeners) {
    return listeners.size() == 1 ? listeners.get(0) : new KernelListeners(List.copyOf(listeners));
  }

  @Override
  public void onEvent(Event event) {
    for (KernelListener l : listeners) {
      l.onEvent(event);
    }
  }

  @Override
  public void onOrderSent(Order order) {
    for (KernelListener l : listeners) {
      l.onOrderSent(order);
    }
  }

  @Override
  public void onStep(int t, long timeMs, double equity) {
    for (KernelListener l : listeners) {
      l.onStep(t, timeMs, equity);
    }
  }

  @Override
  public void onStepLatency(int t, long nanos) {
    for (KernelListener l : listeners) {
      l.onStepLatency(t, nanos);
    }
  }

  @Override
  public void onRebalanceSkipped(long timeMs, String reason) {
    for (KernelListener l : listeners) {
      l.onRebalanceSkipped(timeMs, reason);
    }
  }

  @Override
  public void onDecision(long timeMs, int poolSize, int withSignal) {
    for (KernelListener l : listeners) {
      l.onDecision(timeMs, poolSize, withSignal);
    }
  }
}
