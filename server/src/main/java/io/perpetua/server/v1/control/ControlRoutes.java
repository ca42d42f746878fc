package io.perpetua.server.v1.control;

import io.perpetua.auth.Role;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.obs.ControlPlaneStatus;
import io.perpetua.server.v1.control.ControlViews.ControlAccountsView;
import io.perpetua.server.v1.control.ControlViews.ControlAlertView;
import io.perpetua.server.v1.control.ControlViews.ControlFailoverBody;
import io.perpetua.server.v1.control.ControlViews.ControlFailoverView;
import io.perpetua.server.v1.control.ControlViews.ControlFeedsView;
import io.perpetua.server.v1.control.ControlViews.ControlHedgeBody;
import io.perpetua.server.v1.control.ControlViews.ControlHedgeView;
import io.perpetua.server.v1.control.ControlViews.ControlLifecycleBody;
import io.perpetua.server.v1.control.ControlViews.ControlLifecycleView;
import io.perpetua.server.v1.control.ControlViews.ControlRebalanceBody;
import io.perpetua.server.v1.control.ControlViews.ControlRebalanceView;
import io.perpetua.server.v1.control.ControlViews.ControlRiskMetricsList;
import io.perpetua.server.v1.control.ControlViews.ControlRiskMetricsView;
import io.perpetua.server.v1.control.ControlViews.ControlSyncBody;
import io.perpetua.server.v1.control.ControlViews.ControlSyncView;
import io.perpetua.server.v1.control.ControlViews.DeltaControlBody;
import io.perpetua.server.v1.control.ControlViews.DeltaControlView;
import io.perpetua.trading.control.ControlException;
import io.perpetua.trading.control.ControlPlane;
import io.perpetua.trading.control.DeltaController;
import io.perpetua.trading.control.FeedRouter;
import io.perpetua.trading.control.Utilization;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spec 001, the delta-neutral control plane, in its own dialect ({@link Route.Style#CONTROL}:
 * camelCase, epoch-ms times, bare objects, errors with the 001 codes): delta control, utilisation
 * rebalance, hedge execution, account sync, risk metrics and their history, feeds and manual
 * failover, and restart/stop of the control plane's services (admin, recorded). The alerts are on
 * the shared {@code GET /api/v1/risk/alerts} (see {@code RiskRoutes}). docs/control-plane.md.
 */
public final class ControlRoutes implements RouteGroup {
  private static final Logger LOG = LoggerFactory.getLogger(ControlRoutes.class);
  private static final String TAG = "Control plane";
  static final Param<String> ACCOUNT =
      Param.string("account_id", "[a-z0-9][a-z0-9-]{0,63}", 64).inPath().description("Account id");
  static final Param<Integer> LIMIT =
      Param.integer("limit", 1, 1000).withDefault(100).description("At most this many records");
  static final Param<String> SINCE =
      Param.string("since", "[0-9]{1,13}", 13).description("Only records at or after (epoch ms)");

  private final Supplier<ControlPlane> plane;
  private final LongSupplier clock;

  /** The routes over {@code plane} (null while not configured: 1004 with a message). */
  public ControlRoutes(Supplier<ControlPlane> plane, LongSupplier clock) {
    this.plane = Objects.requireNonNull(plane, "plane");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private ControlPlane plane() {
    ControlPlane p = plane.get();
    if (p == null) {
      throw new ApiException(
          ApiError.CONTROL_RISK_BLOCKED, "control plane not configured (control.accounts)");
    }
    return p;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        post("/api/v1/delta/control", "Delta control")
            .description(
                "Brings the net delta of symbol over accounts to targetDelta when it"
                    + " deviates by more than maxDeviation; dryRun returns the plan only.")
            .body(DeltaControlBody.class, ControlExamples.DELTA_REQUEST)
            .response(DeltaControlView.class, ControlExamples.DELTA_RESPONSE)
            .handle(r -> call(() -> deltaControl(r.body(DeltaControlBody.class)))),
        post("/api/v1/utilization/rebalance", "Utilization rebalance")
            .description(
                "Per account utilisation (used margin / wallet) against the target and"
                    + " the action increase|decrease|maintain; computed, not transferred.")
            .body(ControlRebalanceBody.class, ControlExamples.REBALANCE_REQUEST)
            .response(ControlRebalanceView.class, null)
            .handle(r -> call(() -> rebalance(r.body(ControlRebalanceBody.class)))),
        post("/api/v1/hedge/execute", "Hedge execution")
            .description(
                "delta-neutral: hedges the accounts' net delta by up to hedgeAmount;"
                    + " cross-platform / same-platform: hedges the first account's position on the"
                    + " other accounts of another / the same venue. Least cost, leg by leg.")
            .body(ControlHedgeBody.class, ControlExamples.HEDGE_REQUEST)
            .response(ControlHedgeView.class, null)
            .handle(r -> call(() -> hedge(r.body(ControlHedgeBody.class)))),
        post("/api/v1/account/sync", "Account sync")
            .description("Reads balances and positions of the accounts from their venues.")
            .body(ControlSyncBody.class, ControlExamples.SYNC_REQUEST)
            .response(ControlSyncView.class, null)
            .handle(r -> call(() -> sync(r.body(ControlSyncBody.class)))),
        get("/api/v1/risk/metrics/{account_id}", "Risk metrics of an account")
            .param(ACCOUNT)
            .response(ControlRiskMetricsView.class, null)
            .handle(r -> call(() -> ControlRiskMetricsView.of(plane().metrics(r.value(ACCOUNT))))),
        get("/api/v1/risk/metrics/{account_id}/history", "Risk metrics history")
            .description("Newest first; limit (default 100), since (epoch ms).")
            .param(ACCOUNT)
            .param(LIMIT)
            .param(SINCE)
            .response(ControlRiskMetricsList.class, null)
            .handle(r -> call(() -> history(r))),
        accountsRoute(),
        feedsRoute(),
        post("/api/v1/market-data/failover", "Manual feed failover")
            .body(
                ControlFailoverBody.class,
                "{\"targetFeed\": \"binance-rest\", \"reason\": \"test\"}")
            .response(ControlFailoverView.class, null)
            .handle(r -> call(() -> failover(r.body(ControlFailoverBody.class)))),
        post("/api/v1/system/restart", "Restart the control plane's services")
            .role(Role.ADMIN)
            .body(ControlLifecycleBody.class, ControlExamples.LIFECYCLE_REQUEST)
            .response(ControlLifecycleView.class, null)
            .handle(r -> call(() -> lifecycle(r, "restart"))),
        post("/api/v1/system/stop", "Stop the control plane's services")
            .role(Role.ADMIN)
            .body(ControlLifecycleBody.class, ControlExamples.LIFECYCLE_REQUEST)
            .response(ControlLifecycleView.class, null)
            .handle(r -> call(() -> lifecycle(r, "stop"))));
  }

  private Route feedsRoute() {
    return get("/api/v1/market-data/feeds", "Market-data feed status")
        .response(ControlFeedsView.class, null)
        .handle(r -> call(() -> ControlFeedsView.of(feeds().view())));
  }

  private Route accountsRoute() {
    return get("/api/v1/control/accounts", "Control-plane accounts")
        .description(
            "The configured accounts: venue, kind, leverage, margin mode, taker fee and the"
                + " underlyings they trade. Never their credentials.")
        .response(ControlAccountsView.class, null)
        .handle(r -> call(() -> ControlAccountsView.of(plane().registry())));
  }

  private static Route.Builder post(String path, String summary) {
    return Route.post(path).tag(TAG).summary(summary).controlDialect();
  }

  private static Route.Builder get(String path, String summary) {
    return Route.get(path).tag(TAG).summary(summary).controlDialect();
  }

  /** Runs {@code action}, turning control-plane failures into the API's errors. */
  static <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (ControlException e) {
      throw new ApiException(errorOf(e), e.getMessage());
    }
  }

  /** The platform error carrying the 001 code of {@code e}. */
  public static ApiError errorOf(ControlException e) {
    return switch (e.error()) {
      case INVALID_ACCOUNT -> ApiError.CONTROL_INVALID_ACCOUNT;
      case DELTA_DEVIATION -> ApiError.CONTROL_DELTA_DEVIATION;
      case HEDGE_FAILED -> ApiError.CONTROL_HEDGE_FAILED;
      case RISK_ALERT_BLOCKS -> ApiError.CONTROL_RISK_BLOCKED;
      case MARKET_DATA_UNAVAILABLE -> ApiError.CONTROL_MARKET_DATA;
      case SERVICE_TIMEOUT -> ApiError.CONTROL_SERVICE_TIMEOUT;
      case PROXY_FAILED -> ApiError.CONTROL_PROXY_FAILED;
      case FORBIDDEN -> ApiError.FORBIDDEN;
      case RATE_LIMITED -> ApiError.RATE_LIMITED;
    };
  }

  private DeltaControlView deltaControl(DeltaControlBody b) {
    DeltaController.Request req =
        new DeltaController.Request(
            b.targetDelta(),
            b.accounts(),
            b.maxDeviation(),
            b.symbol(),
            b.tolerancePercent(),
            Boolean.TRUE.equals(b.dryRun()),
            30_000);
    return DeltaControlView.of(plane().deltaControl(req));
  }

  private ControlRebalanceView rebalance(ControlRebalanceBody b) {
    long start = clock.getAsLong();
    if (b.targetUtilization() == null) {
      throw new ControlException(
          io.perpetua.trading.control.ControlError.RISK_ALERT_BLOCKS,
          "targetUtilization: required, in [0, 1]");
    }
    double tolerance = b.tolerancePercent() == null ? 0.1 : b.tolerancePercent();
    if (!(tolerance > 0 && tolerance <= 1)) {
      throw new ControlException(
          io.perpetua.trading.control.ControlError.RISK_ALERT_BLOCKS,
          "tolerancePercent: must be in (0, 1]");
    }
    Utilization.Result u =
        plane().utilization(b.accounts(), b.targetUtilization(), tolerance, b.maxRebalanceAmount());
    boolean needed = u.actions().stream().anyMatch(a -> !"maintain".equals(a.action()));
    return new ControlRebalanceView(
        true,
        "util-rebal-" + start,
        start,
        b.accounts(),
        u.average(),
        b.targetUtilization(),
        clock.getAsLong() - start,
        needed,
        u.actions().stream().map(ControlViews.ControlActionView::of).toList(),
        u.metrics().stream().map(ControlViews.ControlMetricView::of).toList(),
        needed ? "accounts outside tolerance (actions computed, not transferred)" : "within",
        null);
  }

  private ControlHedgeView hedge(ControlHedgeBody b) {
    ControlPlane.HedgeRequest req =
        new ControlPlane.HedgeRequest(
            b.symbol(),
            b.targetAccounts(),
            b.hedgeAmount(),
            b.hedgeStrategy(),
            b.maxSlippage(),
            b.timeout() == null ? 30_000 : b.timeout(),
            Boolean.TRUE.equals(b.dryRun()));
    return ControlHedgeView.of(plane().hedge(req));
  }

  private ControlSyncView sync(ControlSyncBody b) {
    long start = clock.getAsLong();
    if (b.timeout() != null && (b.timeout() < 100 || b.timeout() > 300_000)) {
      throw new ControlException(
          io.perpetua.trading.control.ControlError.SERVICE_TIMEOUT,
          "timeout: must be 100..300000 ms");
    }
    var result = plane().sync(b.accounts());
    return ControlSyncView.of(
        result,
        clock.getAsLong() - start,
        !Boolean.FALSE.equals(b.includePositions()),
        !Boolean.FALSE.equals(b.includeBalances()));
  }

  private ControlRiskMetricsList history(ApiRequest r) {
    long since = r.param(SINCE).map(Long::parseLong).orElse(0L);
    return new ControlRiskMetricsList(
        plane().history(r.value(ACCOUNT), r.value(LIMIT), since).stream()
            .map(ControlRiskMetricsView::of)
            .toList());
  }

  private FeedRouter feeds() {
    FeedRouter f = plane().feeds();
    if (f == null) {
      throw new ControlException(
          io.perpetua.trading.control.ControlError.MARKET_DATA_UNAVAILABLE,
          "no market-data feeds configured (control.feeds)");
    }
    return f;
  }

  private ControlFailoverView failover(ControlFailoverBody b) {
    FeedRouter.Switch s = feeds().failover(b.targetFeed(), b.reason());
    return new ControlFailoverView(true, s.from(), s.to(), s.reason(), s.timeMs());
  }

  private ControlLifecycleView lifecycle(ApiRequest r, String action) {
    ControlLifecycleBody b = r.body(ControlLifecycleBody.class);
    if (b.reason() == null || b.reason().isBlank() || b.reason().length() > 500) {
      throw new ApiException(ApiError.CONTROL_RISK_BLOCKED, "reason: required, 1-500 characters");
    }
    String operator = b.operator() == null ? r.principal().subject() : b.operator();
    var ev = plane().lifecycle(action, operator, b.reason());
    LOG.warn("control plane {} by {}: {}", action, operator, b.reason());
    return new ControlLifecycleView(
        true, action, plane().running() ? "running" : "stopped", operator, b.reason(), ev.timeMs());
  }

  /** Spec 001's system status of the control plane (null when it is off). */
  public ControlPlaneStatus systemStatus() {
    ControlPlane p = plane.get();
    if (p == null) {
      return null;
    }
    long now = clock.getAsLong();
    String state = p.running() ? "running" : "stopped";
    List<ControlPlaneStatus.ControlService> services = new java.util.ArrayList<>();
    services.add(
        new ControlPlaneStatus.ControlService("delta-controller", state, now, p.failures()));
    if (p.feeds() != null) {
      FeedRouter.View v = p.feeds().view();
      long errors = v.feeds().stream().mapToLong(FeedRouter.FeedStatus::errorCount).sum();
      long last = v.feeds().stream().mapToLong(FeedRouter.FeedStatus::lastUpdate).max().orElse(0);
      boolean failing = v.feeds().stream().allMatch(f -> f.status().equals("failing"));
      services.add(
          new ControlPlaneStatus.ControlService(
              "market-data", failing ? "error" : state, last, errors));
    }
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    double cpu =
        os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuLoad() : -1;
    Runtime rt = Runtime.getRuntime();
    double memoryMb = (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
    double uptimeS = Math.max(1, p.uptimeMs()) / 1000.0;
    return new ControlPlaneStatus(
        state,
        p.uptimeMs(),
        services,
        new ControlPlaneStatus.ControlPerformance(
            p.averageOperationMs(), p.operations() / uptimeS, memoryMb, cpu),
        p.registry().ids().size(),
        p.operations());
  }

  /** The alerts of the 001 dialect of {@code GET /api/v1/risk/alerts}. */
  public List<ControlAlertView> alerts(String accountId, String severity) {
    return call(
        () -> plane().alerts(accountId, severity).stream().map(ControlAlertView::of).toList());
  }
}
