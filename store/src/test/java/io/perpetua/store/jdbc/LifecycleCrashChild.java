package io.perpetua.store.jdbc;

import io.perpetua.trading.lifecycle.CanaryEvidence;
import io.perpetua.trading.lifecycle.GateConfig;
import io.perpetua.trading.lifecycle.LifecycleFixtures;
import io.perpetua.trading.lifecycle.LifecycleService;
import io.perpetua.trading.registry.StrategyRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The child JVM of {@link LifecycleCrashTest}: on the embedded database in {@code args[0]}, mode
 * {@code setup} brings a candidate of {@code baseline_rev} to canary with its gates passed ({@code
 * setup-rolled-back} then rolls it back); mode {@code promote:<step>} promotes it to prod and mode
 * {@code create:<step>} creates a new candidate, printing {@code READY <step>} and waiting to be
 * killed when the store reaches {@code <step>} ({@code version}, {@code state}, {@code event}
 * inside the transaction, {@code committed} after it, before the registry follows).
 */
public final class LifecycleCrashChild {
  static final GateConfig GATES = new GateConfig(0.10, 0.0, 0.10, 0.05, 5.0, 5, 5);
  static final long T0 = 1_772_452_740_000L;

  private LifecycleCrashChild() {}

  /** Runs {@code args[1]} on the database in {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    String mode = args[1];
    String step = mode.contains(":") ? mode.substring(mode.indexOf(':') + 1) : "";
    AtomicBoolean armed = new AtomicBoolean();
    try (Database db = Database.open(DatabaseConfig.embedded(Path.of(args[0])))) {
      StrategyRegistry registry = LifecycleFixtures.registry(new JdbcRegistryStore(db), () -> T0);
      JdbcLifecycleStore store =
          new JdbcLifecycleStore(
              db,
              s -> {
                if (armed.get() && s.equals(step)) {
                  die(s);
                }
              });
      LifecycleService l = new LifecycleService(registry, store, GATES, () -> T0);
      l.reconcile();
      l.useListener(
          e -> {
            if (armed.get() && "committed".equals(step)) {
              die(step);
            }
          });
      if (mode.startsWith("setup")) {
        setup(l);
        if (mode.equals("setup-rolled-back")) {
          l.rollback("baseline_rev", "alice", "start over", Map.of());
        }
      } else if (mode.startsWith("promote:")) {
        String id = l.state("baseline_rev").candidateId();
        armed.set(true);
        l.promote("baseline_rev", id, "prod", "alice", "go");
      } else {
        armed.set(true);
        l.createCandidate("baseline_rev", Map.of("short_n", 12), "again", "alice", null, null);
      }
    }
    System.out.println("DONE");
  }

  static void setup(LifecycleService l) {
    String id =
        l.createCandidate("baseline_rev", Map.of("long_n", 20), "opt", "alice", "opt-1", null)
            .candidateId();
    l.promote("baseline_rev", id, "shadow", "alice", "shadow");
    l.promote("baseline_rev", id, "canary", "alice", "canary");
    double[] backtest = {0.003, -0.001, 0.002, 0.001, -0.002, 0.004, 0.0, 0.002};
    double[] live = {0.004, -0.002, 0.003, 0.001, -0.001, 0.002};
    l.evaluate("baseline_rev", new CanaryEvidence(live, backtest, 3.0, 2.0, 9));
    if (!l.state("baseline_rev").gatesPassed()) {
      throw new IllegalStateException("setup: gates did not pass");
    }
  }

  private static void die(String step) {
    System.out.println("READY " + step);
    System.out.flush();
    while (true) { // wait for SIGKILL, holding the open transaction
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
