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
import java.util.Locale;
import java.util.Optional;

/**
 * {@code max_total_exposure}: no order may take the gross notional (Σ|long| + Σ|short|) above this
 * multiple of equity (the limit itself is allowed); the status reports the gross. Immutable.
 */
public final class MaxExposureRule implements RiskRule {
  private final Fraction limit;
  private final Fraction warning;

  /** The rule with {@code limit} × equity, in warning from {@code warning × limit}. */
  public MaxExposureRule(Fraction limit, Fraction warning) {
    this.limit = limit;
    this.warning = warning;
  }

  @Override
  public String name() {
    return "max_total_exposure";
  }

  /** The level of a gross notional {@code gross} at {@code equity} (positive). */
  Level levelOf(Money gross, Money equity) {
    return Bound.CEILING.level(gross, limit.of(equity), warning);
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    if (!ctx.increasesGross() || levelOf(ctx.grossAfter(), ctx.equity()) != Level.VIOLATED) {
      return Optional.empty();
    }
    return reject(
        "gross exposure would be "
            + RiskText.multiple(ctx.grossAfter(), ctx.equity())
            + "x equity (limit "
            + RiskText.multiple(limit)
            + "x)");
  }

  @Override
  public Optional<io.perpetua.trading.risk.RuleReading.Measure> measure(
      Order order, OrderContext ctx, RiskBook book) {
    return Optional.of(
        io.perpetua.trading.risk.RuleReading.Measure.of(ctx.grossAfter(), limit.of(ctx.equity())));
  }

  @Override
  public Level level(RiskBook book) {
    Exposure e = book.last();
    return e == null || e.equity().signum() <= 0 ? Level.OK : levelOf(e.gross(), e.equity());
  }

  @Override
  public Optional<RuleStatus> status(RiskBook book) {
    Exposure e = book.last();
    Money equity = e == null ? Money.ZERO : e.equity();
    String detail =
        String.format(
            Locale.ROOT,
            "long=%.2f, short=%.2f",
            e == null ? 0 : RiskText.ratio(e.longNotional(), equity),
            e == null ? 0 : RiskText.ratio(e.shortNotional(), equity));
    return Optional.of(
        new RuleStatus(
            name(),
            "Gross exposure as a multiple of equity",
            RiskText.value(limit),
            e == null ? 0 : RiskText.ratio(e.gross(), equity),
            level(book),
            null,
            detail));
  }
}
