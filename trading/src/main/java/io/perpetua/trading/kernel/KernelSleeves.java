package io.perpetua.trading.kernel;

import io.perpetua.core.InstrumentId;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.strategy.CrossSectionalStrategy;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * How a {@link TradingKernel} builds its strategy sleeves once its instrument index and wall clock
 * exist: one strategy, or every strategy of a registry netted in one account. Stateless.
 */
final class KernelSleeves {
  private KernelSleeves() {}

  /** One cross-sectional strategy on its pool, rebalancing on the kernel's cron. */
  static BiFunction<Map<InstrumentId, Integer>, LongSupplier, StrategySleeves> single(
      KernelConfig config,
      int instruments,
      CrossSectionalStrategy strategy,
      AssetPoolDefinition pool,
      FeatureRegistry features,
      KernelPorts ports) {
    return (index, wall) ->
        StrategySleeves.single(
            new DecisionPipeline(
                strategy, pool, features, instruments, ports.state(), wall, config.publishState()),
            config.rebalanceCron(),
            config.rebalanceDays(),
            instruments);
  }

  /** Every strategy of {@code registry}, each on its own schedule and virtual book. */
  static BiFunction<Map<InstrumentId, Integer>, LongSupplier, StrategySleeves> registry(
      KernelConfig config,
      int instruments,
      StrategyRegistry registry,
      Map<String, AssetPoolDefinition> pools,
      FeatureRegistry features,
      double fallbackFeeRate,
      KernelPorts ports) {
    return (index, wall) ->
        StrategySleeves.of(
            registry,
            pools,
            (strategy, pool, publish) ->
                new DecisionPipeline(
                    strategy,
                    pool,
                    features,
                    instruments,
                    ports.state(),
                    wall,
                    publish && config.publishState()),
            config.initialCapital().toDouble(),
            fallbackFeeRate,
            index,
            instruments);
  }
}
