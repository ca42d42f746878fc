package io.perpetua.trading.control;

import io.perpetua.core.Instrument;
import io.perpetua.core.order.OrderSide;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The hedge plan at least cost: for {@code quantity} of an underlying on {@code side}, each account
 * that can take part is priced at its taker fee plus the slippage its book shows for the quantity
 * it would take (a walk of the levels), limited by what its available margin (perp) or holdings
 * (spot) allow; the cheapest takes as much as it can, then the next. Quantities are whole steps of
 * each venue's instrument. Stateless.
 */
public final class HedgePlanner {
  private static final MathContext MC = MathContext.DECIMAL64;

  /** Share of the available margin a hedge may use (the rest covers fees and price moves). */
  private static final BigDecimal MARGIN_SHARE = new BigDecimal("0.95");

  /** One planned leg. */
  public record Leg(
      AccountRegistry.Entry account,
      Instrument instrument,
      BigDecimal quantity,
      BigDecimal mid,
      BigDecimal estimatedPrice,
      BigDecimal estimatedFee) {}

  private record Candidate(
      AccountRegistry.Entry account, Instrument instrument, Book book, BigDecimal capacity) {}

  private HedgePlanner() {}

  /** The plan; its legs' quantities add up to at most {@code quantity}. */
  public static List<Leg> plan(
      List<AccountRegistry.Entry> accounts,
      String underlying,
      OrderSide side,
      BigDecimal quantity,
      Set<String> excluded) {
    List<Candidate> candidates = new ArrayList<>();
    for (AccountRegistry.Entry e : accounts) {
      if (excluded.contains(e.config().id())) {
        continue;
      }
      Instrument instrument = AccountRegistry.instrument(e, underlying);
      Book book = e.ports().books().book(instrument.id()).orElse(null);
      if (book == null) {
        continue;
      }
      BigDecimal capacity = floorToStep(capacity(e, instrument, book, side), instrument);
      if (capacity.signum() > 0) {
        candidates.add(new Candidate(e, instrument, book, capacity));
      }
    }
    candidates.sort(Comparator.comparing(c -> unitCost(c, side, quantity.min(c.capacity()))));
    List<Leg> legs = new ArrayList<>();
    BigDecimal left = quantity;
    for (Candidate c : candidates) {
      BigDecimal q = floorToStep(left.min(c.capacity()), c.instrument());
      BigDecimal mid = c.book().mid();
      if (q.signum() <= 0
          || q.multiply(mid).compareTo(c.instrument().minNotional().toBigDecimal()) < 0) {
        continue;
      }
      BigDecimal price = c.book().averagePrice(side, q);
      BigDecimal fee = q.multiply(price).multiply(c.account().config().takerFeeRate(), MC);
      legs.add(new Leg(c.account(), c.instrument(), q, mid, price, fee));
      left = left.subtract(q);
      if (left.signum() <= 0) {
        break;
      }
    }
    return legs;
  }

  /** Fee plus slippage per unit when {@code c} takes {@code q}. */
  private static BigDecimal unitCost(Candidate c, OrderSide side, BigDecimal q) {
    BigDecimal price = c.book().averagePrice(side, q);
    BigDecimal slip = price.subtract(c.book().mid()).abs();
    return price.multiply(c.account().config().takerFeeRate()).add(slip);
  }

  /** What the account can trade on {@code side}: reducing a position is free, the rest margined. */
  static BigDecimal capacity(
      AccountRegistry.Entry e, Instrument instrument, Book book, OrderSide side) {
    BigDecimal position = AccountRegistry.position(e, instrument.id());
    BigDecimal price = book.averagePrice(side, BigDecimal.ONE);
    BigDecimal balance = e.ports().account().balance().toBigDecimal();
    BigDecimal available = balance.subtract(AccountRegistry.usedMargin(e)).max(BigDecimal.ZERO);
    if (e.config().kind() == AccountKind.SPOT) {
      if (side == OrderSide.SELL) {
        return position.max(BigDecimal.ZERO);
      }
      BigDecimal unit = price.multiply(BigDecimal.ONE.add(e.config().takerFeeRate()));
      return available.multiply(MARGIN_SHARE).divide(unit, MC);
    }
    BigDecimal reducing =
        side == OrderSide.SELL
            ? position.max(BigDecimal.ZERO)
            : position.negate().max(BigDecimal.ZERO);
    BigDecimal extra =
        available
            .multiply(MARGIN_SHARE)
            .multiply(BigDecimal.valueOf(e.config().leverage()))
            .divide(price, MC);
    return reducing.add(extra);
  }

  /** {@code q} rounded down to the instrument's step. */
  static BigDecimal floorToStep(BigDecimal q, Instrument instrument) {
    BigDecimal step = instrument.stepSize().toBigDecimal();
    return q.divide(step, 0, RoundingMode.FLOOR).multiply(step);
  }

  /** {@code q} rounded to the nearest step. */
  static BigDecimal roundToStep(BigDecimal q, Instrument instrument) {
    BigDecimal step = instrument.stepSize().toBigDecimal();
    return q.divide(step, 0, RoundingMode.HALF_UP).multiply(step);
  }
}
