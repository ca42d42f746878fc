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
 * {@code max_position_pct}: no order may make a position larger than this fraction of equity (the
 * limit itself is allowed); the status reports the largest position. Immutable.
 */
public final class MaxPositionRule implements RiskRule {
  private final Fraction limit;
  private final Fraction warning;

  /** The rule with {@code limit} of equity, in warning from {@code warning × limit}. */
  public MaxPositionRule(Fraction limit, Fraction warning) {
    this.limit = limit;
    this.warning = warning;
  }

  @Override
  public String name() {
    return "max_position_pct";
  }

  /** The level of a position of {@code |notional|} at {@code equity} (positive). */
  Level levelOf(Money notional, Money equity) {
    return Bound.CEILING.level(notional.abs(), limit.of(equity), warning);
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    if (!ctx.increasesPosition() || levelOf(ctx.positionAfter(), ctx.equity()) != Level.VIOLATED) {
      return Optional.empty();
    }
    return reject(
        order.instrument().apiSymbol()
            + " would be "
            + RiskText.percent(ctx.positionAfter().abs(), ctx.equity())
            + " of equity (limit "
            + RiskText.percent(limit)
            + ")");
  }

  @Override
  public Optional<io.perpetua.trading.risk.RuleReading.Measure> measure(
      Order order, OrderContext ctx, RiskBook book) {
    return Optional.of(
        io.perpetua.trading.risk.RuleReading.Measure.of(
            ctx.positionAfter().abs(), limit.of(ctx.equity())));
  }

  @Override
  public Level level(RiskBook book) {
    Exposure e = book.last();
    return e == null || e.equity().signum() <= 0
        ? Level.OK
        : levelOf(e.largestPosition(), e.equity());
  }

  @Override
  public Optional<RuleStatus> status(RiskBook book) {
    Exposure e = book.last();
    return Optional.of(
        new RuleStatus(
            name(),
            "Largest position as a share of equity",
            RiskText.value(limit),
            e == null ? 0 : RiskText.ratio(e.largestPosition(), e.equity()),
            level(book),
            e == null ? null : e.largestSymbol(),
            null));
  }
}
