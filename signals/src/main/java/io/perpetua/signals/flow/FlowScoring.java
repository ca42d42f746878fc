package io.perpetua.signals.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scoring families of spec §3 as pure functions of {@link FlowInputs}: {@link #v51}, {@link
 * #v52}, {@link #v53} and {@link #factory} (the last two in {@link GatedScoring}, faithful to the
 * original system's scorer). Every rule is documented in {@code docs/orderflow.md} and pinned by
 * {@code FlowScoringTest}. Stateless and thread-safe.
 */
public final class FlowScoring {
  /** Block reason of v51/v52 when the CVDs disagree (or are zero). */
  public static final String NO_DIRECTION = "no_direction";

  /** Block reason of a failed volatility floor. */
  public static final String VOL_FLOOR = "vol_floor";

  /** Block reason of failed CVD resonance. */
  public static final String CVD_RESONANCE = "cvd_resonance";

  /** Block reason of the whale gate. */
  public static final String WHALE = "whale";

  /** Block reason of the book-imbalance veto. */
  public static final String OBI = "obi";

  /** Block reason of the spot–perp divergence veto. */
  public static final String SPOT_PERP = "spot_perp";

  /** Prefix of the block reason of a missing input. */
  public static final String MISSING = "missing_feature:";

  private FlowScoring() {}

  // ---------------------------------------------------------------- v51 / v52 layers

  /** v51 direction sub-scores: fast 15, slow 15, P99 15/10/0, acceleration 5 (if enabled). */
  static double v51Direction(FlowInputs in, FlowDirection d, boolean accel, Map<String, Double> f) {
    double fast = FlowDirection.ofSign(in.cvdFast()) == d ? 15 : 0;
    double slow = FlowDirection.ofSign(in.cvdSlow()) == d ? 15 : 0;
    double p99 = p99Alignment(in, d, 15, 10);
    double acc = accel && accelerationAgrees(in, d) ? 5 : 0;
    f.put("direction.fast_cvd", fast);
    f.put("direction.slow_cvd", slow);
    f.put("direction.p99", p99);
    if (accel) {
      f.put("direction.acceleration", acc);
    }
    return fast + slow + p99 + acc;
  }

  /**
   * P99 flow: {@code same} when the net large-trade quantity (buy − sell, last 15 min) is on our
   * side, else {@code none} when no large trade opposes, else 0.
   */
  static double p99Alignment(FlowInputs in, FlowDirection d, double same, double none) {
    double net = in.largeBuyQty() - in.largeSellQty();
    if (d.sign() * net > 0) {
      return same;
    }
    double opposing = d == FlowDirection.LONG ? in.largeSellQty() : in.largeBuyQty();
    return opposing == 0 ? none : 0;
  }

  static boolean accelerationAgrees(FlowInputs in, FlowDirection d) {
    return !Double.isNaN(in.cvdAcceleration()) && d.sign() * in.cvdAcceleration() > 0;
  }

  /** v51 long/short-ratio points: 10 / 5 / 0; missing → 5. */
  static double v51LongShort(double lsr, FlowDirection d) {
    if (Double.isNaN(lsr)) {
      return 5;
    }
    if (d == FlowDirection.LONG) {
      return lsr < 0.5 ? 10 : lsr <= 0.67 ? 5 : 0;
    }
    return lsr > 2.0 ? 10 : lsr >= 1.5 ? 5 : 0;
  }

  /**
   * Top-trader points on the long share: LONG ≥ 0.55 → 10, ≤ 0.45 → 0; SHORT ≤ 0.45 → 10, ≥ 0.55 →
   * 0; else (or missing) 5.
   */
  static double topTraders(double longShare, FlowDirection d) {
    if (Double.isNaN(longShare)) {
      return 5;
    }
    if (d == FlowDirection.LONG) {
      return longShare >= 0.55 ? 10 : longShare <= 0.45 ? 0 : 5;
    }
    return longShare <= 0.45 ? 10 : longShare >= 0.55 ? 0 : 5;
  }

  /** v51 environment: OI change ≥ +3 % → 15, > 0 → 10, else (or missing) 5. */
  static double v51Environment(double oiChange) {
    return oiChange >= 0.03 ? 15 : oiChange > 0 ? 10 : 5;
  }

  /**
   * Auxiliary: premium beyond 0.05 % on our side → 5, |premium| ≤ 0.05 % → 2, beyond it against us
   * → 0; missing → 2.
   */
  static double auxiliary(double premium, FlowDirection d) {
    if (Double.isNaN(premium)) {
      return 2;
    }
    if (d == FlowDirection.LONG ? premium > 0.0005 : premium < -0.0005) {
      return 5;
    }
    return Math.abs(premium) <= 0.0005 ? 2 : 0;
  }

  /** v52 funding: {@code min(5, |FR|/max|FR| × 5)} when on our side, else (or unknown) 0. */
  static double funding(double fr, double maxAbs, FlowDirection d) {
    if (Double.isNaN(fr) || !(maxAbs > 0)) {
      return 0;
    }
    boolean ours = d == FlowDirection.LONG ? fr < 0 : fr > 0;
    return ours ? Math.min(5, Math.abs(fr) / maxAbs * 5) : 0;
  }

  /** v52 liquidation: opposite/own liquidated USD (5 min) ≥ 2 → 5, ≥ 1.5 → 3, ≥ 1.2 → 1. */
  static double liquidation(FlowInputs in, FlowDirection d) {
    double opposite = d == FlowDirection.LONG ? in.liquidatedShortUsd() : in.liquidatedLongUsd();
    double own = d == FlowDirection.LONG ? in.liquidatedLongUsd() : in.liquidatedShortUsd();
    if (!(opposite > 0)) {
      return 0;
    }
    double ratio = own > 0 ? opposite / own : Double.POSITIVE_INFINITY;
    return ratio >= 2.0 ? 5 : ratio >= 1.5 ? 3 : ratio >= 1.2 ? 1 : 0;
  }

  /** Direction of v51/v52: the fast CVD's sign; blocked unless the slow CVD agrees. */
  private static FlowScore directionless(Map<String, Double> f) {
    return new FlowScore(0, FlowDirection.NONE, false, NO_DIRECTION, f);
  }

  /** {@code v51_baseline} (§3.1). */
  public static FlowScore v51(FlowInputs in) {
    Map<String, Double> f = new LinkedHashMap<>();
    FlowDirection d = FlowDirection.ofSign(in.cvdFast());
    if (d == FlowDirection.NONE) {
      return directionless(f);
    }
    double direction = v51Direction(in, d, true, f);
    double lsr = v51LongShort(in.longShortRatio(), d);
    double top = topTraders(in.topTraderLongShare(), d);
    double env = v51Environment(in.oiChange());
    double confirm = FlowDirection.ofSign(in.cvdSlow()) == d ? 15 : 0;
    double aux = auxiliary(in.premium(), d);
    f.put("crowding.long_short", lsr);
    f.put("crowding.top_traders", top);
    f.put("direction", direction);
    f.put("crowding", lsr + top);
    f.put("environment", env);
    f.put("confirmation", confirm);
    f.put("auxiliary", aux);
    double total = Math.min(100, direction + lsr + top + env + confirm + aux);
    return finish(in, total, d, f);
  }

  /**
   * {@code v52_8signals} (§3.2): v51's raw direction (without acceleration, max 45), crowding (20)
   * and environment (15) scaled to 40, 18 and 12; funding 5; confirmation 15; liquidation 5;
   * auxiliary 5.
   */
  public static FlowScore v52(FlowInputs in) {
    Map<String, Double> f = new LinkedHashMap<>();
    FlowDirection d = FlowDirection.ofSign(in.cvdFast());
    if (d == FlowDirection.NONE) {
      return directionless(f);
    }
    double direction = v51Direction(in, d, false, f) * 40.0 / 45.0;
    double crowd =
        (v51LongShort(in.longShortRatio(), d) + topTraders(in.topTraderLongShare(), d))
            * 18.0
            / 20.0;
    double fund = funding(in.fundingRate(), in.maxAbsFunding(), d);
    double env = v51Environment(in.oiChange()) * 12.0 / 15.0;
    double confirm = FlowDirection.ofSign(in.cvdSlow()) == d ? 15 : 0;
    double liq = liquidation(in, d);
    double aux = auxiliary(in.premium(), d);
    f.put("direction", direction);
    f.put("crowding", crowd);
    f.put("funding", fund);
    f.put("environment", env);
    f.put("confirmation", confirm);
    f.put("liquidation", liq);
    f.put("auxiliary", aux);
    double total = Math.min(100, direction + crowd + fund + env + confirm + liq + aux);
    return finish(in, total, d, f);
  }

  private static FlowScore finish(
      FlowInputs in, double total, FlowDirection d, Map<String, Double> f) {
    f.put("score", total);
    if (FlowDirection.ofSign(in.cvdSlow()) != d) {
      return new FlowScore(total, d, false, NO_DIRECTION, f);
    }
    if (!(in.atr() > 0)) {
      return new FlowScore(total, d, false, MISSING + "atr", f);
    }
    return new FlowScore(total, d, true, FlowScore.NONE, f);
  }

  // ---------------------------------------------------------------- v53 and factory

  static boolean whaleVetoes(FlowInputs in, GateSettings g, FlowDirection d) {
    if (g.whaleMode() == GateSettings.WhaleGateMode.FLOW_RATIO) {
      double ratio = in.whaleCvdRatio();
      return !Double.isNaN(ratio) && -d.sign() * ratio > g.whaleFlowPct();
    }
    double opposing = d == FlowDirection.LONG ? in.maxSellNotional() : in.maxBuyNotional();
    double supporting = d == FlowDirection.LONG ? in.maxBuyNotional() : in.maxSellNotional();
    return opposing >= g.whaleUsd() && supporting < g.whaleUsd();
  }

  /**
   * {@code v53} (§3.3): the factory scoring with the default weights 55/25/15/5 (layer caps
   * 41.25/18.75/25/15), as in the original system ({@link GatedScoring}).
   */
  public static FlowScore v53(FlowInputs in, GateSettings g) {
    return GatedScoring.score(in, g, FactoryWeights.defaults(), new LinkedHashMap<>());
  }

  /**
   * A factory strategy (§3.4): the v53 gates with the strategy's settings and the raw layers scaled
   * into the user's weights ({@link GatedScoring}); a failed gate scores 0.
   */
  public static FlowScore factory(FlowInputs in, GateSettings g, FactoryWeights w) {
    return GatedScoring.score(in, g, w, new LinkedHashMap<>());
  }
}
