package io.perpetua.signals.strategy;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.MarketView;
import io.perpetua.signals.strategy.space.ParamSpace;
import io.perpetua.signals.strategy.space.ParamSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks the pool by a weighted sum of cross-sectional features and goes long the top {@code long_n}
 * and short the bottom {@code short_n}, equal weight, gross exposure {@code gross_exposure}
 * (default 1). {@code baseline_rev} is this strategy with features {@code zscore_neg_ret_2h} and
 * {@code zscore_neg_ret_4h}, equally weighted, 30 long and 30 short.
 *
 * <p>If fewer than {@code long_n + short_n} instruments have a signal, both sides shrink equally so
 * no instrument is both long and short. Ties are broken by instrument index (deterministic).
 * Immutable parameters; {@link #decide} is not thread-safe (it reuses scratch arrays).
 */
public final class RankLongShortStrategy extends ConfiguredStrategy {
  /** The configuration type name. */
  public static final String TYPE = "rank_long_short";

  private final double[] featureWeights;
  private final int longN;
  private final int shortN;
  private final double grossExposure;

  /** Creates the strategy; {@code featureWeights} must match {@code features} in length. */
  public RankLongShortStrategy(
      StrategyId id,
      String poolName,
      List<String> features,
      double[] featureWeights,
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
        "feature_weights",
        Arrays.stream(featureWeights).boxed().toList(),
        "gross_exposure",
        grossExposure);
    if (features.isEmpty()) {
      throw new IllegalArgumentException(id + ": at least one feature is required");
    }
    if (featureWeights.length != features.size()) {
      throw new IllegalArgumentException(id + ": feature_weights must have one weight per feature");
    }
    if (longN < 0 || shortN < 0 || longN + shortN == 0) {
      throw new IllegalArgumentException(id + ": long_n and short_n must be >= 0, not both 0");
    }
    if (!(grossExposure > 0) || grossExposure > 10) {
      throw new IllegalArgumentException(id + ": gross_exposure must be in (0, 10]");
    }
    this.featureWeights = featureWeights.clone();
    this.longN = longN;
    this.shortN = shortN;
    this.grossExposure = grossExposure;
  }

  /** Longs wanted. */
  public int longN() {
    return longN;
  }

  /** Shorts wanted. */
  public int shortN() {
    return shortN;
  }

  @Override
  public StrategyDecision decide(MarketView view, boolean[] pool, List<double[]> featureValues) {
    int n = view.instrumentCount();
    double[] signal = new double[n];
    double[] weights = new double[n];
    int valid = combine(pool, featureValues, n, signal);
    Integer[] order = rankDescending(signal, n, valid);
    int longs = longN;
    int shorts = shortN;
    if (longs + shorts > valid) {
      double scale = valid / (double) (longs + shorts);
      longs = (int) Math.floor(longN * scale);
      shorts = (int) Math.floor(shortN * scale);
    }
    int total = longs + shorts;
    if (total > 0) {
      double w = grossExposure / total;
      for (int k = 0; k < longs; k++) {
        weights[order[k]] = w;
      }
      for (int k = 0; k < shorts; k++) {
        weights[order[valid - 1 - k]] = -w;
      }
    }
    return new StrategyDecision(view.time(), signal, weights, countTrue(pool));
  }

  private int combine(boolean[] pool, List<double[]> featureValues, int n, double[] signal) {
    int valid = 0;
    for (int i = 0; i < n; i++) {
      double s = pool[i] ? 0.0 : Double.NaN;
      for (int f = 0; f < featureWeights.length && !Double.isNaN(s); f++) {
        s += featureWeights[f] * featureValues.get(f)[i];
      }
      signal[i] = s;
      if (!Double.isNaN(s)) {
        valid++;
      }
    }
    return valid;
  }

  private static Integer[] rankDescending(double[] signal, int n, int valid) {
    List<Integer> idx = new ArrayList<>(valid);
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(signal[i])) {
        idx.add(i);
      }
    }
    idx.sort(
        (a, b) -> {
          int c = Double.compare(signal[b], signal[a]);
          return c != 0 ? c : Integer.compare(a, b);
        });
    return idx.toArray(new Integer[0]);
  }

  private static int countTrue(boolean[] pool) {
    int c = 0;
    for (boolean b : pool) {
      if (b) {
        c++;
      }
    }
    return c;
  }

  /** Creates {@code rank_long_short} strategies from configuration parameters. */
  public static final class Factory implements StrategyFactory {
    @Override
    public String type() {
      return TYPE;
    }

    /** Per-feature weight parameters are named this prefix plus the feature's name. */
    public static final String WEIGHT_PREFIX = "weight_";

    @Override
    public ParamSpace space(Map<String, Object> configured) {
      List<ParamSpec> specs = new ArrayList<>();
      specs.add(ParamSpec.integer("long_n", 0, 10_000, 1, 60, 1, 30));
      specs.add(ParamSpec.integer("short_n", 0, 10_000, 1, 60, 1, 30));
      specs.add(ParamSpec.real("gross_exposure", 1e-9, 10, 0.5, 2, 0, 1));
      Object features = configured.get("features");
      if (features instanceof List<?> list) {
        for (Object f : list) {
          specs.add(ParamSpec.real(WEIGHT_PREFIX + f, -10, 10, 0, 1, 0, 1.0 / list.size()));
        }
      }
      return new ParamSpace(specs);
    }

    @Override
    public CrossSectionalStrategy create(StrategyId id, String poolName, Map<String, Object> p) {
      List<String> features = Params.stringList(p, "features");
      Set<String> known =
          new HashSet<>(
              Set.of("features", "feature_weights", "long_n", "short_n", "gross_exposure"));
      features.forEach(f -> known.add(WEIGHT_PREFIX + f));
      Params.requireKnown(p, known);
      ParamSpace space = space(p);
      space.check(p);
      double[] weights =
          Params.doubleList(p, "feature_weights", features.size(), 1.0 / features.size());
      for (int f = 0; f < features.size(); f++) {
        weights[f] = Params.doubleValue(p, WEIGHT_PREFIX + features.get(f), weights[f]);
      }
      return new RankLongShortStrategy(
          id,
          poolName,
          features,
          weights,
          Params.intValue(p, "long_n", 30, 0, 10_000),
          Params.intValue(p, "short_n", 30, 0, 10_000),
          Params.doubleValue(p, "gross_exposure", 1.0));
    }
  }
}
