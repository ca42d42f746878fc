package io.perpetua.trading.risk.rules;

import io.perpetua.core.Money;
import io.perpetua.core.order.Order;
import io.perpetua.trading.risk.Exposure;
import io.perpetua.trading.risk.Fraction;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import io.perpetua.trading.risk.RiskText;
import io.perpetua.trading.risk.RuleReading;
import io.perpetua.trading.risk.RuleStatus;
import io.perpetua.trading.risk.RuleStatus.Level;
import io.perpetua.trading.risk.SymbolLimit;
import java.util.Optional;

/**
 * {@code symbol_limit}: the per-symbol limits approved at runtime ({@link SymbolLimit}, read from
 * {@link OperatorControls} without a lock, so an approved limit binds the next check). No order may
 * make a limited symbol's position larger than its ceiling (the smaller of {@code max_leverage} ×
 * equity and {@code max_pos_value}; the ceiling itself is allowed). The status row reads the
 * largest position when its symbol is limited (the kernel's reading carries no other per-symbol
 * positions). Immutable.
 */
public final class SymbolLimitRule implements RiskRule {
  private final OperatorControls controls;
  private final Fraction warning;

  /** The rule over {@code controls}' limits, in warning from {@code warning × ceiling}. */
  public SymbolLimitRule(OperatorControls controls, Fraction warning) {
    this.controls = controls;
    this.warning = warning;
  }

  @Override
  public String name() {
    return "symbol_limit";
  }

  /** The level of a position of {@code |notional|} at {@code equity} under {@code limit}. */
  Level levelOf(SymbolLimit limit, Money notional, Money equity) {
    return Bound.CEILING.level(notional.abs(), limit.ceiling(equity), warning);
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    Optional<SymbolLimit> limit = controls.limit(order.instrument());
    if (limit.isEmpty()
        || !ctx.increasesPosition()
        || levelOf(limit.get(), ctx.positionAfter(), ctx.equity()) != Level.VIOLATED) {
      return Optional.empty();
    }
    SymbolLimit l = limit.get();
    return reject(
        order.instrument().apiSymbol()
            + " position would be "
            + RiskText.amount(ctx.positionAfter().abs())
            + " USDT, "
            + RiskText.multiple(ctx.positionAfter().abs(), ctx.equity())
            + "x equity (symbol limit: "
            + (l.maxLeverage() == null ? "" : RiskText.multiple(l.maxLeverage()) + "x")
            + (l.maxLeverage() != null && l.maxPositionValue() != null ? ", " : "")
            + (l.maxPositionValue() == null ? "" : RiskText.amount(l.maxPositionValue()) + " USDT")
            + ")");
  }

  @Override
  public Optional<RuleReading.Measure> measure(Order order, OrderContext ctx, RiskBook book) {
    return controls
        .limit(order.instrument())
        .map(l -> RuleReading.Measure.of(ctx.positionAfter().abs(), l.ceiling(ctx.equity())));
  }

  @Override
  public Level level(RiskBook book) {
    Exposure e = book.last();
    if (e == null || e.largestSymbol() == null || e.equity().signum() <= 0) {
      return Level.OK;
    }
    return controls
        .limitOf(e.largestSymbol())
        .map(l -> levelOf(l, e.largestPosition(), e.equity()))
        .orElse(Level.OK);
  }

  @Override
  public Optional<RuleStatus> status(RiskBook book) {
    if (controls.limits().isEmpty()) {
      return Optional.empty();
    }
    Exposure e = book.last();
    Optional<SymbolLimit> limit =
        e == null || e.largestSymbol() == null
            ? Optional.empty()
            : controls.limitOf(e.largestSymbol());
    Money ceiling = limit.map(l -> l.ceiling(e.equity())).orElse(null);
    return Optional.of(
        new RuleStatus(
            name(),
            "Largest position against its symbol's limit (USDT)",
            ceiling == null ? 0 : ceiling.toDouble(),
            limit.isEmpty() ? 0 : e.largestPosition().toDouble(),
            level(book),
            limit.isEmpty() ? null : e.largestSymbol(),
            controls.limits().size() + " symbol limit(s)"));
  }
}
