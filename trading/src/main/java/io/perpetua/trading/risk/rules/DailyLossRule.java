package io.perpetua.trading.risk.rules;

import io.perpetua.core.Money;
import io.perpetua.core.order.Order;
import io.perpetua.trading.risk.Exposure;
import io.perpetua.trading.risk.Fraction;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import io.perpetua.trading.risk.RiskText;
import io.perpetua.trading.risk.RuleStatus;
import io.perpetua.trading.risk.RuleStatus.Level;
import java.util.Optional;

/**
 * {@code daily_loss}: a loss since the UTC day's opening equity of at least a fraction of it, or of
 * at least an amount ({@code daily_loss_r × risk_unit}), whichever binds first, trips a halt until
 * the next UTC day (optionally closing every position). The same level trips the halt and is
 * reported in the status. Immutable.
 */
public final class DailyLossRule implements RiskRule {
  private final Fraction fraction;
  private final Money amount;
  private final boolean closeAll;
  private final Fraction warning;

  /** The rule with a fraction ({@link Fraction#OFF} = none) and an amount (null = none). */
  public DailyLossRule(Fraction fraction, Money amount, boolean closeAll, Fraction warning) {
    this.fraction = fraction;
    this.amount = amount;
    this.closeAll = closeAll;
    this.warning = warning;
  }

  @Override
  public String name() {
    return "daily_loss";
  }

  /** True when a limit is configured (else the rule has no status row). */
  public boolean configured() {
    return !fraction.isOff() || amount != null;
  }

  /** The day's opening equity minus the latest, never negative. */
  static Money loss(RiskBook book) {
    Exposure e = book.last();
    Money start = book.dayStartEquity;
    if (e == null || start == null || start.signum() <= 0) {
      return Money.ZERO;
    }
    Money l = start.minus(e.equity());
    return l.signum() > 0 ? l : Money.ZERO;
  }

  /** The binding limit in USDT today, or null when none. */
  Money limit(RiskBook book) {
    Money start = book.dayStartEquity;
    Money byFraction = start == null || start.signum() <= 0 ? null : fraction.of(start);
    if (byFraction == null) {
      return amount;
    }
    return amount == null || byFraction.compareTo(amount) < 0 ? byFraction : amount;
  }

  private Level measured(RiskBook book) {
    return Bound.TRIP.level(loss(book), limit(book), warning);
  }

  /** Trips the halt when the latest reading is at or beyond the limit. */
  public void trip(RiskBook book, RiskEvents events) {
    if (!book.dailyLossHalted && configured() && measured(book) == Level.VIOLATED) {
      book.dailyLossHalted = true;
      book.closeAllRequested = closeAll;
      events.record(
          book.last().timeMs(),
          "breaker_tripped",
          name(),
          null,
          "loss today " + RiskText.amount(loss(book)) + " USDT");
    }
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    if (book.dailyLossHalted && (ctx.increasesPosition() || ctx.increasesGross())) {
      return reject("trading halted by " + name());
    }
    return Optional.empty();
  }

  @Override
  public Level level(RiskBook book) {
    return book.dailyLossHalted ? Level.VIOLATED : measured(book);
  }

  @Override
  public Optional<RuleStatus> status(RiskBook book) {
    if (!configured()) {
      return Optional.empty();
    }
    Money loss = loss(book);
    Money limit = limit(book);
    // the row is shown in the unit of the binding limit, so threshold, value and level agree: the
    // fraction when it binds (or when no limit can be computed yet), else the amount in USDT
    boolean inFraction = !fraction.isOff() && (amount == null || !amount.equals(limit));
    return Optional.of(
        new RuleStatus(
            name(),
            inFraction
                ? "Loss since the start of the UTC day (fraction of equity)"
                : "Loss since the start of the UTC day (USDT; limit = daily_loss_r x risk_unit)",
            inFraction ? RiskText.value(fraction) : limit.toDouble(),
            inFraction ? RiskText.ratio(loss, book.dayStartEquity) : loss.toDouble(),
            level(book),
            null,
            null));
  }
}
