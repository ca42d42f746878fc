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
 * {@code max_drawdown_halt}: a drawdown from the equity peak of this fraction or more trips a halt
 * that holds until an operator resumes trading; while it holds, no order may add risk. The same
 * level trips the halt and is reported in the status. Immutable.
 */
public final class DrawdownHaltRule implements RiskRule {
  private final Fraction limit;
  private final Fraction warning;

  /** The rule halting at {@code limit} drawdown, in warning from {@code warning × limit}. */
  public DrawdownHaltRule(Fraction limit, Fraction warning) {
    this.limit = limit;
    this.warning = warning;
  }

  @Override
  public String name() {
    return "max_drawdown_halt";
  }

  /** Peak minus the latest equity, never negative (0 before a positive peak). */
  static Money drawdown(RiskBook book) {
    Exposure e = book.last();
    if (e == null || book.peakEquity == null || book.peakEquity.signum() <= 0) {
      return Money.ZERO;
    }
    Money d = book.peakEquity.minus(e.equity());
    return d.signum() > 0 ? d : Money.ZERO;
  }

  private Level measured(RiskBook book) {
    Money peak = book.peakEquity;
    if (peak == null || peak.signum() <= 0) {
      return Level.OK;
    }
    return Bound.TRIP.level(drawdown(book), limit.of(peak), warning);
  }

  /** Trips the halt when the latest reading is at or beyond the limit. */
  public void trip(RiskBook book, RiskEvents events) {
    if (!book.drawdownHalted && measured(book) == Level.VIOLATED) {
      book.drawdownHalted = true;
      events.record(
          book.last().timeMs(),
          "breaker_tripped",
          name(),
          null,
          "drawdown " + RiskText.percent(drawdown(book), book.peakEquity));
    }
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    if (book.drawdownHalted && (ctx.increasesPosition() || ctx.increasesGross())) {
      return reject("trading halted by " + name());
    }
    return Optional.empty();
  }

  @Override
  public Level level(RiskBook book) {
    return book.drawdownHalted ? Level.VIOLATED : measured(book);
  }

  @Override
  public Optional<RuleStatus> status(RiskBook book) {
    return Optional.of(
        new RuleStatus(
            name(),
            "Drawdown from the equity peak",
            RiskText.value(limit),
            RiskText.ratio(drawdown(book), book.peakEquity),
            level(book),
            null,
            book.drawdownHalted ? "halted until an operator resumes trading" : null));
  }
}
