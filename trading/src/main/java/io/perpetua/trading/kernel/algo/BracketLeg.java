package io.perpetua.trading.kernel.algo;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Quantity;

/** One order of a {@link BracketOrder}: its quantity, what filled, whether it works. Mutable. */
final class BracketLeg {
  final String name;
  final ClientOrderId id;
  final Quantity quantity;
  Quantity filled;
  boolean working;

  BracketLeg(String name, ClientOrderId id, Quantity quantity, Quantity filled, boolean working) {
    this.name = name;
    this.id = id;
    this.quantity = quantity;
    this.filled = filled;
    this.working = working;
  }

  Quantity rest() {
    return quantity.minus(filled);
  }
}
