package io.perpetua.signals.flow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The gated four-layer scoring of {@code v53} and factory strategies, faithful to the original
 * system's scorer ({@code evaluate_factory_strategy}, {@code ../shared/spec/original}) except the
 * deliberate fixes listed in {@code docs/orderflow.md}: raw layers direction ≤ 55 (CVD resonance 30
 * + P99 flow 20/10/0 + acceleration 5), crowding ≤ 25 (stepped long/short ratio 15/10/7/0 + top
 * traders 10/5/0), environment ≤ 15 (open-interest change 15/10/5) and auxiliary ≤ 5 (premium
 * 5/2/0), each scaled into the strategy's {@link FactoryWeights} ({@code v53} uses the defaults
 * 55/25/15/5: caps 41.25/18.75/25/15), summed, capped at 100 and rounded to 0.1 (half-even on the
 * exact binary value, as Python's {@code round(x, 1)}) before any threshold sees it.
 *
 * <p>Stateless and thread-safe.
 */
final class GatedScoring {
  static final double DIRECTION_RAW_MAX = 55;
  static final double CROWDING_RAW_MAX = 25;
  static final double ENVIRONMENT_RAW_MAX = 15;
  static final double AUXILIARY_RAW_MAX = 5;

  private GatedScoring() {}

  /**
   * P99 flow: 20 when any large (≥ P99) trade of the recent window is on our side, else 10 when no
   * large trade opposes, else 0.
   */
  static int p99Flow(FlowInputs in, FlowDirection d) {
    double ours = d == FlowDirection.LONG ? in.largeBuyQty() : in.largeSellQty();
    double theirs = d == FlowDirection.LONG ? in.largeSellQty() : in.largeBuyQty();
    return ours > 0 ? 20 : theirs > 0 ? 0 : 10;
  }

  /**
   * Long/short-ratio crowding: LONG below 0.5 / 0.7 / 1.0 → 15 / 10 / 7, SHORT above 2.0 / 1.5 /
   * 1.0 → 15 / 10 / 7, else 0; missing → 7.
   */
  static int longShort(double lsr, FlowDirection d) {
    if (Double.isNaN(lsr)) {
      return 7;
    }
    boolean longs = d == FlowDirection.LONG;
    if (longs ? lsr < 0.5 : lsr > 2.0) {
      return 15;
    }
    if (longs ? lsr < 0.7 : lsr > 1.5) {
      return 10;
    }
    return (longs ? lsr < 1.0 : lsr > 1.0) ? 7 : 0;
  }

  /** Open-interest environment: change ≥ +3 % → 15, > 0 → 10, else 5; missing → 10. */
  static int environment(double oiChange) {
    if (Double.isNaN(oiChange)) {
      return 10;
    }
    return oiChange >= 0.03 ? 15 : oiChange > 0 ? 10 : 5;
  }

  /**
   * The gates in order (the first failure is the block reason, {@code "none"} when all pass) with
   * the direction in {@code out[0]}; with the CVD gate off, disagreeing CVDs give the fast CVD's
   * direction (SHORT when it is 0).
   */
  static String gates(FlowInputs in, GateSettings g, FlowDirection[] out) {
    out[0] = FlowDirection.NONE;
    if (!(in.atr() > 0)) {
      return FlowScoring.MISSING + "atr";
    }
    boolean resonance = resonates(in);
    FlowDirection d = in.cvdFast() > 0 ? FlowDirection.LONG : FlowDirection.SHORT;
    if (g.volFloorOn() && in.atr() / in.price() < g.volMin()) {
      out[0] = d;
      return FlowScoring.VOL_FLOOR;
    }
    if (!resonance && g.cvdGateOn()) {
      return FlowScoring.CVD_RESONANCE;
    }
    out[0] = d;
    if (g.whaleOn() && FlowScoring.whaleVetoes(in, g, d)) {
      return FlowScoring.WHALE;
    }
    if (g.obiOn()) {
      if (Double.isNaN(in.bookImbalance())) {
        return FlowScoring.MISSING + "obi";
      }
      if (-d.sign() * in.bookImbalance() > g.obiVeto()) {
        return FlowScoring.OBI;
      }
    }
    if (g.spotPerpOn()) {
      if (Double.isNaN(in.spotPerpDivergence())) {
        return FlowScoring.MISSING + "spot_perp";
      }
      if (-d.sign() * in.spotPerpDivergence() > g.spotPerpVeto()) {
        return FlowScoring.SPOT_PERP;
      }
    }
    return FlowScore.NONE;
  }

  /** True when the fast and the slow CVD have the same non-zero sign. */
  static boolean resonates(FlowInputs in) {
    FlowDirection fast = FlowDirection.ofSign(in.cvdFast());
    return fast != FlowDirection.NONE && FlowDirection.ofSign(in.cvdSlow()) == fast;
  }

  /** The score of {@code in} under gates {@code g} and weights {@code w}. */
  static FlowScore score(FlowInputs in, GateSettings g, FactoryWeights w, Map<String, Double> f) {
    FlowDirection[] dir = new FlowDirection[1];
    String block = gates(in, g, dir);
    FlowDirection d = dir[0];
    if (!block.equals(FlowScore.NONE)) {
      f.put("score", 0.0);
      return new FlowScore(0, d, false, block, f);
    }
    int cvd = resonates(in) ? 30 : 0;
    int p99 = p99Flow(in, d);
    int accel = FlowScoring.accelerationAgrees(in, d) ? 5 : 0;
    int lsr = longShort(in.longShortRatio(), d);
    int top = (int) FlowScoring.topTraders(in.topTraderLongShare(), d);
    f.put("direction.resonance", (double) cvd);
    f.put("direction.p99", (double) p99);
    f.put("direction.acceleration", (double) accel);
    f.put("crowding.long_short", (double) lsr);
    f.put("crowding.top_traders", (double) top);
    double direction =
        scale(Math.min(cvd + p99 + accel, 55), DIRECTION_RAW_MAX, w.directionShare());
    double crowding = scale(Math.min(lsr + top, 25), CROWDING_RAW_MAX, w.crowdingShare());
    int envRaw = environment(in.oiChange());
    double env = scale(envRaw, ENVIRONMENT_RAW_MAX, w.environmentShare());
    int auxRaw = (int) FlowScoring.auxiliary(in.premium(), d);
    double aux = scale(auxRaw, AUXILIARY_RAW_MAX, w.auxiliaryShare());
    f.put("environment.oi", (double) envRaw);
    f.put("auxiliary.premium", (double) auxRaw);
    f.put("direction", round(direction, 2));
    f.put("crowding", round(crowding, 2));
    f.put("environment", round(env, 2));
    f.put("auxiliary", round(aux, 2));
    double total = total(direction, crowding, env, aux);
    f.put("score", total);
    return new FlowScore(total, d, true, FlowScore.NONE, f);
  }

  /** The four scaled layers summed, capped at 100 and rounded to 0.1. */
  static double total(double direction, double crowding, double env, double aux) {
    return Math.max(0, round(Math.min(direction + crowding + env + aux, 100), 1));
  }

  /** The score of raw layer points (direction ≤ 55, crowding ≤ 25, ...) under {@code w}. */
  static double total(FactoryWeights w, double dir, double crowd, double env, double aux) {
    return total(
        scale(Math.min(dir, 55), DIRECTION_RAW_MAX, w.directionShare()),
        scale(Math.min(crowd, 25), CROWDING_RAW_MAX, w.crowdingShare()),
        scale(env, ENVIRONMENT_RAW_MAX, w.environmentShare()),
        scale(aux, AUXILIARY_RAW_MAX, w.auxiliaryShare()));
  }

  /** {@code min(raw/rawMax × share, share)}, in the original's order of operations. */
  static double scale(double raw, double rawMax, double share) {
    if (rawMax <= 0 || share <= 0) {
      return 0;
    }
    return Math.min(Math.max(raw, 0) / rawMax * share, share);
  }

  /** Rounds the exact binary value half-even to {@code places} decimals (Python's round). */
  static double round(double value, int places) {
    return new BigDecimal(value).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
  }
}
