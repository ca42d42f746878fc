package io.perpetua.trading.allocation;

import io.perpetua.trading.orchestrator.OptimisationQueue;
import io.perpetua.trading.orchestrator.OptimiserTask;
import io.perpetua.trading.registry.NavPoint;
import io.perpetua.trading.registry.StrategyRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs allocation steps on the platform: the active strategies' daily returns from their virtual
 * books' NAV ({@code strategy_nav}), one {@link BanditAllocator} step, then the new weights go to
 * the kernel's sleeves ({@link CapitalWeights}: applied at their next rebalance, through the one
 * order path), the step to the history and to the listener (the audit log); a market volatility
 * spike queues a re-optimisation of every running strategy. The weights of the latest stored step
 * are restored at construction. Thread-safe (one step at a time).
 */
public final class AllocationService {
  /** Told about every step (the audit log). */
  @FunctionalInterface
  public interface Listener {
    /** {@code record} was stored and applied. */
    void onStep(AllocationRecord record);
  }

  private final BanditAllocator allocator;
  private final StrategyRegistry registry;
  private final CapitalWeights weights;
  private final AllocationStore store;
  private final Listener listener;
  private final OptimisationQueue queue;
  private final Supplier<MarketVol> marketVol;
  private final LongSupplier clock;

  /**
   * A service over {@code registry}'s strategies, writing {@code weights}; {@code clock} is the
   * kernel's (the NAV points are on it).
   */
  public AllocationService(
      AllocationConfig config,
      StrategyRegistry registry,
      CapitalWeights weights,
      AllocationStore store,
      Listener listener,
      OptimisationQueue queue,
      Supplier<MarketVol> marketVol,
      LongSupplier clock) {
    this.allocator = new BanditAllocator(config);
    this.registry = Objects.requireNonNull(registry, "registry");
    this.weights = Objects.requireNonNull(weights, "weights");
    this.store = Objects.requireNonNull(store, "store");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.marketVol = Objects.requireNonNull(marketVol, "marketVol");
    this.clock = Objects.requireNonNull(clock, "clock");
    store.latest().ifPresent(r -> weights.set(r.step().weights()));
  }

  /** The configuration. */
  public AllocationConfig config() {
    return allocator.config();
  }

  /**
   * One step in {@code mode} ({@code bandit} or {@code target_vol}) now.
   *
   * @throws AllocationException in single mode or with fewer than two active strategies
   */
  public synchronized AllocationRecord rebalance(String mode, String trigger, String actor) {
    if (!StrategyRegistry.ENSEMBLE.equals(registry.mode())) {
      throw new AllocationException(
          "capital allocation needs active_mode ensemble (the platform runs one strategy)");
    }
    List<String> names = participants();
    if (names.size() < 2) {
      throw new AllocationException(
          "capital allocation needs at least two active strategies, found " + names.size());
    }
    long now = clock.getAsLong();
    List<ReturnSeries> series = new ArrayList<>();
    for (String n : names) {
      List<NavPoint> navs = registry.navs(n, Long.MIN_VALUE);
      long[] t = new long[navs.size()];
      double[] v = new double[navs.size()];
      for (int i = 0; i < navs.size(); i++) {
        t[i] = navs.get(i).dayMs();
        v[i] = navs.get(i).nav();
      }
      series.add(ReturnSeries.fromNav(n, t, v));
    }
    AllocationState state =
        store.latest().map(r -> r.step().state()).orElse(AllocationState.empty());
    AllocationStep step = allocator.step(state, series, marketVol.get(), now, mode);
    AllocationRecord record = store.append(step, trigger, actor);
    weights.set(step.weights());
    listener.onStep(record);
    if (step.volSpike()) {
      for (String n : step.weights().keySet()) {
        if (!step.cooling().containsKey(n)) {
          queue.enqueue(
              new OptimiserTask(
                  n,
                  "vol_spike",
                  String.join("; ", step.events()),
                  30,
                  7,
                  "calmar",
                  Map.of(),
                  now));
        }
      }
    }
    return record;
  }

  /** The strategies the allocator weighs: the active ones (cooled ones stay active, weight 0). */
  private List<String> participants() {
    return registry.activeNames();
  }

  /** The latest step, if any. */
  public Optional<AllocationRecord> current() {
    return store.latest();
  }

  /** Up to {@code limit} steps below id {@code beforeId}, newest first. */
  public List<AllocationRecord> history(int limit, long beforeId) {
    return store.history(limit, beforeId);
  }

  /** The configured shares of the active strategies (what holds before the first step). */
  public Map<String, Double> configuredWeights() {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (String n : registry.activeNames()) {
      out.put(n, CapitalWeights.share(registry, null, n));
    }
    return out;
  }

  /** The weights the sleeves trade on now (empty: the configured ones). */
  public Map<String, Double> weights() {
    return weights.current();
  }
}
