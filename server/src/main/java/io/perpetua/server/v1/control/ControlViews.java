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
  record RebalanceBody(
      Double targetUtilization,
      List<String> accounts,
      String symbol,
      Double tolerancePercent,
      BigDecimal maxRebalanceAmount,
      Boolean dryRun) {}

  /** {@code AccountSyncRequest}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record SyncBody(
      List<String> accounts, Boolean includePositions, Boolean includeBalances, Long timeout) {}

  /** {@code HedgeExecutionRequest}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record HedgeBody(
      String symbol,
      List<String> targetAccounts,
      BigDecimal hedgeAmount,
      String hedgeStrategy,
      BigDecimal maxSlippage,
      Long timeout,
      Boolean dryRun) {}

  /** Manual failover request. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record FailoverBody(String targetFeed, String reason) {}

  /** Restart/stop request. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record LifecycleBody(String reason, String operator) {}

  /** {@code OrderExecution} (plus status and reason, for failed legs). */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record OrderView(
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
    static OrderView of(LegResult r, String symbol) {
      boolean planned = r.status() == LegResult.Status.PLANNED;
      return new OrderView(
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
  record HedgeView(
      boolean success,
      List<OrderView> executedOrders,
      List<OrderView> failedOrders,
      BigDecimal totalCost,
      long executionTime,
      BigDecimal netDeltaChange,
      BigDecimal slippage,
      String error,
      boolean dryRun) {
    static HedgeView of(HedgeOutcome h) {
      if (h == null) {
        return null;
      }
      return new HedgeView(
          h.success(),
          h.executed().stream().map(r -> OrderView.of(r, h.symbol())).toList(),
          h.failed().stream().map(r -> OrderView.of(r, h.symbol())).toList(),
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
      HedgeView hedgeResults,
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
          HedgeView.of(r.hedgeResults()),
          r.reason(),
          r.error());
    }
  }

  /** {@code UtilizationAction}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record ActionView(
      String accountId,
      String action,
      double currentUtilization,
      double targetUtilization,
      BigDecimal adjustmentAmount) {
    static ActionView of(Utilization.Action a) {
      return new ActionView(
          a.accountId(),
          a.action(),
          a.currentUtilization(),
          a.targetUtilization(),
          a.adjustmentAmount());
    }
  }

  /** {@code UtilizationMetric}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record MetricView(
      String accountId,
      double currentUtilization,
      double targetUtilization,
      double deviationPercent,
      boolean withinTolerance) {
    static MetricView of(Utilization.Metric m) {
      return new MetricView(
          m.accountId(),
          m.currentUtilization(),
          m.targetUtilization(),
          m.deviationPercent(),
          m.withinTolerance());
    }
  }

  /** {@code UtilizationRebalanceResponse}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record RebalanceView(
      boolean success,
      String operationId,
      long timestamp,
      List<String> accountsProcessed,
      double averageUtilization,
      double targetUtilization,
      long executionTime,
      boolean rebalanceNeeded,
      List<ActionView> rebalanceActions,
      List<MetricView> utilizationMetrics,
      String reason,
      String error) {}

  /** {@code RiskMetrics}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record RiskMetricsView(
      String accountId,
      BigDecimal deltaDeviation,
      double utilizationRate,
      double leverageRatio,
      BigDecimal unrealizedPnl,
      double maxDrawdown,
      long timestamp) {
    static RiskMetricsView of(RiskMetrics m) {
      return new RiskMetricsView(
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
  record RiskMetricsList(List<RiskMetricsView> items) {}

  /** {@code RiskAlert}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record AlertView(
      String id,
      String type,
      String severity,
      String accountId,
      String message,
      long timestamp,
      Map<String, Object> data) {
    /** The view of {@code a}. */
    public static AlertView of(RiskAlert a) {
      return new AlertView(
          a.id(), a.type(), a.severity(), a.accountId(), a.message(), a.timestamp(), a.data());
    }
  }

  /** {@code AccountState}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record AccountStateView(
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
    static AccountStateView of(AccountState s, boolean positions, boolean balances) {
      return new AccountStateView(
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
  record SyncView(
      boolean success,
      List<String> syncedAccounts,
      List<String> failedAccounts,
      long syncTime,
      List<AccountStateView> accountStates,
      List<String> errors) {
    static SyncView of(AccountRegistry.SyncResult r, long ms, boolean positions, boolean balances) {
      return new SyncView(
          r.failed().isEmpty(),
          r.states().stream().map(AccountState::accountId).toList(),
          r.failed(),
          ms,
          r.states().stream().map(s -> AccountStateView.of(s, positions, balances)).toList(),
          r.errors().isEmpty() ? null : r.errors());
    }
  }

  /** {@code MarketDataFeedStatus}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record FeedView(String feedId, String status, long latency, long lastUpdate, int errorCount) {}

  /** The feed status response. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record FeedsView(List<FeedView> feeds, String activeFeed, long lastFailover) {
    static FeedsView of(FeedRouter.View v) {
      return new FeedsView(
          v.feeds().stream()
              .map(
                  f ->
                      new FeedView(
                          f.feedId(), f.status(), f.latency(), f.lastUpdate(), f.errorCount()))
              .toList(),
          v.activeFeed(),
          v.lastFailover());
    }
  }

  /** The manual failover response. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record FailoverView(
      boolean success, String fromFeed, String activeFeed, String reason, long lastFailover) {}

  /** The restart/stop response. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  record LifecycleView(
      boolean success,
      String action,
      String status,
      String operator,
      String reason,
      long timestamp) {}
}
