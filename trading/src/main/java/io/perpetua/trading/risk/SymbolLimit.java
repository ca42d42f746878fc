package io.perpetua.trading.risk;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import java.util.Objects;

/**
 * A per-symbol risk limit, changed at runtime through four-eyes ({@code POST /api/v1/risk/limits})
 * and enforced by the {@code symbol_limit} rule: no order may make the symbol's position larger
 * than {@code maxLeverage} × equity or than {@code maxPositionValue} USDT (each limit itself is
 * allowed). Immutable.
 *
 * @param symbol the instrument
 * @param maxLeverage largest |position notional| / equity, or null (off)
 * @param maxPositionValue largest |position notional| in USDT, or null (off)
 * @param reason why it was set
 * @param operator who carried it out (the approver, with the requester)
 * @param changedAtMs when (wall clock)
 */
public record SymbolLimit(
    InstrumentId symbol,
    Fraction maxLeverage,
    Money maxPositionValue,
    String reason,
    String operator,
    long changedAtMs) {
  /** Validates: at least one limit, each positive. */
  public SymbolLimit {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(operator, "operator");
    if (maxLeverage == null && maxPositionValue == null) {
      throw new IllegalArgumentException("a symbol limit needs max_leverage or max_pos_value");
    }
    if (maxLeverage != null && (maxLeverage.isZero() || maxLeverage.raw() < 0)) {
      throw new IllegalArgumentException("max_leverage must be positive");
    }
    if (maxPositionValue != null && maxPositionValue.signum() <= 0) {
      throw new IllegalArgumentException("max_pos_value must be positive");
    }
  }

  /**
   * The largest |position notional| allowed at {@code equity}: the smaller of the two limits (null
   * when neither binds: leverage off and no value limit, or a leverage beyond {@link Money}'s
   * range).
   */
  public Money ceiling(Money equity) {
    Money byLeverage =
        maxLeverage == null ? null : maxLeverage.of(equity.signum() < 0 ? Money.ZERO : equity);
    if (byLeverage == null) {
      return maxPositionValue;
    }
    return maxPositionValue == null || byLeverage.compareTo(maxPositionValue) < 0
        ? byLeverage
        : maxPositionValue;
  }
}
