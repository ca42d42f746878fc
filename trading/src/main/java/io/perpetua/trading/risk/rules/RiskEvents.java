package io.perpetua.trading.risk.rules;

/** Where rules record what they did (breaker trips and resets) as risk events. */
@FunctionalInterface
public interface RiskEvents {
  /** Records an event of {@code kind} on {@code rule} (symbol and detail may be null). */
  void record(long timeMs, String kind, String rule, String symbol, String detail);
}
