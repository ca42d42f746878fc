package io.perpetua.trading.kernel.algo;

import io.perpetua.core.Instrument;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.OrderSide;
import java.util.Objects;

/**
 * What a bracket order should do (spec §4.1): enter {@code quantity} with a post-only limit at
 * {@code entryLimit} (or at market when null), fall back to market for the rest after {@code
 * entryTimeoutMs} if the price moved less than {@code fallbackSlippageBps} from {@code
 * signalPrice}; then rest two reduce-only take-profit limits (half each) at the entry average ±
 * their distances, stop at market at the entry average ∓ {@code stopDistance}, move the stop to
 * break-even after TP1, and close at {@code timeoutMs} after entry (limit at the last price, market
 * after {@code timeoutGraceMs}).
 *
 * <p>Immutable. Distances are prices (features are {@code double}); levels become tick-rounded
 * {@link Price}s once the entry average is known.
 *
 * @param strategy the owning strategy
 * @param key the decision's unique key; client order ids derive from (strategy, key, leg)
 * @param instrument the instrument
 * @param side entry side
 * @param quantity entry quantity (positive, on the instrument's step)
 * @param entryLimit post-only entry limit, or null for a market entry
 * @param signalPrice the price the decision saw (fallback reference)
 * @param stopDistance stop distance from the entry average (1R per unit)
 * @param tp1Distance first take-profit distance
 * @param tp2Distance second take-profit distance
 * @param timing the timeouts and fees of the state machine
 * @param createdAtMs decision time
 */
public record BracketSpec(
    StrategyId strategy,
    String key,
    Instrument instrument,
    OrderSide side,
    Quantity quantity,
    Price entryLimit,
    double signalPrice,
    double stopDistance,
    double tp1Distance,
    double tp2Distance,
    Timing timing,
    long createdAtMs) {

  /**
   * The timeouts of the state machine and the fee rate the break-even stop covers.
   *
   * @param entryTimeoutMs how long the post-only entry rests
   * @param fallbackSlippageBps max move since the signal for the market fallback
   * @param tpTimeoutMs how long a touched take-profit may stay unfilled
   * @param holdTimeoutMs how long after entry the position is closed
   * @param timeoutGraceMs how long the timeout limit rests before market
   * @param breakEvenFeeRate fee rate per side the break-even stop covers (e.g. 0.0005)
   */
  public record Timing(
      long entryTimeoutMs,
      double fallbackSlippageBps,
      long tpTimeoutMs,
      long holdTimeoutMs,
      long timeoutGraceMs,
      double breakEvenFeeRate) {
    /** Validates. */
    public Timing {
      if (entryTimeoutMs <= 0 || tpTimeoutMs <= 0 || holdTimeoutMs <= 0 || timeoutGraceMs <= 0) {
        throw new IllegalArgumentException("bracket timeouts must be positive");
      }
      if (!(fallbackSlippageBps >= 0) || !(breakEvenFeeRate >= 0)) {
        throw new IllegalArgumentException("fallback slippage and fee rate must be ≥ 0");
      }
    }
  }

  /** Validates. */
  public BracketSpec {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(timing, "timing");
    if (key == null || key.isBlank() || key.contains("|") || key.contains(";")) {
      throw new IllegalArgumentException("bracket key must be non-blank without | or ;");
    }
    if (quantity == null || quantity.signum() <= 0) {
      throw new IllegalArgumentException("bracket quantity must be positive");
    }
    if (!(stopDistance > 0) || !(tp1Distance > 0) || !(tp2Distance > 0) || !(signalPrice > 0)) {
      throw new IllegalArgumentException("bracket distances and signal price must be positive");
    }
  }

  /** +1 for a long bracket, −1 for a short one. */
  int sign() {
    return side.sign();
  }

  /** One line for the kernel cursor ({@link #decode} reads it back). */
  String encode() {
    return String.join(
        "|",
        strategy.value(),
        key,
        side.name(),
        Long.toString(quantity.raw()),
        entryLimit == null ? "" : Long.toString(entryLimit.raw()),
        Double.toString(signalPrice),
        Double.toString(stopDistance),
        Double.toString(tp1Distance),
        Double.toString(tp2Distance),
        Long.toString(timing.entryTimeoutMs),
        Double.toString(timing.fallbackSlippageBps),
        Long.toString(timing.tpTimeoutMs),
        Long.toString(timing.holdTimeoutMs),
        Long.toString(timing.timeoutGraceMs),
        Double.toString(timing.breakEvenFeeRate),
        Long.toString(createdAtMs));
  }

  /** Reads {@link #encode()} back for {@code instrument}. */
  static BracketSpec decode(String line, Instrument instrument) {
    String[] f = line.split("\\|", -1);
    return new BracketSpec(
        StrategyId.of(f[0]),
        f[1],
        instrument,
        OrderSide.valueOf(f[2]),
        new Quantity(Long.parseLong(f[3]), instrument.quantityScale()),
        f[4].isEmpty() ? null : new Price(Long.parseLong(f[4]), instrument.priceScale()),
        Double.parseDouble(f[5]),
        Double.parseDouble(f[6]),
        Double.parseDouble(f[7]),
        Double.parseDouble(f[8]),
        new Timing(
            Long.parseLong(f[9]),
            Double.parseDouble(f[10]),
            Long.parseLong(f[11]),
            Long.parseLong(f[12]),
            Long.parseLong(f[13]),
            Double.parseDouble(f[14])),
        Long.parseLong(f[15]));
  }
}
