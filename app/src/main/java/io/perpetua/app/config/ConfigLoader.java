package io.perpetua.app.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.perpetua.backtest.job.JobServiceConfig;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.trading.account.CrossMargin;
import io.perpetua.trading.risk.CircuitBreakers;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskLimits;
import io.perpetua.trading.venue.MakerFirstSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads {@link PerpetuaConfig}: the bundled defaults, then an optional YAML file, then environment
 * variables {@code PERPETUA_<SECTION>_<KEY>} for scalar keys of the top sections. Unknown keys,
 * wrong types and invalid values fail with a {@link ConfigException} naming the key. Stateless.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ConfigLoader() {}

  /** Loads the defaults, overlaid with {@code file} (may be null) and {@code env}. */
  public static PerpetuaConfig load(Path file, Map<String, String> env) {
    ObjectNode tree = defaults();
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("--config", "file not found: " + file);
      }
      try {
        JsonNode user = YAML.readTree(file.toFile());
        if (user != null && !user.isMissingNode() && !user.isNull()) {
          if (!user.isObject()) {
            throw new ConfigException("(root)", "the file must be a YAML mapping");
          }
          merge(tree, (ObjectNode) user);
        }
      } catch (IOException e) {
        throw new ConfigException("(file " + file + ")", "not valid YAML: " + e.getMessage(), e);
      }
    }
    applyEnv(tree, env);
    PerpetuaConfig config;
    try {
      config = YAML.treeToValue(tree, PerpetuaConfig.class);
    } catch (JsonMappingException e) {
      throw new ConfigException(path(e), describe(e), e);
    } catch (IOException e) {
      throw new ConfigException("(root)", e.getMessage(), e);
    }
    validate(config);
    return config;
  }

  private static ObjectNode defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/perpetua-defaults.yaml")) {
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("bundled defaults unreadable", e);
    }
  }

  /** Deep-merges mappings; scalars and lists replace. Unknown keys are caught when binding. */
  private static void merge(ObjectNode base, ObjectNode over) {
    Iterator<Map.Entry<String, JsonNode>> it = over.fields();
    while (it.hasNext()) {
      var e = it.next();
      JsonNode existing = base.get(e.getKey());
      if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode vo) {
        merge(eo, vo);
      } else {
        base.set(e.getKey(), e.getValue());
      }
    }
  }

  private static void applyEnv(ObjectNode tree, Map<String, String> env) {
    if (env.containsKey("PERPETUA_PORT")) {
      ((ObjectNode) tree.get("server")).set("port", TextNode.valueOf(env.get("PERPETUA_PORT")));
    }
    for (var section : iterable(tree.fieldNames())) {
      JsonNode node = tree.get(section);
      if (!(node instanceof ObjectNode obj)
          || section.equals("strategies")
          || section.equals("asset_pools")) {
        continue;
      }
      for (String key : iterable(obj.fieldNames())) {
        String var = ("PERPETUA_" + section + "_" + key).toUpperCase(Locale.ROOT);
        String value = env.get(var);
        if (value != null && !obj.get(key).isContainerNode()) {
          obj.set(key, TextNode.valueOf(value));
        }
      }
    }
  }

  private static <T> Iterable<T> iterable(Iterator<T> it) {
    List<T> list = new ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String describe(JsonMappingException e) {
    String msg = e.getOriginalMessage();
    if (msg.startsWith("Unrecognized field")) {
      return "unknown key";
    }
    int cut = msg.indexOf(" at [");
    return "invalid value: " + (cut > 0 ? msg.substring(0, cut) : msg);
  }

  private static void validate(PerpetuaConfig c) {
    validateObservability(c.observability());
    riskConfig(c);
    try {
      c.lifecycle().gates();
      c.lifecycle().oosGate();
    } catch (IllegalArgumentException e) { // the message starts with the key
      String m = e.getMessage();
      int space = m.indexOf(' ');
      throw new ConfigException(m.substring(0, space), m.substring(space + 1), e);
    }
    validateJobs(c.jobs());
    FlowConfigCheck.validate(c.flow());
    FlowConfigCheck.validateSource(c.flow(), c.venue());
    StoreSettings.validate(c.store());
    if (c.server().port() < 0 || c.server().port() > 65535) {
      throw new ConfigException("server.port", "must be 0..65535, was " + c.server().port());
    }
    if (c.server().heartbeatStaleSeconds() < 1) {
      throw new ConfigException("server.heartbeat_stale_seconds", "must be positive");
    }
    try {
      Timeframe.parse(c.data().timeframe());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("data.timeframe", e.getMessage(), e);
    }
    if (!(c.paper().initialCapital() > 0)) {
      throw new ConfigException("paper.initial_capital", "must be positive");
    }
    if (!(c.paper().speed() > 0)) {
      throw new ConfigException("paper.speed", "must be positive");
    }
    if (c.paper().leverage() < 1 || c.paper().leverage() > CrossMargin.MAX_LEVERAGE) {
      throw new ConfigException(
          "paper.leverage",
          "must be an integer in 1.." + CrossMargin.MAX_LEVERAGE + ", was " + c.paper().leverage());
    }
    if (!c.paper().start().isBlank()) {
      try {
        LocalDate.parse(c.paper().start());
      } catch (DateTimeParseException e) {
        throw new ConfigException(
            "paper.start", "must be YYYY-MM-DD, was '" + c.paper().start() + "'", e);
      }
    }
    validateVenue(c.venue());
    validateBinance(c);
    flowLiveRiskConfig(c);
    validateStrategies(c);
  }

  private static void validateJobs(PerpetuaConfig.Jobs j) {
    if (j.workers() < 0) {
      throw new ConfigException("jobs.workers", "must be 0 (one per processor) or more");
    }
    if (j.maxActivePerOwner() < 1) {
      throw new ConfigException("jobs.max_active_per_owner", "must be at least 1");
    }
    if (j.retentionDays() < 1) {
      throw new ConfigException("jobs.retention_days", "must be at least 1");
    }
    if (j.optimizerWorkers() < 1 || j.optimizerMaxActivePerOwner() < 1) {
      throw new ConfigException(
          "jobs.optimizer_workers", "optimizer_workers and optimizer_max_active_per_owner >= 1");
    }
    if (j.optimizerMaxTrials() < 1) {
      throw new ConfigException("jobs.optimizer_max_trials", "must be at least 1");
    }
    if (j.sparkMaster() == null || j.sparkMaster().isBlank()) {
      throw new ConfigException("jobs.spark_master", "must not be empty (default local[*])");
    }
  }

  private static void validateBinance(PerpetuaConfig c) {
    PerpetuaConfig.Binance b = c.binance();
    if (!PerpetuaConfig.Binance.ENVIRONMENTS.contains(b.environment())) {
      throw new ConfigException(
          "binance.environment",
          "must be one of "
              + PerpetuaConfig.Binance.ENVIRONMENTS
              + ", was '"
              + b.environment()
              + "'");
    }
    if (b.historyBars() < 10 || b.historyBars() > 10_000) {
      throw new ConfigException("binance.history_bars", "must be 10..10000");
    }
    if (b.graceSeconds() < 0) {
      throw new ConfigException("binance.grace_seconds", "must not be negative");
    }
    if (b.restUrl().isBlank() != b.wsUrl().isBlank()) {
      throw new ConfigException("binance.rest_url", "set rest_url and ws_url together, or neither");
    }
    for (String s : b.symbols()) {
      try {
        InstrumentId.fromVenueSymbol(s);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("binance.symbols", "not a USDT perpetual symbol: '" + s + "'");
      }
    }
    boolean production = b.environment().equals("production") && b.restUrl().isBlank();
    if ("binance".equals(c.venue().type()) && production && !b.confirmProduction()) {
      throw new ConfigException(
          "binance.confirm_production",
          "venue.type binance on production trades real money: set it to true to confirm");
    }
  }

  private static void validateVenue(PerpetuaConfig.Venue v) {
    if (!PerpetuaConfig.Venue.TYPES.contains(v.type())) {
      throw new ConfigException(
          "venue.type",
          "must be one of " + PerpetuaConfig.Venue.TYPES + ", was '" + v.type() + "'");
    }
    if (v.reconcileEveryBars() < 1) {
      throw new ConfigException("venue.reconcile_every_bars", "must be at least 1");
    }
    if (v.settleWaitMs() < 0) {
      throw new ConfigException("venue.settle_wait_ms", "must not be negative");
    }
    if (!(v.balanceTolerance() >= 0)) {
      throw new ConfigException("venue.balance_tolerance", "must not be negative");
    }
    if (v.fakePort() < 0 || v.fakePort() > 65535) {
      throw new ConfigException("venue.fake_port", "must be 0..65535");
    }
    if (v.tpTimeoutMs() < 1) {
      throw new ConfigException("venue.tp_timeout_ms", "must be positive");
    }
    if (v.timeoutGraceMs() < 1) {
      throw new ConfigException("venue.timeout_grace_ms", "must be positive");
    }
    try {
      makerFirst(v);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("venue", e.getMessage(), e);
    }
  }

  /** The job service's settings from the {@code jobs:} section. */
  public static JobServiceConfig jobService(PerpetuaConfig.Jobs jobs) {
    JobServiceConfig d = JobServiceConfig.defaults();
    return new JobServiceConfig(
        jobs.workers() == 0 ? d.workers() : jobs.workers(),
        jobs.maxActivePerOwner(),
        Duration.ofDays(jobs.retentionDays()),
        d.purgeInterval(),
        d.progressInterval(),
        d.progressStep(),
        d.pollInterval(),
        d.shutdownGrace());
  }

  /** The optimisation job service's settings from the {@code jobs:} section. */
  public static JobServiceConfig optimizerJobService(PerpetuaConfig.Jobs jobs) {
    JobServiceConfig d = jobService(jobs);
    return new JobServiceConfig(
        jobs.optimizerWorkers(),
        jobs.optimizerMaxActivePerOwner(),
        d.retention(),
        d.purgeInterval(),
        d.progressInterval(),
        d.progressStep(),
        d.pollInterval(),
        d.shutdownGrace());
  }

  /** The maker-first execution settings of the {@code venue:} section. */
  public static MakerFirstSettings makerFirst(PerpetuaConfig.Venue v) {
    return new MakerFirstSettings(
        v.makerFirst(), v.entryOffsetTicks(), v.entryTimeoutMs(), v.entryFallbackSlippageBps());
  }

  /** The risk engine's configuration; a bad value is reported under its {@code risk.*} key. */
  public static RiskConfig riskConfig(PerpetuaConfig c) {
    PerpetuaConfig.Risk r = c.risk();
    Set<InstrumentId> blacklist = new LinkedHashSet<>();
    for (String symbol : r.blacklist()) {
      try {
        blacklist.add(InstrumentId.parse(symbol));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            "risk.blacklist", "not a symbol like BTC/USDT:USDT: " + symbol, e);
      }
    }
    RiskLimits limits;
    try {
      limits =
          new RiskLimits(
              r.maxPositionPct(),
              r.maxTotalExposure(),
              r.maxDrawdownHalt(),
              r.minBalanceReserve(),
              r.maxOrderValue(),
              r.maxDailyTurnover(),
              blacklist,
              // orders reach a venue (even a fake one) unless the venue is simulated
              r.dryRun() && c.venue().simulated());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("risk", e.getMessage(), e);
    }
    try {
      CircuitBreakers breakers =
          new CircuitBreakers(
              r.dailyLossPct(),
              r.dailyLossR(),
              r.riskUnit(),
              r.closeOnDailyLoss(),
              r.consecutiveLosses(),
              r.pauseMinutes(),
              r.venueUnreachableSeconds() * 1000L,
              r.marketDataStaleSeconds() * 1000L,
              r.minBalanceR(),
              r.holdingWarnMinutes(),
              r.holdingCloseMinutes());
      return new RiskConfig(limits, breakers, r.warningRatio());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("risk", e.getMessage(), e);
    }
  }

  /** True when the order-flow engine runs on the venue's live ticks ({@code flow.tick_source}). */
  public static boolean flowLiveTicks(PerpetuaConfig c) {
    return FlowConfigCheck.liveTicks(c.flow(), c.venue());
  }

  /**
   * The order-flow live account's risk configuration: the {@code risk:} section (money amounts
   * scaled from {@code paper.initial_capital} to {@code flow.live_capital}) with that account's own
   * sizing limits — position and gross exposure at most {@code flow.live_max_leverage} × equity,
   * one order at most that × {@code flow.live_capital}, and {@code flow.live_max_daily_turnover}.
   * The cross-sectional book's 15 % per symbol would refuse every entry of an intraday strategy
   * that risks 2 % on a 1×ATR(5 m) stop (about 15× its balance).
   */
  public static RiskConfig flowLiveRiskConfig(PerpetuaConfig c) {
    PerpetuaConfig.Flow f = c.flow();
    RiskConfig base = riskConfig(c).scaleMoney(f.liveCapital() / c.paper().initialCapital());
    RiskLimits l = base.limits();
    try {
      return new RiskConfig(
          new RiskLimits(
              f.liveMaxLeverage(),
              f.liveMaxLeverage(),
              l.maxDrawdownHalt(),
              l.minBalanceReserve(),
              f.liveMaxLeverage() * f.liveCapital(),
              f.liveMaxDailyTurnover(),
              l.blacklist(),
              l.dryRun()),
          base.breakers(),
          base.warningRatio());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("flow", e.getMessage(), e);
    }
  }

  private static void validateStrategies(PerpetuaConfig c) {
    String mode = c.activeMode() == null ? "single" : c.activeMode();
    if (!mode.equals("single") && !mode.equals("ensemble")) {
      throw new ConfigException("active_mode", "must be single or ensemble, was '" + mode + "'");
    }
    if (mode.equals("ensemble")
        && c.strategies().values().stream()
            .noneMatch(s -> s.ensembleWeight() != null && s.ensembleWeight() > 0)) {
      throw new ConfigException(
          "active_mode", "ensemble needs strategies with ensemble_weight > 0");
    }
    if (!c.strategies().containsKey(c.activeStrategy())) {
      throw new ConfigException(
          "active_strategy",
          "no strategy '"
              + c.activeStrategy()
              + "' is defined; defined: "
              + c.strategies().keySet());
    }
    for (var e : c.strategies().entrySet()) {
      String key = "strategies." + e.getKey();
      var s = e.getValue();
      if (!c.assetPools().containsKey(s.pool())) {
        throw new ConfigException(key + ".pool", "unknown asset pool '" + s.pool() + "'");
      }
      try {
        CronSchedule.parse(s.rebalanceCron());
      } catch (IllegalArgumentException ex) {
        throw new ConfigException(key + ".rebalance_cron", ex.getMessage(), ex);
      }
      if (s.ensembleWeight() != null && !(s.ensembleWeight() >= 0 && s.ensembleWeight() <= 1e6)) {
        throw new ConfigException(key + ".ensemble_weight", "must be >= 0");
      }
      if (s.rebalanceDays() < 0) {
        throw new ConfigException(
            key + ".rebalance_days", "must be >= 0 (0: every time the cron fires)");
      }
    }
  }

  private static void validateObservability(PerpetuaConfig.Observability o) {
    if (!PerpetuaConfig.Observability.LOG_FORMATS.contains(o.logFormat())) {
      throw new ConfigException(
          "observability.log_format",
          "expected one of "
              + PerpetuaConfig.Observability.LOG_FORMATS
              + ", got '"
              + o.logFormat()
              + "'");
    }
    if (!PerpetuaConfig.Observability.REQUEST_LOGS.contains(o.requestLog())) {
      throw new ConfigException(
          "observability.request_log",
          "expected one of "
              + PerpetuaConfig.Observability.REQUEST_LOGS
              + ", got '"
              + o.requestLog()
              + "'");
    }
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < o.webhooks().size(); i++) {
      PerpetuaConfig.Webhook w = o.webhooks().get(i);
      String key = "observability.webhooks[" + i + "]";
      if (w.urlEnv() == null || !w.urlEnv().matches("[A-Z_][A-Z0-9_]*")) {
        throw new ConfigException(
            key + ".url_env",
            "the name of an environment variable holding the URL, e.g. PERPETUA_WEBHOOK_OPS_URL");
      }
      if (!names.add(String.valueOf(w.name()))) {
        throw new ConfigException(key + ".name", "duplicate webhook name '" + w.name() + "'");
      }
    }
  }
}
