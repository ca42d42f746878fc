package io.perpetua.trading.risk;

import io.perpetua.core.Money;
import io.perpetua.core.Price;
import java.util.Objects;

/**
 * What the kernel knows about the portfolio when an order is checked, in fixed point. Notionals are
 * USDT at the order's reference price and include orders already working at the venue (so a
 * rebalance's later orders see its earlier ones).
 *
 * <p>Immutable and thread-safe.
 *
 * @param mark reference price of the order's instrument, or null when there is none
 * @param markTimeMs when that price was seen (kernel time)
 * @param nowMs kernel time of the check
 * @param equity account equity (wallet + unrealised PnL)
 * @param positionBefore signed notional of the instrument before the order
 * @param positionAfter signed notional if the order fills completely
 * @param grossBefore Σ|notional| over all instruments before the order
 * @param grossAfter the same if the order fills completely
 */
public record OrderContext(
    Price mark,
    long markTimeMs,
    long nowMs,
    Money equity,
    Money positionBefore,
    Money positionAfter,
    Money grossBefore,
    Money grossAfter) {

  /** Validates: every amount present (the mark may be null). */
  public OrderContext {
    Objects.requireNonNull(equity, "equity");
    Objects.requireNonNull(positionBefore, "positionBefore");
    Objects.requireNonNull(positionAfter, "positionAfter");
    Objects.requireNonNull(grossBefore, "grossBefore");
    Objects.requireNonNull(grossAfter, "grossAfter");
  }

  /** A context for an order in an otherwise empty, unlevered account (tests, tools). */
  public static OrderContext standalone(Price mark, long nowMs, Money equity, Money notional) {
    return new OrderContext(
        mark, nowMs, nowMs, equity, Money.ZERO, notional, Money.ZERO, notional.abs());
  }

  /** True when there is a positive reference price. */
  public boolean hasMark() {
    return mark != null && mark.isPositive();
  }

  /** True when the order makes the position larger in absolute terms (exact). */
  public boolean increasesPosition() {
    return positionAfter.abs().compareTo(positionBefore.abs()) > 0;
  }

  /** True when the order adds to the gross exposure (exact). */
  public boolean increasesGross() {
    return grossAfter.compareTo(grossBefore) > 0;
  }
}
