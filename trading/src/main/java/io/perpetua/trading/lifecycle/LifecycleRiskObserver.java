package io.perpetua.trading.lifecycle;

import io.perpetua.trading.registry.StrategyRegistry;
import io.perpetua.trading.risk.ObservedRiskStore;
import io.perpetua.trading.risk.RiskEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spec 003 §13, "any risk hit rolls back at once": a risk event that is a hit (a breaker trip, a
 * forced close, a rebalance blocked by a halt) rolls back every active strategy's lifecycle — the
 * candidate is dropped, or the stable version returns to the previous one — with the event as the
 * evidence. Runs on the risk engine's thread after the event is stored; a failure here is logged,
 * never the risk engine's.
 */
public final class LifecycleRiskObserver implements ObservedRiskStore.Observer {
  /** The risk event kinds that count as hits. */
  public static final Set<String> HITS =
      Set.of("breaker_tripped", "forced_close", "rebalance_blocked");

  private static final Logger LOG = LoggerFactory.getLogger(LifecycleRiskObserver.class);

  private final Supplier<LifecycleService> lifecycle;
  private final Supplier<StrategyRegistry> registry;

  /** Observes for {@code lifecycle} (null while not open: nothing) over {@code registry}. */
  public LifecycleRiskObserver(
      Supplier<LifecycleService> lifecycle, Supplier<StrategyRegistry> registry) {
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void eventRecorded(RiskEvent event) {
    LifecycleService l = lifecycle.get();
    StrategyRegistry r = registry.get();
    if (l == null || r == null || !HITS.contains(event.kind())) {
      return;
    }
    Map<String, Object> numbers = new LinkedHashMap<>();
    numbers.put("risk_event", event.kind());
    numbers.put("symbol", event.symbol());
    numbers.put("detail", event.detail());
    numbers.put("risk_time_ms", event.timeMs());
    String rule = event.rule() == null ? event.kind() : event.rule();
    for (String name : r.activeNames()) {
      try {
        l.onRiskHit(name, rule, numbers);
      } catch (RuntimeException e) {
        LOG.warn("lifecycle rollback of {} on risk hit {} failed: {}", name, rule, e.toString());
      }
    }
  }
}
