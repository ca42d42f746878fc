package io.perpetua.trading.carry;

import io.perpetua.core.Instrument;
import java.util.Objects;

/**
 * A carry instance's configuration, hard limits included; nothing at run time changes it.
 *
 * @param id instance id
 * @param underlying the underlying, e.g. {@code BTC-USD}
 * @param spotAccount the spot leg's account id
 * @param perpAccount the perp leg's account id
 * @param spotInstrument the spot leg's instrument (tick, step)
 * @param perpInstrument the perp leg's instrument
 * @param limits the hard limits of spec §7
 * @param spotFeeRate taker fee of the spot leg (dry-run fills)
 * @param perpFeeRate taker fee of the perp leg (dry-run fills)
 * @param tickMs how often the market is read and the timers run
 */
public record CarrySpec(
    String id,
    String underlying,
    String spotAccount,
    String perpAccount,
    Instrument spotInstrument,
    Instrument perpInstrument,
    CarryLimits limits,
    double spotFeeRate,
    double perpFeeRate,
    long tickMs) {
  /** Validates. */
  public CarrySpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(limits, "limits");
    if (tickMs < 10) {
      throw new IllegalArgumentException("tick_ms: must be at least 10, was " + tickMs);
    }
  }
}
