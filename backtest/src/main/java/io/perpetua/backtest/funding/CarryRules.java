package io.perpetua.backtest.funding;

/**
 * The rules and costs of the funding-carry backtest (spot long + 1× perp short of equal notional).
 *
 * <p>Signal: the mean normalised 8-hour rate of the settlements in the last {@code lookbackHours}
 * (the latest included), annualised (× 3 × 365). Flat → enter when the signal is at least {@code
 * entryAnnualised} and the latest settlement was not negative (no entry while funding is negative);
 * holding → exit when the signal falls below {@code exitAnnualised}. A decision made at a
 * settlement earns from the next one (no look-ahead). Every entry and exit trades both legs once,
 * each paying its taker fee and {@code slippage} on the notional. Immutable.
 *
 * @param entryAnnualised enter at or above this annualised rate (e.g. 0.10 = 10 %/year)
 * @param exitAnnualised exit below this annualised rate; at most {@code entryAnnualised}
 * @param lookbackHours hours of settlements averaged into the signal (≥ 1)
 * @param spotFee spot taker fee per trade, fraction of notional
 * @param perpFee perp taker fee per trade, fraction of notional
 * @param slippage slippage per leg and trade, fraction of notional
 * @param capitalPerNotional capital tied up per unit of notional (2: the spot leg plus 1× perp
 *     margin)
 */
public record CarryRules(
    double entryAnnualised,
    double exitAnnualised,
    int lookbackHours,
    double spotFee,
    double perpFee,
    double slippage,
    double capitalPerNotional) {
  /** Spot 0.10 %, perp 0.05 % taker, 0.02 % slippage per leg, enter ≥ 10 %, exit < 3 %, 24 h. */
  public static final CarryRules DEFAULTS =
      new CarryRules(0.10, 0.03, 24, 0.001, 0.0005, 0.0002, 2);

  /** Validates every field; messages name the field. */
  public CarryRules {
    finite("entry", entryAnnualised);
    finite("exit", exitAnnualised);
    if (exitAnnualised > entryAnnualised) {
      throw new IllegalArgumentException(
          "exit: must not exceed entry (" + entryAnnualised + "), was " + exitAnnualised);
    }
    if (lookbackHours < 1 || lookbackHours > 24 * 90) {
      throw new IllegalArgumentException("lookback_hours: must be 1..2160, was " + lookbackHours);
    }
    cost("spot_fee", spotFee);
    cost("perp_fee", perpFee);
    cost("slippage", slippage);
    if (!(capitalPerNotional >= 1 && capitalPerNotional <= 10)) {
      throw new IllegalArgumentException(
          "capital_per_notional: must be 1..10, was " + capitalPerNotional);
    }
  }

  /** The cost of trading both legs once, as a fraction of notional. */
  public double roundCost() {
    return spotFee + perpFee + 2 * slippage;
  }

  private static void finite(String name, double v) {
    if (!Double.isFinite(v) || Math.abs(v) > 10) {
      throw new IllegalArgumentException(
          name + ": must be a finite annual rate within ±10, was " + v);
    }
  }

  private static void cost(String name, double v) {
    if (!(v >= 0 && v < 0.05)) {
      throw new IllegalArgumentException(name + ": must be in [0, 0.05), was " + v);
    }
  }
}
