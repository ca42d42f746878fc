package io.perpetua.trading.risk;

import io.perpetua.core.InstrumentId;
import java.util.Objects;

/**
 * Whether trading one symbol is enabled. A disabled symbol rejects every new order (its position is
 * not closed).
 *
 * @param symbol the instrument
 * @param tradingEnabled false when disabled
 * @param reason why it was changed
 * @param operator who changed it
 * @param changedAtMs when (wall clock)
 */
public record SymbolControl(
    InstrumentId symbol, boolean tradingEnabled, String reason, String operator, long changedAtMs) {
  /** Validates. */
  public SymbolControl {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(operator, "operator");
  }
}
