package io.perpetua.signals.hotlist;

/**
 * The hot-coin scan's parameters (003 §10; every number a configurable default). Immutable.
 *
 * @param wVolJump weight w1 of {@code VolJump}
 * @param wTurnover weight w2 of {@code Turnover}
 * @param wOiDelta weight w3 of {@code |OIΔ|}
 * @param wFundingZ weight w4 of {@code |FundingZ|}
 * @param wRegimeShift weight w5 of {@code RegimeShift}
 * @param top how many of the ranking go into the list (N)
 * @param volDays previous days whose median σ is VolJump's denominator (7)
 * @param turnoverDays previous days Turnover's quantile is taken over (30)
 * @param fundingSettlements previous settlements FundingZ's mean and deviation come from (90)
 * @param trendEfficiency efficiency ratio from which the last day counts as trending (0.3)
 * @param stressSigmas daily σ a safe leverage must survive without liquidation (3)
 * @param maintenanceMargin maintenance margin rate in the safe leverage (0.004)
 * @param maxLeverage cap of the safe leverage (20)
 * @param candidateTtlMs how long a candidate can be approved after its scan ran (24 h)
 */
public record HotlistConfig(
    double wVolJump,
    double wTurnover,
    double wOiDelta,
    double wFundingZ,
    double wRegimeShift,
    int top,
    int volDays,
    int turnoverDays,
    int fundingSettlements,
    double trendEfficiency,
    double stressSigmas,
    double maintenanceMargin,
    int maxLeverage,
    long candidateTtlMs) {

  /** Validates. */
  public HotlistConfig {
    for (double w : new double[] {wVolJump, wTurnover, wOiDelta, wFundingZ, wRegimeShift}) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("hotlist weights must be finite and >= 0");
      }
    }
    if (top < 1 || top > 500) {
      throw new IllegalArgumentException("hotlist top must be 1..500");
    }
    if (volDays < 2 || turnoverDays < 2 || fundingSettlements < 3) {
      throw new IllegalArgumentException("hotlist windows too short");
    }
    if (!(stressSigmas > 0) || !(maintenanceMargin >= 0) || maxLeverage < 1) {
      throw new IllegalArgumentException("hotlist leverage parameters out of range");
    }
    if (candidateTtlMs <= 0) {
      throw new IllegalArgumentException("hotlist candidate ttl must be > 0");
    }
  }

  /** The documented defaults (docs/hotlist.md). */
  public static HotlistConfig defaults() {
    return new HotlistConfig(
        1.0, 1.0, 1.0, 0.5, 1.0, 10, 7, 30, 90, 0.3, 3.0, 0.004, 20, 24L * 3_600_000L);
  }

  /** This configuration with another N. */
  public HotlistConfig withTop(int n) {
    return new HotlistConfig(
        wVolJump,
        wTurnover,
        wOiDelta,
        wFundingZ,
        wRegimeShift,
        n,
        volDays,
        turnoverDays,
        fundingSettlements,
        trendEfficiency,
        stressSigmas,
        maintenanceMargin,
        maxLeverage,
        candidateTtlMs);
  }

  /** Calendar days of bars a scan reads before its timestamp. */
  public int lookbackDays() {
    return Math.max(volDays, turnoverDays) + 2;
  }
}
