package io.perpetua.app;

import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.auth.apikey.ApiKeyStore;
import io.perpetua.backtest.engine.StrategyTemplates;
import io.perpetua.backtest.job.JobService;
import io.perpetua.backtest.job.JobValidator;
import io.perpetua.backtest.job.StrategyCatalog;
import io.perpetua.backtest.job.StrategyTemplate;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Clock;
import io.perpetua.jobs.JobIds;
import io.perpetua.market.BarCatalog;
import io.perpetua.optimizer.job.OptimizerRuns;
import io.perpetua.server.ApiServer;
import io.perpetua.server.jobs.ApiKeyRoutes;
import io.perpetua.server.jobs.ApiKeySecrets;
import io.perpetua.server.jobs.ApiKeys;
import io.perpetua.server.jobs.JobRoutes;
import io.perpetua.server.jobs.SignatureVerifier;
import io.perpetua.server.v1.BacktestRoutes;
import io.perpetua.server.v1.OptimizerRoutes;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcApiKeyStore;
import io.perpetua.store.jdbc.JdbcJobStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backtest job service behind both job APIs ({@code /api/v1/backtest/*} with the bearer token,
 * the signed {@code /v1/backtest/jobs}), the API keys of the signed one, and the optimisation runs
 * ({@code /api/v1/optimizer/*}, {@link OptimizerJobs}: a second job service in its own queue). The
 * routes are registered with the API at wiring and answer 503 until {@link #open} has opened the
 * service on the database (which opens after the API is up); {@link #close} stops its workers.
 */
final class BacktestJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BacktestJobs.class);

  private final PerpetuaConfig config;
  private final Path dataDir;
  private final ApiKeySecrets apiKeySecrets;
  private final AtomicReference<JobService> jobService = new AtomicReference<>();
  private final AtomicReference<ApiKeyStore> apiKeyStore = new AtomicReference<>();
  private final AtomicReference<ApiKeys> apiKeys = new AtomicReference<>();
  private final AtomicReference<OptimizerRuns> optimizer = new AtomicReference<>();
  private boolean closing;

  BacktestJobs(PerpetuaConfig config, Path dataDir, Map<String, String> env) {
    this.config = config;
    this.dataDir = dataDir;
    this.apiKeySecrets = ApiKeySecrets.resolve(dataDir, env);
  }

  /** Registers the job APIs and the API-key admin API with {@code server}. */
  void addRoutes(ApiServer server) {
    SignatureVerifier verifier =
        new SignatureVerifier(
            apiKeyStore::get,
            apiKeySecrets,
            Clock.system(),
            SignatureVerifier.DEFAULT_WINDOW,
            SignatureVerifier.DEFAULT_REPLAY_CAPACITY);
    double slippage = config.venue().slippageBps();
    server.addRoutes(
        new BacktestRoutes(
            jobService::get,
            new BacktestRoutes.Defaults(
                config.data().timeframe(), config.paper().initialCapital(), slippage)));
    server.addRoutes(new JobRoutes(jobService::get, verifier, slippage));
    server.addRoutes(new ApiKeyRoutes(apiKeys::get));
    server.addRoutes(new OptimizerRoutes(optimizer::get));
  }

  /**
   * Opens the job service on the database with the backtest engine over the catalog; strategies and
   * parameters are validated by resolving them as the engine will, symbols against the catalog. A
   * failure here leaves the backtest APIs answering 503 but does not stop the kernel.
   */
  void open(Database database) {
    try {
      JdbcApiKeyStore keyStore = new JdbcApiKeyStore(database);
      apiKeyStore.set(keyStore);
      apiKeys.set(new ApiKeys(keyStore, apiKeySecrets, Clock.system()));
      Set<String> symbols = new HashSet<>();
      Set<Timeframe> timeframes = new HashSet<>();
      for (var entry : new BarCatalog(dataDir.resolve("catalog")).list()) {
        symbols.add(entry.instrument().venueSymbol());
        timeframes.add(entry.timeframe());
      }
      JobValidator validator = new JobValidator(strategyCatalog(), symbols::contains, timeframes);
      JobService service =
          new JobService(
              new JdbcJobStore(database),
              BacktestSupport.engine(config, dataDir),
              validator,
              Clock.system(),
              ConfigLoader.jobService(config.jobs()));
      OptimizerRuns runs =
          OptimizerJobs.create(
              config, dataDir, new JdbcJobStore(database, JobIds.OPTIMIZER_PREFIX), validator);
      synchronized (jobService) {
        if (closing) {
          return;
        }
        service.start();
        jobService.set(service);
        runs.jobs().start();
        optimizer.set(runs);
      }
    } catch (RuntimeException | IOException e) {
      LOG.error("backtest job service not started: {}", e.getMessage(), e);
    }
  }

  private StrategyCatalog strategyCatalog() {
    StrategyTemplates templates = BacktestSupport.templates(config);
    List<StrategyTemplate> catalog = new ArrayList<>();
    for (String id : templates.ids()) {
      catalog.add(
          StrategyTemplate.checkedBy(
              id,
              StrategyTemplate.ParameterCheck.withTimeframe(
                  (overrides, timeframe) -> templates.check(id, overrides, timeframe))));
    }
    return StrategyCatalog.of(catalog);
  }

  /** The backtest job service, or null before {@link #open} or after {@link #close}. */
  JobService backtests() {
    return jobService.get();
  }

  /** The optimisation runs' job service, or null before {@link #open} or after {@link #close}. */
  JobService optimizations() {
    OptimizerRuns runs = optimizer.get();
    return runs == null ? null : runs.jobs();
  }

  /** The optimisation runs, or null before {@link #open} or after {@link #close}. */
  OptimizerRuns optimizerRuns() {
    return optimizer.get();
  }

  /** Stops the job workers; a later {@link #open} starts none. */
  @Override
  public void close() {
    synchronized (jobService) {
      closing = true;
      OptimizerRuns runs = optimizer.getAndSet(null);
      if (runs != null) {
        runs.jobs().close();
      }
      JobService jobs = jobService.getAndSet(null);
      if (jobs != null) {
        jobs.close();
      }
    }
  }
}
