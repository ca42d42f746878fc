package io.perpetua.trading.kernel;

import io.perpetua.readmodel.PlatformState;
import io.perpetua.readmodel.PoolSnapshot;
import io.perpetua.readmodel.SignalSnapshot;
import io.perpetua.readmodel.SymbolSignal;
import io.perpetua.readmodel.TargetPosition;
import io.perpetua.signals.PanelMarketView;
import io.perpetua.signals.feature.CrossSectionalFeature;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.pool.AssetPool;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.strategy.CrossSectionalStrategy;
import io.perpetua.signals.strategy.StrategyDecision;
import io.perpetua.trading.registry.SignalCoverage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The decision half of the pipeline — asset pool, features, signal — each a {@link PipelineStage}
 * with its heartbeat. Same code in every mode. Not thread-safe (kernel thread).
 */
final class DecisionPipeline {
  private final CrossSectionalStrategy strategy;
  private final AssetPool pool;
  private final List<CrossSectionalFeature> features;
  private final List<double[]> featureValues = new ArrayList<>();
  private final double[] scratch;
  private final PipelineStage poolStage;
  private final PipelineStage featureStage;
  private final PipelineStage signalStage;
  private final PlatformState state;
  private final boolean publish;
  private boolean publishSignal;

  DecisionPipeline(
      CrossSectionalStrategy strategy,
      AssetPoolDefinition poolDefinition,
      FeatureRegistry registry,
      int instrumentCount,
      PlatformState state,
      LongSupplier wallClock,
      boolean publish) {
    this.publish = publish;
    this.publishSignal = publish;
    this.strategy = strategy;
    this.pool = new AssetPool(poolDefinition);
    this.features = strategy.requiredFeatures().stream().map(registry::resolve).toList();
    for (int f = 0; f < features.size(); f++) {
      featureValues.add(new double[instrumentCount]);
    }
    this.scratch = new double[instrumentCount];
    this.state = state;
    this.poolStage =
        new PipelineStage(
            "asset_pool_service", "asset_pool", "Asset pool", state, wallClock, publish);
    this.featureStage =
        new PipelineStage(
            "feature_service",
            "feature_calculation",
            "Feature calculation",
            state,
            wallClock,
            publish);
    this.signalStage =
        new PipelineStage(
            "signal_service", "signal_generation", "Signal generation", state, wallClock, publish);
  }

  List<PipelineStage> stages() {
    return List.of(poolStage, featureStage, signalStage);
  }

  /** Runs pool (when due), features and signal at the view's time; publishes the signal. */
  StrategyDecision decide(PanelMarketView view, Long nextRunMs) {
    long now = view.time();
    if (pool.isDue(now)) {
      poolStage.running();
      pool.refresh(view);
      if (publish) {
        state.putPool(poolSnapshot(view));
      }
      poolStage.ran(
          now,
          pool.refreshedAtMs() + pool.definition().refreshHours() * 3_600_000L,
          Map.of("symbols_count", pool.size(), "pool_name", pool.definition().name()));
    }
    featureStage.running();
    int calculated = 0;
    for (int f = 0; f < features.size(); f++) {
      features.get(f).compute(view, pool.members(), scratch, featureValues.get(f));
    }
    double[] first = featureValues.isEmpty() ? new double[0] : featureValues.get(0);
    for (double v : first) {
      if (!Double.isNaN(v)) {
        calculated++;
      }
    }
    featureStage.ran(
        now,
        nextRunMs,
        Map.of(
            "last_calculation", io.perpetua.core.time.Times.iso(now),
            "symbols_calculated", calculated,
            "features_per_symbol", features.size()));
    signalStage.running();
    StrategyDecision decision = strategy.decide(view, pool.members(), featureValues);
    signalStage.ran(
        now,
        nextRunMs,
        Map.of(
            "active_strategy", strategy.id().value(),
            "long_count", decision.longCount(),
            "short_count", decision.shortCount()));
    if (publishSignal) {
      state.putSignal(snapshot(view, decision));
    }
    return decision;
  }

  /**
   * The signal behind instrument {@code i} in {@code d} (the latest decision): the strategy's
   * signal, target weight and the value of each feature it read.
   */
  io.perpetua.trading.port.SignalTrace trace(int i, StrategyDecision d) {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (int f = 0; f < features.size(); f++) {
      values.put(features.get(f).name(), plain(featureValues.get(f)[i]));
    }
    return new io.perpetua.trading.port.SignalTrace(
        strategy.id().value(), plain(d.signal()[i]), plain(d.weights()[i]), values);
  }

  /** The signal of each decided sleeve for instrument {@code i} (journaled with its orders). */
  static List<io.perpetua.trading.port.SignalTrace> traces(
      List<StrategySleeves.Decided> decided, int i) {
    List<io.perpetua.trading.port.SignalTrace> out = new ArrayList<>(decided.size());
    for (StrategySleeves.Decided d : decided) {
      if (d.sleeve().pipeline != null) {
        out.add(d.sleeve().pipeline.trace(i, d.decision()));
      }
    }
    return out;
  }

  private static String plain(double v) {
    return Double.isFinite(v) ? Double.toString(v) : null;
  }

  /** Whether {@link #decide} publishes its signal as the platform's latest (default: publish). */
  void publishSignal(boolean value) {
    this.publishSignal = value;
  }

  /** The strategy deciding. */
  CrossSectionalStrategy strategy() {
    return strategy;
  }

  /** The pool's definition. */
  AssetPoolDefinition poolDefinition() {
    return pool.definition();
  }

  /** The coverage of {@code d}: pool members with a signal and those without. */
  SignalCoverage coverage(PanelMarketView view, StrategyDecision d) {
    boolean[] members = pool.members();
    List<String> missing = new ArrayList<>();
    int size = 0;
    int with = 0;
    for (int i = 0; i < members.length; i++) {
      if (members[i]) {
        size++;
        if (Double.isNaN(d.signal()[i])) {
          missing.add(view.instrument(i).apiSymbol());
        } else {
          with++;
        }
      }
    }
    return new SignalCoverage(strategy.id().value(), d.timeMs(), size, with, missing);
  }

  private PoolSnapshot poolSnapshot(PanelMarketView view) {
    List<PoolSnapshot.Member> members = new ArrayList<>(pool.size());
    List<Integer> ranked = pool.ranked();
    for (int r = 0; r < ranked.size(); r++) {
      int i = ranked.get(r);
      members.add(
          new PoolSnapshot.Member(
              view.instrument(i).apiSymbol(), r + 1, pool.metric()[i], pool.historyDays(i)));
    }
    return new PoolSnapshot(
        pool.definition().name(), pool.refreshedAtMs(), pool.referenceMonth(), members);
  }

  SignalSnapshot snapshot(PanelMarketView view, StrategyDecision d) {
    int n = view.instrumentCount();
    List<Integer> ranked = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(d.signal()[i])) {
        ranked.add(i);
      }
    }
    ranked.sort(Comparator.<Integer>comparingDouble(i -> -d.signal()[i]).thenComparing(i -> i));
    List<SymbolSignal> signals = new ArrayList<>(ranked.size());
    List<TargetPosition> targets = new ArrayList<>();
    String name = strategy.id().value();
    for (int r = 0; r < ranked.size(); r++) {
      int i = ranked.get(r);
      double w = d.weights()[i];
      String side = w > 0 ? "long" : w < 0 ? "short" : null;
      String symbol = view.instrument(i).apiSymbol();
      signals.add(new SymbolSignal(symbol, d.signal()[i], r + 1, side));
      if (side != null) {
        targets.add(new TargetPosition(symbol, side, w, d.signal()[i], name + "_" + side));
      }
    }
    return new SignalSnapshot(name, d.timeMs(), signals, targets, d.poolSize());
  }
}
