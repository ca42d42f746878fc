package io.perpetua.trading.risk.rules;

import io.perpetua.core.Money;
import io.perpetua.trading.risk.Fraction;
import io.perpetua.trading.risk.RuleStatus.Level;

/**
 * How a rule compares its value with its limit. This one comparison gives both the pre-trade
 * decision (an order is rejected exactly when its outcome would be {@link Level#VIOLATED}) and the
 * level in the rule's status, so the two cannot disagree.
 */
public enum Bound {
  /**
   * The limit itself is allowed: violated only above it (position, exposure, turnover: "the largest
   * an order may create").
   */
  CEILING,
  /** A breaker: violated from the limit on (drawdown, daily loss trip at the limit). */
  TRIP;

  /**
   * The level of {@code value} against {@code limit} (null = no limit): violated as above, warning
   * from {@code warning × limit}, else ok.
   */
  public Level level(Money value, Money limit, Fraction warning) {
    if (limit == null) {
      return Level.OK;
    }
    int c = value.compareTo(limit);
    if (this == CEILING ? c > 0 : c >= 0) {
      return Level.VIOLATED;
    }
    return value.compareTo(warning.of(limit)) >= 0 ? Level.WARNING : Level.OK;
  }
}
