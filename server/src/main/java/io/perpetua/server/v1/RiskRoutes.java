package io.perpetua.server.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.perpetua.core.InstrumentId;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.trading.risk.AlertSeverity;
import io.perpetua.trading.risk.EmergencyStop;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.risk.RiskLimits;
import io.perpetua.trading.risk.RiskStatus;
import io.perpetua.trading.risk.RiskStore;
import io.perpetua.trading.risk.SymbolControl;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Spec 000 §3.1–3.2: {@code GET /api/v1/risk/status}, {@code /risk/alerts}, {@code /risk/config},
 * {@code POST /api/v1/system/emergency-stop}, {@code POST /api/v1/risk/symbols/disable}, and the
 * explicit counterparts this platform adds: {@code POST /api/v1/system/resume} and {@code POST
 * /api/v1/risk/symbols/enable}. Operator actions are persisted before they answer. Thread-safe.
 */
public final class RiskRoutes implements RouteGroup {
  private static final String TAG = "Risk";
  private static final int TEXT_MAX = 500;

  static final Param<String> SEVERITY =
      Param.oneOf("severity", "all", "info", "warning", "critical", "INFO", "WARN", "CRITICAL")
          .withDefault("all")
          .description(
              "Only alerts of this severity: info|warning|critical (spec 000, the risk engine's"
                  + " alerts) or INFO|WARN|CRITICAL (spec 001, the control plane's alerts).");
  static final Param<String> ACCOUNT_ID =
      Param.string("accountId", "[a-z0-9][a-z0-9-]{0,63}", 64)
          .description(
              "Spec 001 dialect: only the control plane's alerts of this account (or system).");

  /** The control plane's alerts (spec 001 dialect): account id and severity, each null for any. */
  @FunctionalInterface
  public interface ControlAlerts {
    /** The alerts, newest first. */
    List<?> alerts(String accountId, String severity);
  }

  static final Param<Integer> ALERT_PAGE_SIZE = Paging.pageSize(20);

  private final Supplier<RiskEngine> engine;
  private final Supplier<Set<InstrumentId>> instruments;
  private final ResumeApproval approval;
  private final ControlAlerts controlAlerts;

  /**
   * Four-eyes for lifting the emergency stop: files a request (returning its id) that a second
   * person approves, instead of resuming at once.
   */
  @FunctionalInterface
  public interface ResumeApproval {
    /** Files the request; returns its id. */
    String request(ApiRequest request, String reason, String operator);
  }

  /**
   * The routes.
   *
   * @param engine the platform's risk engine; may supply null while starting (503 then)
   * @param instruments the tradable instruments (symbols outside it are unknown: 40001)
   */
  public RiskRoutes(Supplier<RiskEngine> engine, Supplier<Set<InstrumentId>> instruments) {
    this(engine, instruments, null, null);
  }

  private RiskRoutes(
      Supplier<RiskEngine> engine,
      Supplier<Set<InstrumentId>> instruments,
      ResumeApproval approval,
      ControlAlerts controlAlerts) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.instruments = Objects.requireNonNull(instruments, "instruments");
    this.approval = approval;
    this.controlAlerts = controlAlerts;
  }

  /**
   * These routes with the spec-001 dialect of {@code GET /api/v1/risk/alerts}: a request with
   * {@code accountId} or an upper-case severity ({@code INFO|WARN|CRITICAL}) lists the control
   * plane's alerts from {@code alerts} (an array of 001 {@code RiskAlert}s as the data).
   */
  public RiskRoutes withControlAlerts(ControlAlerts alerts) {
    return new RiskRoutes(engine, instruments, approval, Objects.requireNonNull(alerts, "alerts"));
  }

  /**
   * These routes with four-eyes on {@code POST /api/v1/system/resume}: it files a request through
   * {@code approval} and answers the unchanged stop with {@code approval_request_id}.
   */
  public RiskRoutes withResumeApproval(ResumeApproval approval) {
    return new RiskRoutes(
        engine, instruments, Objects.requireNonNull(approval, "approval"), controlAlerts);
  }

  private RiskEngine risk() {
    return Ready.get(engine, "risk engine");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/risk/status")
            .tag(TAG)
            .summary("Risk status")
            .description(
                "Overall status (normal, warning, halted), whether trading is enabled, and every"
                    + " rule with its threshold, current value, status (ok, warning, violated)"
                    + " and worst symbol. Rules are re-evaluated at every kernel step; operator"
                    + " actions show at once.")
            .response(StatusData.class, Examples.load("risk-status.json"))
            .handle(r -> status()),
        Route.get("/api/v1/risk/alerts")
            .tag(TAG)
            .summary("Alert history")
            .description(
                "Alerts raised by the risk engine, newest first, paginated. An alert is kept (not"
                    + " repeated) while its condition persists and resolved when it clears.")
            .param(Paging.PAGE)
            .param(ALERT_PAGE_SIZE)
            .param(SEVERITY)
            .param(Paging.START_DATE)
            .param(ACCOUNT_ID)
            .response(AlertList.class, Examples.load("risk-alerts.json"))
            .handle(this::alerts),
        Route.get("/api/v1/risk/config")
            .tag(TAG)
            .summary("Risk configuration")
            .description(
                "The limits in force (read-only; from the risk section of the configuration)."
                    + " null means the limit is off.")
            .response(ConfigData.class, Examples.load("risk-config.json"))
            .handle(r -> config()),
        Route.post("/api/v1/system/emergency-stop")
            .tag(TAG)
            .summary("Emergency stop")
            .adminOnly()
            .description(
                "Blocks every new order and rebalance at once (orders already working are"
                    + " cancelled at the next event). Persisted: survives restarts. Lifted only by"
                    + " POST /api/v1/system/resume. Requires confirm=true, reason and operator.")
            .body(ControlBody.class, Examples.load("emergency-stop-body.json"))
            .response(StopData.class, Examples.load("emergency-stop.json"))
            .handle(this::emergencyStop),
        Route.post("/api/v1/system/resume")
            .tag(TAG)
            .summary("Resume trading")
            .adminOnly()
            .description(
                "Lifts the emergency stop and every latched halt (drawdown halt: the peak"
                    + " restarts at the current equity; daily loss; loss-streak pause). Requires"
                    + " confirm=true, reason and operator.")
            .body(ControlBody.class, Examples.load("emergency-stop-body.json"))
            .response(StopData.class, Examples.load("resume.json"))
            .handle(this::resume),
        Route.post("/api/v1/risk/symbols/disable")
            .tag(TAG)
            .summary("Disable a symbol")
            .adminOnly()
            .description(
                "New orders on the symbol are rejected; its position is not closed. Persisted.")
            .body(SymbolBody.class, Examples.load("symbol-disable-body.json"))
            .response(SymbolData.class, Examples.load("symbol-disable.json"))
            .handle(r -> symbol(r, false)),
        Route.post("/api/v1/risk/symbols/enable")
            .tag(TAG)
            .summary("Re-enable a symbol")
            .adminOnly()
            .description("Lifts a symbol's disable. Persisted.")
            .body(SymbolBody.class, Examples.load("symbol-disable-body.json"))
            .response(SymbolData.class, Examples.load("symbol-enable.json"))
            .handle(r -> symbol(r, true)));
  }

  private StatusData status() {
    RiskStatus s = risk().status();
    List<RuleItem> rules =
        s.rules().stream()
            .map(
                r ->
                    new RuleItem(
                        r.ruleName(),
                        r.displayName(),
                        r.threshold(),
                        r.currentValue(),
                        r.level().code(),
                        r.worstSymbol(),
                        r.detail()))
            .toList();
    EmergencyStop stop = s.emergencyStop();
    return new StatusData(
        s.overall().code(),
        s.tradingEnabled(),
        s.dryRun(),
        rules,
        s.lastCheckMs() == 0 ? null : Instant.ofEpochMilli(s.lastCheckMs()),
        stop != null && stop.active(),
        s.haltReasons(),
        s.disabledSymbols());
  }

  private Object alerts(ApiRequest request) {
    String sev = request.value(SEVERITY);
    var account = request.param(ACCOUNT_ID);
    boolean dialect001 = account.isPresent() || Set.of("INFO", "WARN", "CRITICAL").contains(sev);
    if (dialect001) {
      if (controlAlerts == null) {
        throw new ApiException(
            io.perpetua.server.http.ApiError.NOT_FOUND,
            "accountId/INFO|WARN|CRITICAL: the control plane is not configured");
      }
      return controlAlerts.alerts(account.orElse(null), "all".equals(sev) ? null : sev);
    }
    AlertSeverity severity = "all".equals(sev) ? null : AlertSeverity.parse(sev);
    int page = request.value(Paging.PAGE);
    int size = request.value(ALERT_PAGE_SIZE);
    RiskStore.AlertPage result =
        risk().store().alerts(severity, Paging.fromMs(request), page, size);
    List<AlertItem> items =
        result.items().stream()
            .map(
                a ->
                    new AlertItem(
                        a.alertId(),
                        a.severity().code(),
                        a.ruleName(),
                        a.symbol(),
                        a.message(),
                        a.currentValue(),
                        a.threshold(),
                        Instant.ofEpochMilli(a.raisedAtMs()),
                        a.resolved(),
                        a.resolved() ? Instant.ofEpochMilli(a.resolvedAtMs()) : null))
            .toList();
    return new AlertList(items, Paging.Pagination.of(page, size, result.totalItems()));
  }

  private ConfigData config() {
    RiskLimits l = risk().config().limits();
    return new ConfigData(
        l.maxPositionPct(),
        l.maxTotalExposure(),
        l.maxDrawdownHalt(),
        l.minBalanceReserve(),
        l.maxOrderValue() > 0 ? l.maxOrderValue() : Double.NaN,
        l.maxDailyTurnover(),
        l.blacklist().stream().map(InstrumentId::apiSymbol).sorted().toList(),
        l.dryRun());
  }

  private StopData emergencyStop(ApiRequest request) {
    ControlBody body = request.body(ControlBody.class);
    EmergencyStop stop = risk().emergencyStop(body.reason(), body.operator());
    return stopData(stop);
  }

  private StopData resume(ApiRequest request) {
    ControlBody body = request.body(ControlBody.class);
    if (approval != null) {
      RiskEngine risk = risk();
      String id = approval.request(request, body.reason(), body.operator());
      EmergencyStop stop = risk.status().emergencyStop();
      boolean active = risk.emergencyStopped();
      return stop == null
          ? new StopData(
              active, !active, "all_symbols", Instant.now(), body.operator(), body.reason(), id)
          : new StopData(
              active,
              !active,
              "all_symbols",
              Instant.ofEpochMilli(stop.changedAtMs()),
              stop.operator(),
              stop.reason(),
              id);
    }
    return stopData(risk().resume(body.reason(), body.operator()));
  }

  private static StopData stopData(EmergencyStop stop) {
    return new StopData(
        stop.active(),
        !stop.active(),
        "all_symbols",
        Instant.ofEpochMilli(stop.changedAtMs()),
        stop.operator(),
        stop.reason(),
        null);
  }

  private SymbolData symbol(ApiRequest request, boolean enable) {
    SymbolBody body = request.body(SymbolBody.class);
    InstrumentId id =
        Symbols.known("symbol", body.symbol(), instruments.get(), "a symbol the platform trades");
    String reason = body.reason() == null ? (enable ? "enabled" : "disabled") : body.reason();
    SymbolControl c = risk().setSymbolEnabled(id, enable, reason, body.operator());
    return new SymbolData(
        c.symbol().apiSymbol(),
        c.tradingEnabled(),
        Instant.ofEpochMilli(c.changedAtMs()),
        c.operator(),
        c.reason());
  }

  static String text(String value, String field, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw ApiException.missing(field);
      }
      return null;
    }
    if (value.length() > TEXT_MAX) {
      throw ApiException.invalid(field, "at most " + TEXT_MAX + " characters", value);
    }
    return value.strip();
  }

  /** Body of the emergency stop and resume. */
  record ControlBody(
      @JsonProperty(required = true) @Doc("Must be true") Boolean confirm,
      @JsonProperty(required = true) @Doc("Why") String reason,
      @JsonProperty(required = true) @Doc("Who (operator id)") String operator) {
    /** Validates: confirm must be true; reason and operator non-blank. */
    ControlBody {
      if (confirm == null) {
        throw ApiException.missing("confirm");
      }
      if (!confirm) {
        throw ApiException.invalid("confirm", "true", "false");
      }
      reason = text(reason, "reason", true);
      operator = text(operator, "operator", true);
    }
  }

  /** Body of the symbol disable/enable. */
  record SymbolBody(
      @JsonProperty(required = true) @Doc("Symbol, BTC/USDT:USDT or BTCUSDT") String symbol,
      @Doc("Why (optional)") String reason,
      @JsonProperty(required = true) @Doc("Who (operator id)") String operator) {
    /** Validates. */
    SymbolBody {
      symbol = text(symbol, "symbol", true);
      reason = text(reason, "reason", false);
      operator = text(operator, "operator", true);
    }
  }

  /** Response of {@code GET /api/v1/risk/status}. */
  record StatusData(
      @Doc(
              value = "Overall status",
              allowed = {"normal", "warning", "halted"})
          String overallStatus,
      @Doc("False while trading is halted") boolean tradingEnabled,
      @Doc("True when orders do not reach a real venue") boolean dryRun,
      List<RuleItem> rules,
      @Nullable @Doc("When the rules were last evaluated (kernel time)") Instant lastCheck,
      @Doc("True while the emergency stop is active") boolean emergencyStop,
      @Doc("Rules currently halting trading") List<String> haltReasons,
      @Doc("Symbols whose trading is disabled") List<String> disabledSymbols) {}

  /** One rule. */
  record RuleItem(
      @Doc("Rule id") String ruleName,
      @Doc("Display name") String displayName,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Limit (null when off)") double threshold,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Current value") double currentValue,
      @Doc(
              value = "Rule status",
              allowed = {"ok", "warning", "violated"})
          String status,
      @Nullable @Doc("Symbol with the worst value") String worstSymbol,
      @Nullable @Doc("Detail") String detail) {}

  /** Alerts page. */
  record AlertList(List<AlertItem> items, Paging.Pagination pagination) {}

  /** One alert. */
  record AlertItem(
      @Doc("Alert id") String alertId,
      @Doc(
              value = "Severity",
              allowed = {"info", "warning", "critical"})
          String severity,
      @Doc("Rule that raised it") String ruleName,
      @Nullable @Doc("Symbol concerned") String symbol,
      @Doc("Message") String message,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Value when raised") double currentValue,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Threshold") double threshold,
      @Doc("When raised") Instant timestamp,
      @Doc("Whether resolved") boolean resolved,
      @Nullable @Doc("When resolved") Instant resolvedAt) {}

  /** Response of {@code GET /api/v1/risk/config}. */
  record ConfigData(
      @Nullable @Decimals(Decimals.WEIGHT) double maxPositionPct,
      @Nullable @Decimals(Decimals.WEIGHT) double maxTotalExposure,
      @Nullable @Decimals(Decimals.WEIGHT) double maxDrawdownHalt,
      @Decimals(Decimals.MONEY) double minBalanceReserve,
      @Nullable @Decimals(Decimals.MONEY) double maxOrderValue,
      @Nullable @Decimals(Decimals.WEIGHT) double maxDailyTurnover,
      List<String> blacklist,
      boolean dryRun) {}

  /** Response of the emergency stop and resume. */
  record StopData(
      @Doc("True while stopped") boolean emergencyStop,
      @Doc("False while stopped") boolean tradingEnabled,
      @Doc("Always all_symbols") String scope,
      @Doc("When the change was made") Instant triggeredAt,
      @Doc("Operator who made it") String triggeredBy,
      @Doc("Reason given") String reason,
      @Nullable @Doc("With four-eyes on: the pending request a second person must approve")
          String approvalRequestId) {}

  /** Response of the symbol disable/enable. */
  record SymbolData(
      @Doc("Symbol") String symbol,
      @Doc("False when disabled") boolean tradingEnabled,
      @Doc("When changed") Instant disabledAt,
      @Doc("Operator") String disabledBy,
      @Doc("Reason") String reason) {}
}
