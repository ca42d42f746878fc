package io.perpetua.app;

import io.perpetua.app.config.ConfigException;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.auth.audit.AuditEvent;
import io.perpetua.auth.audit.AuditLog;
import io.perpetua.server.ApiServer;
import io.perpetua.server.v1.AllocationRoutes;
import io.perpetua.server.v1.OrchestratorRoutes;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcAllocationStore;
import io.perpetua.store.jdbc.JdbcOrchestratorStore;
import io.perpetua.trading.allocation.AllocationConfig;
import io.perpetua.trading.allocation.AllocationRecord;
import io.perpetua.trading.allocation.AllocationService;
import io.perpetua.trading.allocation.CapitalWeights;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.orchestrator.EventTriggers;
import io.perpetua.trading.orchestrator.JobDefinition;
import io.perpetua.trading.orchestrator.OptimisationQueue;
import io.perpetua.trading.orchestrator.Orchestrator;
import io.perpetua.trading.orchestrator.OrchestratorStore;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's capital allocator and orchestrator (issue 17 items 3 and 4): the {@link
 * CapitalWeights} the kernel's sleeves trade on, the {@link AllocationService} over the strategy
 * registry (history in {@code allocation_history}, every step in the audit log), and the {@link
 * Orchestrator} polling its persistent plan ({@code orchestrator_jobs}/{@code _runs}) on a
 * wall-clock ticker. Optimiser tasks become runs of the optimiser's job service ({@link
 * OrchestratorOptimisations}).
 */
final class Orchestration implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Orchestration.class);
  private volatile Orchestrator.Action hotlistScan;
  private volatile Map<String, Orchestrator.Action> flowJobs = Map.of();

  private final PerpetuaConfig config;
  private final PlatformParts parts;
  private final CapitalWeights weights = new CapitalWeights();
  private final OptimisationQueue queue;
  private final ReoptimisationResults results;
  private final AllocationConfig allocationConfig;
  private final EventTriggers triggers;
  private final List<JobDefinition> plan;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "orchestrator");
            t.setDaemon(true);
            return t;
          });
  private volatile AllocationService allocation;
  private volatile OrchestratorStore store;
  private volatile Orchestrator orchestrator;

  /**
   * Validates the {@code allocation:} and {@code orchestrator:} sections; optimiser tasks go to the
   * runs {@code optimizer} supplies (null while they are not running).
   */
  Orchestration(
      PerpetuaConfig config,
      PlatformParts parts,
      Supplier<io.perpetua.optimizer.job.OptimizerRuns> optimizer) {
    this.config = config;
    this.parts = parts;
    this.queue = new OrchestratorOptimisations(optimizer);
    this.results =
        new ReoptimisationResults(optimizer, parts::lifecycle, config.lifecycle().oosGate());
    try {
      this.allocationConfig = config.allocation().toConfig();
      this.triggers = config.orchestrator().triggers().toTriggers();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage().split(" ")[0], e.getMessage());
    }
    this.plan = plan(config.orchestrator().jobs());
    if (config.orchestrator().retentionDays() < 1) {
      throw new ConfigException(
          "orchestrator.retention_days",
          "must be >= 1, was " + config.orchestrator().retentionDays());
    }
  }

  private static List<JobDefinition> plan(Map<String, String> crons) {
    List<JobDefinition> out = new ArrayList<>();
    for (JobDefinition d : Orchestrator.defaultPlan()) {
      String cron = crons == null ? null : crons.get(d.name());
      try {
        out.add(cron == null ? d : new JobDefinition(d.name(), cron, d.description()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("orchestrator.jobs." + d.name(), e.getMessage());
      }
    }
    if (crons != null) {
      for (String name : crons.keySet()) {
        if (out.stream().noneMatch(d -> d.name().equals(name))) {
          throw new ConfigException(
              "orchestrator.jobs." + name,
              "unknown job; jobs: " + out.stream().map(JobDefinition::name).toList());
        }
      }
    }
    return out;
  }

  /** The weights the kernel's sleeves are sized on. */
  CapitalWeights weights() {
    return weights;
  }

  /** The KS gate's reference returns of the kernel's candidates ({@link ReoptimisationResults}). */
  io.perpetua.trading.lifecycle.CandidateGates.Reference candidateReference(
      io.perpetua.trading.registry.StrategyRegistry registry) {
    return results.reference(registry);
  }

  /** Wires the hourly hot-coin scan (before {@link #open}). */
  void hotlistScan(Orchestrator.Action scan) {
    this.hotlistScan = scan;
  }

  /** Wires the order-flow learning loop's jobs ({@link FlowLearning#jobs}). */
  void flowLearning(Map<String, Orchestrator.Action> jobs) {
    this.flowJobs = Map.copyOf(jobs);
  }

  /** The allocation and orchestrator routes (503 until {@link #open}). */
  void addRoutes(ApiServer server) {
    server.addRoutes(new AllocationRoutes(() -> allocation));
    server.addRoutes(new OrchestratorRoutes(() -> store));
  }

  /**
   * Opens the stores on {@code database} (after the strategy registry); {@code audit} may be null.
   */
  void open(
      Database database,
      Supplier<AuditLog> audit,
      KernelWatch watch,
      Supplier<java.util.Optional<io.perpetua.readmodel.AccountBalance>> balance) {
    OrchestratorJobs jobs =
        new OrchestratorJobs(parts, watch, () -> allocation, balance, queue, triggers);
    if (hotlistScan != null) {
      jobs.hotlistScan(hotlistScan);
    }
    allocation =
        new AllocationService(
            allocationConfig,
            parts.registry(),
            weights,
            new JdbcAllocationStore(database),
            r -> audit(audit.get(), r),
            queue,
            jobs::marketVol,
            () -> {
              TradingKernel k = parts.kernel();
              return k != null ? k.now() : System.currentTimeMillis();
            });
    OrchestratorStore s = new JdbcOrchestratorStore(database);
    Map<String, Orchestrator.Action> actions = new java.util.LinkedHashMap<>(jobs.actions());
    actions.putAll(flowJobs);
    int retention = config.orchestrator().retentionDays();
    Orchestrator[] self = new Orchestrator[1];
    actions.put("prune_runs", now -> self[0].prune(now, retention));
    actions.put(ReoptimisationResults.JOB, now -> results.run(now, self[0]));
    orchestrator = new Orchestrator(plan, actions, s, instanceName());
    self[0] = orchestrator;
    orchestrator.start(System.currentTimeMillis());
    store = s;
  }

  /** Starts polling the plan (when enabled). */
  void start() {
    Orchestrator o = orchestrator;
    if (o == null || !config.orchestrator().enabled()) {
      return;
    }
    int every = Math.max(1, config.orchestrator().pollSeconds());
    ticker.scheduleWithFixedDelay(
        () -> {
          try {
            o.tick(System.currentTimeMillis());
          } catch (RuntimeException e) {
            LOG.warn("orchestrator tick failed: {}", e.getMessage());
          }
        },
        every,
        every,
        TimeUnit.SECONDS);
  }

  private static void audit(AuditLog log, AllocationRecord r) {
    if (log == null) {
      return;
    }
    log.append(
        new AuditEvent(
            Instant.now(),
            r.actor(),
            "allocation.rebalance",
            "allocation",
            Long.toString(r.id()),
            r.step().previous().toString(),
            r.step().weights().toString(),
            r.trigger()
                + " "
                + r.step().mode()
                + "/"
                + r.step().policy()
                + "; "
                + String.join("; ", r.step().events()),
            ""));
  }

  private static String instanceName() {
    return ManagementFactory.getRuntimeMXBean().getName();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
