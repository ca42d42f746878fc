package io.perpetua.trading.risk;

import io.perpetua.core.Money;
import io.perpetua.core.Price;

/** Order contexts for tests, written in plain numbers and converted to fixed point once here. */
public final class Contexts {
  private Contexts() {}

  /** A context; a mark that is NaN or not positive means "no price". */
  public static OrderContext of(
      double mark,
      long markTimeMs,
      long nowMs,
      double equity,
      double positionBefore,
      double positionAfter,
      double grossBefore,
      double grossAfter) {
    return new OrderContext(
        mark > 0 ? Price.of(mark, 8) : null,
        markTimeMs,
        nowMs,
        Money.of(equity),
        Money.of(positionBefore),
        Money.of(positionAfter),
        Money.of(grossBefore),
        Money.of(grossAfter));
  }
}
