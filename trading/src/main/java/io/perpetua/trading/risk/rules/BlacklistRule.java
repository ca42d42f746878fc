package io.perpetua.trading.risk.rules;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.order.Order;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import java.util.Optional;
import java.util.Set;

/** {@code blacklist}: listed symbols may be closed but not opened or increased. Immutable. */
public final class BlacklistRule implements RiskRule {
  private final Set<InstrumentId> symbols;

  /** The rule with these symbols. */
  public BlacklistRule(Set<InstrumentId> symbols) {
    this.symbols = Set.copyOf(symbols);
  }

  @Override
  public String name() {
    return "blacklist";
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    return symbols.contains(order.instrument())
        ? reject(order.instrument().apiSymbol() + " is blacklisted")
        : Optional.empty();
  }
}
