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
 * {@code min_balance_reserve}: no new risk while equity is below the reserve, or not positive at
 * all; in warning while {@code warning × equity} is below the reserve. Immutable.
 */
public final class MinBalanceReserveRule implements RiskRule {
  private final Money reserve;
  private final Fraction warning;

  /** The rule with {@code reserve} USDT (null = only a positive equity is required). */
  public MinBalanceReserveRule(Money reserve, Fraction warning) {
    this.reserve = reserve;
    this.warning = warning;
  }

  @Override
  public String name() {
    return "min_balance_reserve";
  }

  /** The level at {@code equity}. */
  Level levelOf(Money equity) {
    if (equity.signum() <= 0 || (reserve != null && equity.compareTo(reserve) < 0)) {
      return Level.VIOLATED;
    }
    return reserve != null && warning.of(equity).compareTo(reserve) < 0 ? Level.WARNING : Level.OK;
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    Money equity = ctx.equity();
    if (levelOf(equity) != Level.VIOLATED) {
      return Optional.empty();
    }
    if (reserve != null && equity.compareTo(reserve) < 0) {
      return reject(
          "equity " + RiskText.amount(equity) + " below reserve " + RiskText.amount(reserve));
    }
    return reject("no equity");
  }

  @Override
  public Optional<io.perpetua.trading.risk.RuleReading.Measure> measure(
      Order order, OrderContext ctx, RiskBook book) {
    return Optional.of(
        io.perpetua.trading.risk.RuleReading.Measure.of(
            ctx.equity(), reserve == null ? Money.ZERO : reserve));
  }

  @Override
  public Level level(RiskBook book) {
    Exposure e = book.last();
    return e == null ? Level.OK : levelOf(e.equity());
  }

  @Override
  public Optional<RuleStatus> status(RiskBook book) {
    Exposure e = book.last();
    return Optional.of(
        new RuleStatus(
            name(),
            "Minimum equity kept",
            reserve == null ? 0 : reserve.toDouble(),
            e == null ? 0 : e.equity().toDouble(),
            level(book),
            null,
            null));
  }
}
