package io.perpetua.server.v1.control;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.perpetua.core.order.OrderSide;
import io.perpetua.trading.control.AccountRegistry;
import io.perpetua.trading.control.AccountState;
import io.perpetua.trading.control.DeltaController;
import io.perpetua.trading.control.FeedRouter;
import io.perpetua.trading.control.HedgeOutcome;
import io.perpetua.trading.control.LegResult;
import io.perpetua.trading.control.RiskAlert;
import io.perpetua.trading.control.RiskMetrics;
import io.perpetua.trading.control.Utilization;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Spec 001's request bodies and responses, camelCase on the wire. */
final class ControlViews {
  private ControlViews() {}

  /** {@code DeltaControlRequest}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record DeltaControlBody(
      BigDecimal targetDelta,
      List<String> accounts,
      BigDecimal maxDeviation,
      String symbol,
      BigDecimal tolerancePercent,
      Boolean dryRun) {}

  /** {@code UtilizationRebalanceRequest}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlRebalanceBody(
      Double targetUtilization,
      List<String> accounts,
      String symbol,
      Double tolerancePercent,
      BigDecimal maxRebalanceAmount,
      Boolean dryRun) {}

  /** {@code AccountSyncRequest}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlSyncBody(
      List<String> accounts, Boolean includePositions, Boolean includeBalances, Long timeout) {}

  /** {@code HedgeExecutionRequest}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlHedgeBody(
      String symbol,
      List<String> targetAccounts,
      BigDecimal hedgeAmount,
      String hedgeStrategy,
      BigDecimal maxSlippage,
      Long timeout,
      Boolean dryRun) {}

  /** Manual failover request. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlFailoverBody(String targetFeed, String reason) {}

  /** Restart/stop request. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlLifecycleBody(String reason, String operator) {}

  /** {@code OrderExecution} (plus status and reason, for failed legs). */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlOrderView(
      String orderId,
      String accountId,
      String symbol,
      BigDecimal amount,
      String side,
      BigDecimal executedPrice,
      BigDecimal fees,
      long timestamp,
      String status,
      String reason) {
    static ControlOrderView of(LegResult r, String symbol) {
      boolean planned = r.status() == LegResult.Status.PLANNED;
      return new ControlOrderView(
          r.clientOrderId(),
          r.accountId(),
          symbol,
          planned || r.filled().signum() == 0 ? r.requested() : r.filled(),
          r.side() == OrderSide.BUY ? "buy" : "sell",
          r.averagePrice(),
          r.fees(),
          r.timeMs(),
          r.status().name().toLowerCase(java.util.Locale.ROOT),
          r.reason());
    }
  }

  /** {@code HedgeExecutionResult} (plus {@code failedOrders} and {@code dryRun}). */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlHedgeView(
      boolean success,
      List<ControlOrderView> executedOrders,
      List<ControlOrderView> failedOrders,
      BigDecimal totalCost,
      long executionTime,
      BigDecimal netDeltaChange,
      BigDecimal slippage,
      String error,
      boolean dryRun) {
    static ControlHedgeView of(HedgeOutcome h) {
      if (h == null) {
        return null;
      }
      return new ControlHedgeView(
          h.success(),
          h.executed().stream().map(r -> ControlOrderView.of(r, h.symbol())).toList(),
          h.failed().stream().map(r -> ControlOrderView.of(r, h.symbol())).toList(),
          h.totalCost(),
          h.executionTime(),
          h.netDeltaChange(),
          h.slippage(),
          h.error(),
          h.dryRun());
    }
  }

  /** {@code DeltaControlResponse}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record DeltaControlView(
      boolean success,
      String operationId,
      long timestamp,
      BigDecimal initialDelta,
      BigDecimal finalDelta,
      BigDecimal deltaDeviation,
      List<String> accountsProcessed,
      int totalAdjustments,
      long executionTime,
      boolean adjustmentNeeded,
      ControlHedgeView hedgeResults,
      String reason,
      String error) {
    static DeltaControlView of(DeltaController.Result r) {
      return new DeltaControlView(
          r.success(),
          r.operationId(),
          r.timestamp(),
          r.initialDelta(),
          r.finalDelta(),
          r.deltaDeviation(),
          r.accountsProcessed(),
          r.totalAdjustments(),
          r.executionTime(),
          r.adjustmentNeeded(),
          ControlHedgeView.of(r.hedgeResults()),
          r.reason(),
          r.error());
    }
  }

  /** {@code UtilizationAction}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlActionView(
      String accountId,
      String action,
      double currentUtilization,
      double targetUtilization,
      BigDecimal adjustmentAmount) {
    static ControlActionView of(Utilization.Action a) {
      return new ControlActionView(
          a.accountId(),
          a.action(),
          a.currentUtilization(),
          a.targetUtilization(),
          a.adjustmentAmount());
    }
  }

  /** {@code UtilizationMetric}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlMetricView(
      String accountId,
      double currentUtilization,
      double targetUtilization,
      double deviationPercent,
      boolean withinTolerance) {
    static ControlMetricView of(Utilization.Metric m) {
      return new ControlMetricView(
          m.accountId(),
          m.currentUtilization(),
          m.targetUtilization(),
          m.deviationPercent(),
          m.withinTolerance());
    }
  }

  /** {@code UtilizationRebalanceResponse}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlRebalanceView(
      boolean success,
      String operationId,
      long timestamp,
      List<String> accountsProcessed,
      double averageUtilization,
      double targetUtilization,
      long executionTime,
      boolean rebalanceNeeded,
      List<ControlActionView> rebalanceActions,
      List<ControlMetricView> utilizationMetrics,
      String reason,
      String error) {}

  /** {@code RiskMetrics}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlRiskMetricsView(
      String accountId,
      BigDecimal deltaDeviation,
      double utilizationRate,
      double leverageRatio,
      BigDecimal unrealizedPnl,
      double maxDrawdown,
      long timestamp) {
    static ControlRiskMetricsView of(RiskMetrics m) {
      return new ControlRiskMetricsView(
          m.accountId(),
          m.deltaDeviation(),
          m.utilizationRate(),
          m.leverageRatio(),
          m.unrealizedPnl(),
          m.maxDrawdown(),
          m.timestamp());
    }
  }

  /** A list of metrics (the history). */
  record ControlRiskMetricsList(List<ControlRiskMetricsView> items) {}

  /** {@code RiskAlert}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record ControlAlertView(
      String id,
      String type,
      String severity,
      String accountId,
      String message,
      long timestamp,
      Map<String, Object> data) {
    /** The view of {@code a}. */
    public static ControlAlertView of(RiskAlert a) {
      return new ControlAlertView(
          a.id(), a.type(), a.severity(), a.accountId(), a.message(), a.timestamp(), a.data());
    }
  }

  /** {@code AccountState}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlAccountStateView(
      String accountId,
      String exchange,
      BigDecimal totalBalance,
      BigDecimal availableBalance,
      BigDecimal netPosition,
      BigDecimal unrealizedPnl,
      BigDecimal entryPrice,
      BigDecimal currentPrice,
      Integer leverage,
      long lastUpdated) {
    static ControlAccountStateView of(AccountState s, boolean positions, boolean balances) {
      return new ControlAccountStateView(
          s.accountId(),
          s.exchange(),
          balances ? s.totalBalance() : null,
          balances ? s.availableBalance() : null,
          positions ? s.netPosition() : null,
          positions ? s.unrealizedPnl() : null,
          positions ? s.entryPrice() : null,
          s.currentPrice(),
          s.leverage(),
          s.lastUpdated());
    }
  }

  /** {@code AccountSyncResponse}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlSyncView(
      boolean success,
      List<String> syncedAccounts,
      List<String> failedAccounts,
      long syncTime,
      List<ControlAccountStateView> accountStates,
      List<String> errors) {
    static ControlSyncView of(
        AccountRegistry.SyncResult r, long ms, boolean positions, boolean balances) {
      return new ControlSyncView(
          r.failed().isEmpty(),
          r.states().stream().map(AccountState::accountId).toList(),
          r.failed(),
          ms,
          r.states().stream().map(s -> ControlAccountStateView.of(s, positions, balances)).toList(),
          r.errors().isEmpty() ? null : r.errors());
    }
  }

  /** {@code MarketDataFeedStatus}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlFeedView(
      String feedId, String status, long latency, long lastUpdate, int errorCount) {}

  /** The configured accounts (never their credentials). */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlAccountsView(List<ControlAccountView> accounts) {
    static ControlAccountsView of(AccountRegistry registry) {
      return new ControlAccountsView(
          registry.ids().stream().map(id -> ControlAccountView.of(registry.entry(id))).toList());
    }
  }

  /** One account's configuration; the credentials reference is left out on purpose. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlAccountView(
      String accountId,
      String venue,
      String kind,
      int leverage,
      String marginMode,
      BigDecimal takerFee,
      Map<String, String> symbols) {
    static ControlAccountView of(AccountRegistry.Entry e) {
      var c = e.config();
      Map<String, String> symbols = new java.util.TreeMap<>();
      c.symbols().forEach((u, i) -> symbols.put(u, i.toString()));
      return new ControlAccountView(
          c.id(),
          c.venue(),
          c.kind().code(),
          c.leverage(),
          c.marginMode().code(),
          c.takerFeeRate(),
          symbols);
    }
  }

  /** The feed status response. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlFeedsView(List<ControlFeedView> feeds, String activeFeed, long lastFailover) {
    static ControlFeedsView of(FeedRouter.View v) {
      return new ControlFeedsView(
          v.feeds().stream()
              .map(
                  f ->
                      new ControlFeedView(
                          f.feedId(), f.status(), f.latency(), f.lastUpdate(), f.errorCount()))
              .toList(),
          v.activeFeed(),
          v.lastFailover());
    }
  }

  /** The manual failover response. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlFailoverView(
      boolean success, String fromFeed, String activeFeed, String reason, long lastFailover) {}

  /** The restart/stop response. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ControlLifecycleView(
      boolean success,
      String action,
      String status,
      String operator,
      String reason,
      long timestamp) {}
}
