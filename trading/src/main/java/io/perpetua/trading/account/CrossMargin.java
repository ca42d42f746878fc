package io.perpetua.trading.account;

import io.perpetua.core.Quantity;

/**
 * USDT-M cross margin at one leverage, as a venue computes the numbers it shows for an account:
 *
 * <ul>
 *   <li>initial margin of a position or of a working order = |notional| / leverage (a position at
 *       its mark price, an order at its limit price, else the mark);
 *   <li>an order reserves margin only for the quantity that opens or adds to a position; the part
 *       that closes the current position needs none (a reduce-only order none at all);
 *   <li>available balance = wallet + unrealised PnL − position initial margin − open-order initial
 *       margin, floored at 0: when equity is below the margin in use nothing is available, and the
 *       shortfall shows as used margin above total equity (never as a negative balance).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param leverage the leverage set on every symbol of the account, 1..{@value #MAX_LEVERAGE}
 */
public record CrossMargin(int leverage) {
  /** The highest leverage a USDT-M venue offers. */
  public static final int MAX_LEVERAGE = 125;

  /** Validates the leverage. */
  public CrossMargin {
    if (leverage < 1 || leverage > MAX_LEVERAGE) {
      throw new IllegalArgumentException(
          "leverage must be in 1.." + MAX_LEVERAGE + ", was " + leverage);
    }
  }

  /** Initial margin of a position or order of {@code notional} (either sign). */
  public double initialMargin(double notional) {
    return Math.abs(notional) / leverage;
  }

  /**
   * The quantity of a working order that needs margin: all of it when it opens or adds to {@code
   * position}, only what is left after closing the position when it goes against it.
   *
   * @param position the current signed position quantity
   * @param signedRemaining the order's unfilled quantity, positive to buy, negative to sell
   */
  public static double openingQuantity(double position, double signedRemaining) {
    if (position == 0 || Math.signum(position) == Math.signum(signedRemaining)) {
      return Math.abs(signedRemaining);
    }
    return Math.max(0, Math.abs(signedRemaining) - Math.abs(position));
  }

  /** {@link #openingQuantity(double, double)} in fixed point (equal scales), exactly. */
  public static Quantity openingQuantity(Quantity position, Quantity signedRemaining) {
    if (position.isZero() || position.signum() == signedRemaining.signum()) {
      return signedRemaining.abs();
    }
    Quantity excess = signedRemaining.abs().minus(position.abs());
    return excess.signum() > 0 ? excess : Quantity.zero(excess.scale());
  }

  /** Available balance: {@code equity − usedMargin}, never below 0. */
  public double available(double equity, double usedMargin) {
    return Math.max(0, equity - usedMargin);
  }
}
