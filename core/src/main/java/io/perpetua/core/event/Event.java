package io.perpetua.core.event;

/**
 * Something that happened in the kernel, published on the event bus.
 *
 * <p>Every event carries the time it happened (event time, from the kernel's clock) and a stable
 * {@link #type()} used as its wire name. Implementations are immutable records.
 */
public sealed interface Event
    permits OrderSubmitted,
        OrderRejected,
        OrderFilled,
        FundingSettled,
        RebalanceCompleted,
        SignalPublished {
  /** When it happened, epoch ms (kernel clock). */
  long eventTimeMs();

  /** The stable wire name, e.g. {@code order.filled}. */
  String type();
}
