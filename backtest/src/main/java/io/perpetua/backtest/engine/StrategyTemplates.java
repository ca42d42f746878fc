package io.perpetua.backtest.engine;

import io.perpetua.core.StrategyId;
import io.perpetua.core.Timeframe;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.signals.strategy.GridStrategy;
import io.perpetua.signals.strategy.StrategyFactory;
import io.perpetua.signals.strategy.space.ParamSpace;
import io.perpetua.signals.strategy.space.ParamSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The strategies a backtest may name: the configured ones (e.g. {@code baseline_rev}) and the
 * built-in template {@code tpl_grid}, each with its type, pool, schedule and default parameters.
 * Overrides replace defaults key by key; {@code rebalance_days} in the overrides sets the schedule
 * rather than a strategy parameter. Strategy types come from the {@link StrategyFactory} SPI.
 *
 * <p>Immutable and thread-safe.
 */
public final class StrategyTemplates implements StrategyResolver {
  /** The grid template's id. */
  public static final String GRID_TEMPLATE = "tpl_grid";

  /** Every instrument that trades: the pool of single-instrument templates. */
  public static final AssetPoolDefinition ALL =
      new AssetPoolDefinition("all", "usdt_volume", 100_000, 1, 24, 0);

  /**
   * One named strategy.
   *
   * @param type factory type
   * @param pool asset pool
   * @param cron rebalance schedule
   * @param rebalanceDays minimum days between rebalances (0: every cron fire)
   * @param defaults default parameters
   */
  public record Template(
      String type,
      AssetPoolDefinition pool,
      CronSchedule cron,
      int rebalanceDays,
      Map<String, Object> defaults) {
    /** Copies the defaults. */
    public Template {
      defaults = Map.copyOf(defaults);
    }
  }

  private static final ParamSpec REBALANCE_DAYS =
      ParamSpec.integer("rebalance_days", 0, 365, 1, 30, 1, 1);

  private final Map<String, Template> templates;
  private final Map<String, StrategyFactory> factories = new TreeMap<>();

  /**
   * The given templates plus the built-in {@code tpl_grid} (unless one is configured by that id).
   */
  public StrategyTemplates(Map<String, Template> configured) {
    Map<String, Template> all = new LinkedHashMap<>();
    all.put(
        GRID_TEMPLATE,
        new Template(
            GridStrategy.TYPE, ALL, CronSchedule.parse("0 * * * *"), 0, Map.of("grid_levels", 10)));
    all.putAll(configured);
    this.templates = Map.copyOf(all);
    for (StrategyFactory f : ServiceLoader.load(StrategyFactory.class)) {
      factories.put(f.type(), f);
    }
  }

  /** The ids that can be resolved. */
  public Set<String> ids() {
    return new TreeSet<>(templates.keySet());
  }

  /** The template {@code id}, or null. */
  public Template template(String id) {
    return templates.get(id);
  }

  /**
   * The parameters strategy {@code id} declares (its factory's declaration for its configured
   * defaults) plus {@code rebalance_days}: what backtests validate and optimisers search.
   *
   * @throws IllegalArgumentException for an unknown id
   */
  public ParamSpace space(String id) {
    Template t = templates.get(id);
    if (t == null) {
      throw new IllegalArgumentException("strategy: unknown '" + id + "'; available: " + ids());
    }
    StrategyFactory factory = factories.get(t.type());
    if (factory == null) {
      throw new IllegalStateException("no strategy factory of type " + t.type());
    }
    int days = t.rebalanceDays();
    return factory
        .space(t.defaults())
        .plus(
            ParamSpace.of(
                ParamSpec.integer(
                    "rebalance_days", 0, 365, 1, Math.max(30, days), 1, Math.max(1, days))));
  }

  @Override
  public Resolved resolve(String id, Map<String, Object> overrides) {
    Template t = templates.get(id);
    if (t == null) {
      throw new IllegalArgumentException("strategy: unknown '" + id + "'; available: " + ids());
    }
    StrategyFactory factory = factories.get(t.type());
    if (factory == null) {
      throw new IllegalStateException("no strategy factory of type " + t.type());
    }
    Map<String, Object> params = new LinkedHashMap<>(t.defaults());
    params.putAll(overrides);
    int rebalanceDays = t.rebalanceDays();
    Object days = params.remove("rebalance_days");
    if (days != null) {
      rebalanceDays = (Integer) REBALANCE_DAYS.check(days);
    }
    try {
      return new Resolved(
          factory.create(StrategyId.of(id), t.pool().name(), params),
          t.pool(),
          t.cron(),
          rebalanceDays);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("params: " + e.getMessage(), e);
    }
  }

  /**
   * Resolves {@code id} with {@code overrides} as the engine will and, when {@code timeframe} is
   * given, checks that every feature the strategy needs fits its bars (a window must be a whole
   * number of bars: a 2 h z-score cannot run on 4 h bars).
   *
   * @throws IllegalArgumentException naming the parameter or the feature
   */
  public void check(String id, Map<String, Object> overrides, Timeframe timeframe) {
    Resolved resolved = resolve(id, overrides);
    if (timeframe == null) {
      return;
    }
    FeatureRegistry features = new FeatureRegistry();
    for (String name : resolved.strategy().requiredFeatures()) {
      features.resolve(name).lookbackBars(timeframe.millis());
    }
  }
}
