package io.perpetua.trading.risk.rules;

import io.perpetua.core.Money;
import io.perpetua.core.order.Order;
import io.perpetua.trading.risk.Fraction;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import io.perpetua.trading.risk.RiskText;
import io.perpetua.trading.risk.RuleStatus;
import io.perpetua.trading.risk.RuleStatus.Level;
import java.util.Optional;

/**
 * {@code max_daily_turnover}: the notional submitted in a UTC day may not exceed this multiple of
 * the day's opening equity (the limit itself is allowed). Immutable.
 */
public final class DailyTurnoverRule implements RiskRule {
  private final Fraction limit;
  private final Fraction warning;
  private final RiskEvents events;

  /** The rule with {@code limit}, in warning from {@code warning × limit}. */
  public DailyTurnoverRule(Fraction limit, Fraction warning, RiskEvents events) {
    this.limit = limit;
    this.warning = warning;
    this.events = events;
  }

  @Override
  public String name() {
    return "max_daily_turnover";
  }

  /** The level of a day's turnover against the day's opening equity (positive). */
  Level levelOf(Money turnover, Money dayStart) {
    return Bound.CEILING.level(turnover, limit.of(dayStart), warning);
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    book.rollDay(ctx.nowMs(), ctx.equity(), events);
    Money after = book.dayTurnover.plus(Money.notional(ctx.mark(), order.quantity()));
    Money start = book.dayStartEquity;
    if (start != null && start.signum() > 0 && levelOf(after, start) != Level.VIOLATED) {
      return Optional.empty();
    }
    return reject(
        "daily turnover would be "
            + RiskText.multiple(after, start)
            + "x (limit "
            + RiskText.multiple(limit)
            + "x)");
  }

  @Override
  public Optional<io.perpetua.trading.risk.RuleReading.Measure> measure(
      Order order, OrderContext ctx, RiskBook book) {
    Money start = book.dayStartEquity;
    return Optional.of(
        io.perpetua.trading.risk.RuleReading.Measure.of(
            book.dayTurnover.plus(Money.notional(ctx.mark(), order.quantity())),
            start == null ? null : limit.of(start)));
  }

  @Override
  public Level level(RiskBook book) {
    Money start = book.dayStartEquity;
    return start == null || start.signum() <= 0 ? Level.OK : levelOf(book.dayTurnover, start);
  }

  @Override
  public Optional<RuleStatus> status(RiskBook book) {
    return Optional.of(
        new RuleStatus(
            name(),
            "Submitted notional today as a multiple of the day's opening equity",
            RiskText.value(limit),
            RiskText.ratio(book.dayTurnover, book.dayStartEquity),
            level(book),
            null,
            null));
  }
}
