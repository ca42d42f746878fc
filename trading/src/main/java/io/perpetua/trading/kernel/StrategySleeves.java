package io.perpetua.trading.kernel;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.event.Event;
import io.perpetua.core.event.OrderFilled;
import io.perpetua.core.time.Times;
import io.perpetua.signals.PanelMarketView;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.signals.strategy.CrossSectionalStrategy;
import io.perpetua.signals.strategy.StrategyDecision;
import io.perpetua.trading.allocation.CapitalWeights;
import io.perpetua.trading.portfolio.TargetNetting;
import io.perpetua.trading.registry.StrategyRegistry;
import io.perpetua.trading.registry.StrategySignal;
import io.perpetua.trading.registry.VirtualBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The strategies one kernel runs, each a sleeve: its decision pipeline (pool, features, signal),
 * its schedule, its last targets and its {@link VirtualBook}. At a timer the sleeves whose schedule
 * is due decide (active ones) or go flat (inactive ones); every sleeve's targets, on its share of
 * the equity, are then netted into one order set ({@link TargetNetting}) by the kernel. With one
 * sleeve and no registry this is exactly the single-strategy kernel of before. Not thread-safe
 * (kernel thread); the registry it reports to is.
 */
final class StrategySleeves {
  /** One strategy in the kernel. */
  static final class Sleeve {
    final String name;
    final StrategyId id;
    final CronSchedule cron;
    DecisionPipeline pipeline;
    double[] weights;
    double minTradeFraction;
    long lastDecisionMs = Long.MIN_VALUE;
    StrategyDecision lastDecision;
    final VirtualBook book;

    Sleeve(String name, CronSchedule cron, DecisionPipeline pipeline, int n, VirtualBook book) {
      this.name = name;
      this.id = StrategyId.of(name);
      this.cron = cron;
      this.pipeline = pipeline;
      this.weights = new double[n];
      this.book = book;
    }

    boolean flat() {
      for (double w : weights) {
        if (w != 0) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Sleeve> sleeves;
  private final StrategyRegistry registry;
  private final PipelineFactory pipelines;
  private final Map<String, AssetPoolDefinition> pools;
  private final double fallbackFeeRate;
  private final Map<InstrumentId, Integer> index;
  private final int fixedDays;
  private CapitalWeights capital;
  private final CandidateSleeves candidates;

  /** Builds a pipeline for a strategy instance. */
  @FunctionalInterface
  interface PipelineFactory {
    DecisionPipeline create(
        CrossSectionalStrategy strategy, AssetPoolDefinition pool, boolean publish);
  }

  private StrategySleeves(
      List<Sleeve> sleeves,
      StrategyRegistry registry,
      PipelineFactory pipelines,
      Map<String, AssetPoolDefinition> pools,
      double fallbackFeeRate,
      Map<InstrumentId, Integer> index,
      int fixedDays,
      double initialCapital) {
    this.sleeves = sleeves;
    this.registry = registry;
    this.pipelines = pipelines;
    this.pools = pools;
    this.fallbackFeeRate = fallbackFeeRate;
    this.index = index;
    this.fixedDays = fixedDays;
    this.candidates =
        registry == null
            ? null
            : new CandidateSleeves(
                registry, pipelines, n -> pool(pools, n), initialCapital, index.size());
  }

  /** The single strategy of a backtest or a single-strategy kernel: no registry, no books. */
  static StrategySleeves single(
      DecisionPipeline pipeline, CronSchedule cron, int rebalanceDays, int n) {
    Sleeve s = new Sleeve(pipeline.strategy().id().value(), cron, pipeline, n, null);
    return new StrategySleeves(List.of(s), null, null, Map.of(), 0, Map.of(), rebalanceDays, 0);
  }

  /**
   * Every strategy of {@code registry} (in ensemble mode only the latest netted signal is
   * published; in single mode the active strategy's, as before).
   */
  static StrategySleeves of(
      StrategyRegistry registry,
      Map<String, AssetPoolDefinition> pools,
      PipelineFactory pipelines,
      double initialCapital,
      double fallbackFeeRate,
      Map<InstrumentId, Integer> index,
      int n) {
    List<Sleeve> list = new ArrayList<>();
    for (String name : registry.names()) {
      var def = registry.definition(name);
      CrossSectionalStrategy built = registry.current(name);
      DecisionPipeline p = null;
      if (built != null) {
        p = pipelines.create(built, pool(pools, def.poolName()), true);
        p.publishSignal(StrategyRegistry.SINGLE.equals(registry.mode()));
      }
      double share = share(registry, name);
      list.add(
          new Sleeve(
              name,
              CronSchedule.parse(def.cron()),
              p,
              n,
              new VirtualBook(initialCapital * (share > 0 ? share : 1.0), n)));
    }
    return new StrategySleeves(
        list, registry, pipelines, pools, fallbackFeeRate, index, -1, initialCapital);
  }

  private static AssetPoolDefinition pool(Map<String, AssetPoolDefinition> pools, String name) {
    AssetPoolDefinition d = pools.get(name);
    if (d == null) {
      throw new IllegalArgumentException("unknown asset pool " + name);
    }
    return d;
  }

  /** A sleeve's share of the equity: 1 in single mode, its normalised weight in ensemble mode. */
  static double share(StrategyRegistry registry, String name) {
    return CapitalWeights.share(registry, null, name);
  }

  /** Sizes the sleeves on {@code weights} (the allocator's) from the next rebalance on. */
  void useCapitalWeights(CapitalWeights weights) {
    this.capital = weights;
  }

  /**
   * Runs the lifecycle's shadow and canary candidates beside their strategies ({@link
   * CandidateSleeves}; null: none). Registry kernels only.
   */
  void useCandidates(io.perpetua.trading.lifecycle.CandidateLink link) {
    if (candidates != null) {
      candidates.use(link);
    }
  }

  /** The candidate sleeves (null without a registry). */
  CandidateSleeves candidates() {
    return candidates;
  }

  private double shareOf(String name) {
    return CapitalWeights.share(registry, capital, name);
  }

  List<Sleeve> sleeves() {
    return sleeves;
  }

  StrategyRegistry registry() {
    return registry;
  }

  /** The first timer after {@code t} of any sleeve. */
  long nextTimer(long t) {
    long next = Long.MAX_VALUE;
    for (Sleeve s : sleeves) {
      next = Math.min(next, s.cron.next(t));
    }
    return next;
  }

  /** Whether {@code s}'s schedule is due at timer {@code timeMs}. */
  boolean due(Sleeve s, long timeMs) {
    if (sleeves.size() > 1 && s.cron.next(timeMs - 1) != timeMs) {
      return false;
    }
    int days = registry == null ? fixedDays : registry.rebalanceDays(s.name);
    return s.lastDecisionMs == Long.MIN_VALUE
        || Math.floorDiv(timeMs, Times.DAY_MS) - Math.floorDiv(s.lastDecisionMs, Times.DAY_MS)
            >= days;
  }

  /**
   * Decides every due sleeve at {@code timeMs}: active ones with their strategy (approved {@code
   * next_rebalance} changes applied first), inactive ones go flat. Returns whether any targets
   * changed hands (a rebalance is needed).
   */
  boolean decide(PanelMarketView view, long timeMs, long nextRunMs, double[] marks) {
    boolean any = false;
    for (Sleeve s : sleeves) {
      if (!due(s, timeMs)) {
        continue;
      }
      String status = registry == null ? StrategyRegistry.ACTIVE : registry.status(s.name);
      if (StrategyRegistry.ACTIVE.equals(status)) {
        any |= decideActive(s, view, timeMs, nextRunMs, marks);
      } else if (StrategyRegistry.INACTIVE.equals(status) && !s.flat()) {
        s.weights = new double[s.weights.length];
        s.lastDecisionMs = timeMs;
        if (s.book != null) {
          s.book.target(s.weights, marks);
        }
        if (candidates != null) {
          candidates.flat(s.name, marks);
        }
        any = true;
      }
    }
    return any;
  }

  private boolean decideActive(
      Sleeve s, PanelMarketView view, long timeMs, long nextRunMs, double[] marks) {
    StrategyDecision d;
    try {
      if (registry != null) {
        CrossSectionalStrategy current = registry.beginDecision(s.name, timeMs);
        if (current == null) {
          return false;
        }
        if (s.pipeline == null || s.pipeline.strategy() != current) {
          s.pipeline =
              pipelines.create(current, pool(pools, registry.definition(s.name).poolName()), true);
          s.pipeline.publishSignal(StrategyRegistry.SINGLE.equals(registry.mode()));
        }
      }
      d = s.pipeline.decide(view, nextRunMs);
    } catch (RuntimeException e) {
      if (registry == null) {
        throw e;
      }
      registry.markError(s.name, "decision failed: " + e.getMessage());
      return false;
    }
    s.weights = d.weights().clone();
    s.lastDecision = d;
    s.minTradeFraction = d.minTradeFraction();
    s.lastDecisionMs = timeMs;
    if (registry != null) {
      registry.recordDecision(
          new StrategySignal(
              s.name,
              s.pipeline.poolDefinition().name(),
              d.timeMs(),
              d.signalCount(),
              d.poolSize(),
              d.longCount(),
              d.shortCount()),
          s.pipeline.coverage(view, d));
    }
    if (s.book != null) {
      s.book.target(s.weights, marks);
    }
    if (candidates != null) {
      candidates.decide(s.name, view, nextRunMs, marks);
    }
    lastDecisions.add(new Decided(s, d));
    return true;
  }

  /** A sleeve's decision at the current timer (for the ensemble signal). */
  record Decided(Sleeve sleeve, StrategyDecision decision) {}

  private final List<Decided> lastDecisions = new ArrayList<>();

  /** The decisions of the current timer; cleared by the call. */
  List<Decided> takeDecisions() {
    List<Decided> out = List.copyOf(lastDecisions);
    lastDecisions.clear();
    return out;
  }

  /** Every sleeve's targets on its share of {@code equity}. */
  List<TargetNetting.SleeveTarget> targets(double equity) {
    List<TargetNetting.SleeveTarget> out = new ArrayList<>(sleeves.size());
    for (Sleeve s : sleeves) {
      double money = shareOf(s.name) * equity;
      if (candidates == null) {
        out.add(new TargetNetting.SleeveTarget(s.id, money, s.weights));
      } else {
        candidates.split(s, money, out);
      }
    }
    return out;
  }

  /** The strategy id the netted orders carry. */
  StrategyId portfolioId() {
    if (registry == null || sleeves.size() == 1) {
      return sleeves.get(0).id;
    }
    if (StrategyRegistry.ENSEMBLE.equals(registry.mode())) {
      return StrategyId.of(StrategyRegistry.ENSEMBLE);
    }
    List<String> active = registry.activeNames();
    return StrategyId.of(active.isEmpty() ? sleeves.get(0).name : active.get(0));
  }

  /** The smallest no-trade band of the sleeves that decided now. */
  double minTradeFraction(List<Decided> decided) {
    double band = Double.MAX_VALUE;
    for (Decided d : decided) {
      band = Math.min(band, d.decision().minTradeFraction());
    }
    return decided.isEmpty() ? 0.0 : band;
  }

  /** Whether the registry runs in ensemble mode (the kernel publishes the netted signal). */
  boolean ensemble() {
    return registry != null && StrategyRegistry.ENSEMBLE.equals(registry.mode());
  }

  /**
   * After a restart: the active sleeves decide again at {@code timeMs} (their last decision) to
   * publish their signal; nothing is traded.
   */
  void republish(PanelMarketView view, long timeMs, long nextRunMs) {
    for (Sleeve s : sleeves) {
      boolean active = registry == null || StrategyRegistry.ACTIVE.equals(registry.status(s.name));
      if (active && s.pipeline != null && s.lastDecisionMs != Long.MIN_VALUE) {
        s.lastDecision = s.pipeline.decide(view, nextRunMs);
      }
    }
  }

  /** The ensemble's signal ({@code weighted_average}, {@link EnsembleSignal}). */
  io.perpetua.readmodel.SignalSnapshot ensembleSnapshot(PanelMarketView view, long timeMs) {
    return EnsembleSignal.snapshot(sleeves, registry, this::shareOf, view, timeMs);
  }

  /** Wraps {@code listener} so the books see the platform's fills. */
  KernelListener observeFills(KernelListener listener) {
    if (registry == null) {
      return listener;
    }
    return new KernelListener() {
      @Override
      public void onEvent(Event event) {
        if (event instanceof OrderFilled f) {
          Integer i = index.get(f.fill().instrument());
          if (i != null) {
            double q = f.fill().quantity().toDouble();
            double price = f.fill().price().toDouble();
            double fee = f.fill().fee().toDouble();
            for (Sleeve s : sleeves) {
              s.book.onPlatformFill(i, q, price, fee);
            }
            candidates.onPlatformFill(i, q, price, fee);
          }
        }
        listener.onEvent(event);
      }

      @Override
      public void onOrderSent(io.perpetua.core.order.Order order) {
        listener.onOrderSent(order);
      }

      @Override
      public void onStep(int t, long timeMs, double equity) {
        listener.onStep(t, timeMs, equity);
      }

      @Override
      public void onStepLatency(int t, long nanos) {
        listener.onStepLatency(t, nanos);
      }
    };
  }

  /** Funding on the books' positions. */
  void funding(int i, double rate, double mark) {
    if (registry != null) {
      for (Sleeve s : sleeves) {
        s.book.funding(i, rate, mark);
      }
      candidates.funding(i, rate, mark);
    }
  }

  /** After a bar's fills: settles the books, stores a day's NAV, publishes the figures. */
  void onStep(long closeTime, double[] marks, boolean publish) {
    if (registry == null) {
      return;
    }
    boolean day = closeTime % Times.DAY_MS == 0;
    for (Sleeve s : sleeves) {
      s.book.settle(marks, fallbackFeeRate);
      if (s.lastDecisionMs == Long.MIN_VALUE) {
        continue;
      }
      if (day) {
        registry.recordNav(s.name, s.book.markDay(closeTime, marks));
      }
      if (publish || day) {
        registry.recordPerformance(s.name, s.book.metrics(marks));
      }
    }
    candidates.onStep(closeTime, marks, fallbackFeeRate, day);
  }

  /** The pipelines' stages (for heartbeats). */
  List<PipelineStage> stages() {
    List<PipelineStage> out = new ArrayList<>();
    for (Sleeve s : sleeves) {
      if (s.pipeline != null) {
        out.addAll(s.pipeline.stages());
      }
    }
    return out;
  }

  /** The sleeves' state for the kernel's checkpoint ({@link SleeveCheckpoint}). */
  Map<String, String> exportState() {
    if (registry == null) {
      return Map.of();
    }
    Map<String, String> out = new java.util.HashMap<>(SleeveCheckpoint.export(sleeves));
    out.putAll(candidates.exportState());
    return out;
  }

  /** Restores {@link #exportState()}; {@code lastRebalanceMs} for a cursor without sleeves. */
  void restoreState(Map<String, String> cursor, long lastRebalanceMs) {
    SleeveCheckpoint.restore(sleeves, registry, cursor, lastRebalanceMs);
    if (candidates != null) {
      candidates.restoreState(cursor);
    }
  }
}
