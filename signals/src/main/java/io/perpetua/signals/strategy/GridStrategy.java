package io.perpetua.signals.strategy;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.MarketView;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grid template ({@code tpl_grid}): {@code grid_levels} equally spaced levels between {@code
 * lower_price} and {@code upper_price}; the strategy holds one slice per level above the current
 * price — fully invested at or below the lower bound, flat at or above the upper bound — so it buys
 * a slice each time the price falls through a level and sells one each time it rises through one.
 * Long only. With several instruments in the pool, capital is split equally between them.
 *
 * <p>Expressed as target weights, so it runs through the same kernel, risk checks and venue as any
 * portfolio strategy; rebalanced every bar by its schedule. Immutable parameters; stateless.
 */
public final class GridStrategy extends ConfiguredStrategy {
  /** The configuration type name. */
  public static final String TYPE = "grid";

  private static final Set<String> PARAMETERS =
      Set.of("grid_levels", "upper_price", "lower_price", "gross_exposure");

  private final int levels;
  private final double upper;
  private final double lower;
  private final double grossExposure;

  /** Creates the grid; the bounds must be positive and ordered. */
  public GridStrategy(
      StrategyId id,
      String poolName,
      int levels,
      double upper,
      double lower,
      double grossExposure) {
    super(
        id,
        poolName,
        List.of(),
        "grid_levels",
        levels,
        "upper_price",
        upper,
        "lower_price",
        lower,
        "gross_exposure",
        grossExposure);
    if (levels < 1 || levels > 1000) {
      throw new IllegalArgumentException("parameter grid_levels must be in 1..1000, was " + levels);
    }
    if (!(lower > 0)) {
      throw new IllegalArgumentException("parameter lower_price must be positive, was " + lower);
    }
    if (!(upper > lower)) {
      throw new IllegalArgumentException(
          "parameter upper_price must be above lower_price (" + lower + "), was " + upper);
    }
    if (!(grossExposure > 0) || grossExposure > 125) {
      throw new IllegalArgumentException("parameter gross_exposure must be in (0, 125]");
    }
    this.levels = levels;
    this.upper = upper;
    this.lower = lower;
    this.grossExposure = grossExposure;
  }

  /** The fraction of the allocation held at {@code price}: levels above it / all levels. */
  public double heldFraction(double price) {
    double step = (upper - lower) / levels;
    double above = Math.ceil((upper - price) / step - 1e-9);
    return Math.max(0, Math.min(levels, above)) / levels;
  }

  @Override
  public StrategyDecision decide(MarketView view, boolean[] pool, List<double[]> features) {
    int n = view.instrumentCount();
    double[] signal = new double[n];
    double[] weights = new double[n];
    int members = 0;
    for (int i = 0; i < n; i++) {
      signal[i] = Double.NaN;
      if (pool[i] && view.history() > 0 && view.close(i, 0) > 0) {
        members++;
      }
    }
    for (int i = 0; i < n; i++) {
      if (pool[i] && view.history() > 0 && view.close(i, 0) > 0) {
        signal[i] = heldFraction(view.close(i, 0));
        weights[i] = signal[i] * grossExposure / members;
      }
    }
    // trade only on level crossings: ignore drift smaller than half a slice
    double halfSlice = members == 0 ? 0.0 : 0.5 * grossExposure / (levels * (double) members);
    return new StrategyDecision(view.time(), signal, weights, members, halfSlice);
  }

  /** Creates {@code grid} strategies from parameters. */
  public static final class Factory implements StrategyFactory {
    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public CrossSectionalStrategy create(StrategyId id, String poolName, Map<String, Object> p) {
      Params.requireKnown(p, PARAMETERS);
      return new GridStrategy(
          id,
          poolName,
          Params.intValue(p, "grid_levels", 10, 1, 1000),
          Params.requiredDouble(p, "upper_price"),
          Params.requiredDouble(p, "lower_price"),
          Params.doubleValue(p, "gross_exposure", 1.0));
    }
  }
}
