package io.perpetua.signals.strategy;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.MarketView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code rev_x_inv_vpin}: the reversal signal modulated continuously by inverse VPIN. The reversal
 * part is the weighted sum of the reversal features (by default {@code zscore_neg_ret_2h} and
 * {@code zscore_neg_ret_4h}, equally weighted, as {@code baseline_rev}); the last feature is a VPIN
 * ({@code tick_vpin_24h}). The signal is
 *
 * <pre>  s_i = reversal_i × m_i,   m_i = (1 / VPIN_i) / mean_j(1 / VPIN_j)</pre>
 *
 * over the instruments with both parts, so the modulation averages 1 and has no threshold: a
 * reversal in calm, uninformed flow (low VPIN) counts more than the same reversal in toxic flow.
 * VPIN is floored at {@value #VPIN_FLOOR} so a bar-quiet symbol cannot dominate. Then {@code
 * long_n} highest long, {@code short_n} lowest short, equal weight, like {@link
 * RankLongShortStrategy}.
 *
 * <p>Immutable parameters; {@link #decide} allocates its outputs.
 */
public final class InverseVpinReversalStrategy extends ConfiguredStrategy {
  /** The configuration type name. */
  public static final String TYPE = "rev_x_inv_vpin";

  /** Smallest VPIN used in {@code 1 / VPIN}. */
  public static final double VPIN_FLOOR = 0.01;

  private final double[] reversalWeights;
  private final int longN;
  private final int shortN;
  private final double grossExposure;

  /**
   * Creates the strategy: {@code features} are the reversal features followed by one VPIN feature;
   * {@code reversalWeights} has one weight per reversal feature.
   */
  public InverseVpinReversalStrategy(
      StrategyId id,
      String poolName,
      List<String> features,
      double[] reversalWeights,
      int longN,
      int shortN,
      double grossExposure) {
    super(
        id,
        poolName,
        features,
        "long_n",
        longN,
        "short_n",
        shortN,
        "features",
        List.copyOf(features),
        "reversal_weights",
        java.util.Arrays.stream(reversalWeights).boxed().toList(),
        "gross_exposure",
        grossExposure);
    if (features.size() < 2) {
      throw new IllegalArgumentException(
          id + ": features must be one or more reversal features and a VPIN feature");
    }
    if (!features.get(features.size() - 1).contains("vpin")) {
      throw new IllegalArgumentException(
          id + ": the last feature must be a VPIN, e.g. tick_vpin_24h");
    }
    if (reversalWeights.length != features.size() - 1) {
      throw new IllegalArgumentException(
          id + ": reversal_weights must have one weight per reversal feature");
    }
    if (longN < 0 || shortN < 0 || longN + shortN == 0) {
      throw new IllegalArgumentException(id + ": long_n and short_n must be >= 0, not both 0");
    }
    if (!(grossExposure > 0) || grossExposure > 10) {
      throw new IllegalArgumentException(id + ": gross_exposure must be in (0, 10]");
    }
    this.reversalWeights = reversalWeights.clone();
    this.longN = longN;
    this.shortN = shortN;
    this.grossExposure = grossExposure;
  }

  @Override
  public StrategyDecision decide(MarketView view, boolean[] pool, List<double[]> features) {
    int n = view.instrumentCount();
    double[] vpin = features.get(features.size() - 1);
    double[] reversal = new double[n];
    double inverseSum = 0;
    int count = 0;
    for (int i = 0; i < n; i++) {
      double r = pool[i] && vpin[i] >= 0 ? 0.0 : Double.NaN;
      for (int f = 0; f < reversalWeights.length && !Double.isNaN(r); f++) {
        r += reversalWeights[f] * features.get(f)[i];
      }
      reversal[i] = r;
      if (!Double.isNaN(r)) {
        inverseSum += 1 / Math.max(VPIN_FLOOR, vpin[i]);
        count++;
      }
    }
    double[] signal = new double[n];
    double meanInverse = count == 0 ? 1 : inverseSum / count;
    for (int i = 0; i < n; i++) {
      signal[i] =
          Double.isNaN(reversal[i])
              ? Double.NaN
              : reversal[i] * (1 / Math.max(VPIN_FLOOR, vpin[i])) / meanInverse;
    }
    double[] weights = new double[n];
    RankLongShortStrategy.assign(signal, count, longN, shortN, grossExposure, weights);
    return new StrategyDecision(
        view.time(), signal, weights, RankLongShortStrategy.countTrue(pool));
  }

  /** Creates {@code rev_x_inv_vpin} strategies from configuration parameters. */
  public static final class Factory implements StrategyFactory {
    /** The default features: the baseline reversal pair and the 24 h VPIN. */
    public static final List<String> DEFAULT_FEATURES =
        List.of("zscore_neg_ret_2h", "zscore_neg_ret_4h", "tick_vpin_24h");

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public CrossSectionalStrategy create(StrategyId id, String poolName, Map<String, Object> p) {
      Params.requireKnown(
          p, Set.of("features", "reversal_weights", "long_n", "short_n", "gross_exposure"));
      List<String> features =
          p.containsKey("features") ? Params.stringList(p, "features") : DEFAULT_FEATURES;
      int reversals = Math.max(1, features.size() - 1);
      double[] weights = Params.doubleList(p, "reversal_weights", reversals, 1.0 / reversals);
      return new InverseVpinReversalStrategy(
          id,
          poolName,
          new ArrayList<>(features),
          weights,
          Params.intValue(p, "long_n", 10, 0, 10_000),
          Params.intValue(p, "short_n", 10, 0, 10_000),
          Params.doubleValue(p, "gross_exposure", 1.0));
    }
  }
}
