package io.perpetua.trading.account;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Position;
import io.perpetua.trading.port.AccountState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A cross-margined USDT perpetual account: wallet balance and positions, updated by fills and
 * funding. Exact fixed-point accounting:
 *
 * <ul>
 *   <li>wallet = initial deposit + Σ realised PnL − Σ fees + Σ funding;
 *   <li>equity = wallet + Σ unrealised PnL ({@link #unrealizedPnl}), with unrealised = quantity ×
 *       mark − entry cost.
 * </ul>
 *
 * Reducing a position realises {@code −(signed fill notional) − entryCost × fraction closed}; a
 * fill that crosses zero closes the old position and opens the rest at the fill price.
 *
 * <p>Not thread-safe: owned by the kernel thread; publish {@link #snapshot} to other threads.
 */
public final class Account {
  private final String accountId;
  private Money wallet;
  private Money totalFees = Money.ZERO;
  private Money totalFunding = Money.ZERO;
  private Money totalRealized = Money.ZERO;
  private long lastRateBits;
  private BigDecimal lastRateDecimal;
  // hash map: a fill looks its position up on the hot path; iteration goes through sorted()
  private final Map<InstrumentId, Position> positions = new HashMap<>();

  /** A new account with a deposit. */
  public Account(String accountId, Money deposit) {
    this.accountId = accountId;
    this.wallet = deposit;
  }

  /** Restores an account from its durable state. */
  public static Account restore(AccountState state) {
    Account a = new Account(state.accountId(), state.walletBalance());
    a.totalFees = state.totalFees();
    a.totalFunding = state.totalFunding();
    for (Position p : state.positions()) {
      a.positions.put(p.instrument(), p);
      a.totalRealized = a.totalRealized.plus(p.realizedPnl());
    }
    return a;
  }

  /** Applies a fill; returns the PnL it realised. */
  public Money apply(Fill fill) {
    Quantity q = fill.side().sign() > 0 ? fill.quantity() : fill.quantity().negate();
    Position p = positions.get(fill.instrument());
    if (p == null) {
      p = new Position(fill.instrument(), Quantity.zero(q.scale()), Money.ZERO, Money.ZERO);
    }
    Money realized = Money.ZERO;
    Quantity qty = p.quantity();
    Money cost = p.entryCost();
    Money signedNotional = fill.side().sign() > 0 ? fill.notional() : fill.notional().negate();
    if (qty.isZero() || qty.signum() == q.signum()) {
      qty = qty.plus(q);
      cost = cost.plus(signedNotional);
    } else if (q.abs().compareTo(qty.abs()) <= 0) {
      Money closedCost = cost.fraction(q.abs().raw(), qty.abs().raw());
      realized = signedNotional.negate().minus(closedCost);
      qty = qty.plus(q);
      cost = qty.isZero() ? Money.ZERO : cost.minus(closedCost);
    } else {
      Quantity closing = qty.negate();
      Money closingNotional = signedNotional.fraction(closing.abs().raw(), q.abs().raw());
      realized = closingNotional.negate().minus(cost);
      qty = q.plus(qty);
      cost = signedNotional.minus(closingNotional);
    }
    wallet = wallet.plus(realized).minus(fill.fee());
    totalFees = totalFees.plus(fill.fee());
    totalRealized = totalRealized.plus(realized);
    Position next = new Position(fill.instrument(), qty, cost, p.realizedPnl().plus(realized));
    positions.put(fill.instrument(), next);
    return realized;
  }

  /**
   * Settles funding on the position in {@code instrument} at {@code markPrice}: longs pay {@code
   * rate × notional} when the rate is positive. Returns the amount received (negative when paid).
   */
  public Money settleFunding(InstrumentId instrument, double rate, double markPrice) {
    Position p = positions.get(instrument);
    if (p == null || p.quantity().isZero()) {
      return Money.ZERO;
    }
    BigDecimal notional = p.quantity().toBigDecimal().multiply(BigDecimal.valueOf(markPrice));
    Money amount = Money.of(notional.multiply(rateDecimal(rate)).negate());
    wallet = wallet.plus(amount);
    totalFunding = totalFunding.plus(amount);
    return amount;
  }

  /** Unrealised PnL at the given marks (instruments without a mark count as zero). */
  public double unrealizedPnl(ToDoubleFunction<InstrumentId> mark) {
    double u = 0;
    for (Position p : sorted()) {
      if (!p.quantity().isZero()) {
        double m = mark.applyAsDouble(p.instrument());
        if (m > 0) {
          u += p.unrealizedPnl(m);
        }
      }
    }
    return u;
  }

  /**
   * {@code BigDecimal.valueOf(rate)}, remembered for the last rate: a settlement applies one rate
   * to every open position (the fallback rate to all of them), and the double-to-decimal conversion
   * was a visible share of a backtest's funding step.
   */
  private BigDecimal rateDecimal(double rate) {
    if (lastRateDecimal == null || Double.doubleToRawLongBits(rate) != lastRateBits) {
      lastRateBits = Double.doubleToRawLongBits(rate);
      lastRateDecimal = BigDecimal.valueOf(rate);
    }
    return lastRateDecimal;
  }

  /** The signed position quantity in {@code instrument}, or null when never traded. */
  public Position position(InstrumentId instrument) {
    return positions.get(instrument);
  }

  /** Open (non-zero) positions. */
  public List<Position> openPositions() {
    List<Position> out = new ArrayList<>();
    for (Position p : sorted()) {
      if (!p.quantity().isZero()) {
        out.add(p);
      }
    }
    return out;
  }

  /** The wallet balance. */
  public Money wallet() {
    return wallet;
  }

  /** Fees paid. */
  public Money totalFees() {
    return totalFees;
  }

  /** Funding received (negative when paid). */
  public Money totalFunding() {
    return totalFunding;
  }

  /** Realised PnL before fees and funding. */
  public Money totalRealized() {
    return totalRealized;
  }

  /** The account id. */
  public String accountId() {
    return accountId;
  }

  /**
   * Replaces the position in {@code instrument} by {@code quantity} entered at {@code entryPrice}
   * (reconciliation with a venue, which is the truth); the wallet and the realised PnL so far are
   * kept. Returns the quantity held before.
   */
  public Quantity adopt(InstrumentId instrument, Quantity quantity, double entryPrice) {
    Position old = positions.get(instrument);
    Money realized = old == null ? Money.ZERO : old.realizedPnl();
    Money cost = quantity.isZero() ? Money.ZERO : Money.of(quantity.toDouble() * entryPrice);
    positions.put(instrument, new Position(instrument, quantity, cost, realized));
    return old == null ? Quantity.zero(quantity.scale()) : old.quantity();
  }

  /** The durable state at {@code asOfMs}. */
  public AccountState snapshot(long asOfMs) {
    return new AccountState(accountId, wallet, sorted(), totalFees, totalFunding, asOfMs);
  }

  /** Positions in instrument order (deterministic iteration). */
  private List<Position> sorted() {
    List<Position> out = new ArrayList<>(positions.values());
    out.sort(java.util.Comparator.comparing(Position::instrument));
    return out;
  }
}
