package io.perpetua.server.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.server.v1.LifecycleViews.GateEvaluationData;
import io.perpetua.server.v1.LifecycleViews.LifecycleData;
import io.perpetua.trading.lifecycle.CanaryEvidence;
import io.perpetua.trading.lifecycle.GateReport;
import io.perpetua.trading.lifecycle.LifecycleException;
import io.perpetua.trading.lifecycle.LifecycleService;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Strategy versions and canary promotion (issue 17 items 1, 2): a strategy's versions and
 * transitions, a new candidate, its promotion {@code paper → shadow → canary → prod} (prod through
 * a four-eyes approval), rollback, and the gates on a candidate's live evidence. Thread-safe (the
 * service is).
 */
public final class LifecycleRoutes implements RouteGroup {
  private static final String TAG = "Strategy lifecycle";

  static final Param<String> ID =
      Param.string("id", "[A-Za-z0-9_.\\-]+", 64).inPath().description("Strategy name");

  /** Files the four-eyes request for a candidate's move to prod. */
  @FunctionalInterface
  public interface ProdApproval {
    /** The request's id, or null when four-eyes is off (the promotion is carried out at once). */
    String request(ApiRequest request, String strategy, String versionId, String reason);
  }

  private final Supplier<LifecycleService> service;
  private final ProdApproval approval;

  /** The routes over {@code service} (null while the platform starts: 503). */
  public LifecycleRoutes(Supplier<LifecycleService> service, ProdApproval approval) {
    this.service = Objects.requireNonNull(service, "service");
    this.approval = Objects.requireNonNull(approval, "approval");
  }

  private LifecycleService service() {
    return Ready.get(service, "strategy lifecycle");
  }

  @Override
  public List<Route> routes() {
    ApiError[] common = {
      ApiError.STRATEGY_NOT_FOUND,
      ApiError.INVALID_PARAMETER,
      ApiError.MISSING_PARAMETER,
      ApiError.INVALID_STRATEGY_VERSION,
      ApiError.LIFECYCLE_CONFLICT
    };
    return List.of(
        Route.get("/api/v1/strategies/{id}/versions")
            .tag(TAG)
            .summary("A strategy's versions and promotion state")
            .description(
                "The stable version, the previous stable one, the candidate with its stage"
                    + " (paper, shadow, canary) and every immutable version (parameters, config"
                    + " hash, parent, optimiser run), with every transition and the numbers that"
                    + " justified it. The configuration becomes version 1 on first use.")
            .param(ID)
            .errors(ApiError.STRATEGY_NOT_FOUND)
            .response(LifecycleData.class, Examples.load("strategy-versions.json"))
            .handle(r -> guard(() -> LifecycleViews.of(service(), r.value(ID)))),
        Route.post("/api/v1/strategies/{id}/versions")
            .tag(TAG)
            .summary("Create a candidate version")
            .description(
                "The stable version's parameters with `parameters` changed, validated by the"
                    + " strategy's factory (each bad parameter named, 40050), as a new immutable"
                    + " version in stage `paper`. One candidate at a time (40051).")
            .param(ID)
            .body(VersionCreateBody.class, Examples.load("strategy-version-body.json"))
            .errors(common)
            .response(LifecycleData.class, Examples.load("strategy-versions.json"))
            .handle(this::create),
        Route.post("/api/v1/strategies/{id}/promote")
            .tag(TAG)
            .summary("Promote the candidate to its next stage")
            .description(
                "`paper → shadow → canary → prod`, one stage at a time. Prod needs the canary"
                    + " gates passed and a human approval: with four-eyes on this files a"
                    + " `strategy.version.promote` request that a second person approves through"
                    + " `POST /api/v1/approvals/{id}/approve`; nothing changes before.")
            .param(ID)
            .body(VersionPromoteBody.class, Examples.load("strategy-promote-body.json"))
            .errors(withVersion(common))
            .response(LifecycleData.class, Examples.load("strategy-versions.json"))
            .handle(this::promote),
        Route.post("/api/v1/strategies/{id}/rollback")
            .tag(TAG)
            .summary("Roll back")
            .description(
                "Drops the candidate if there is one, else returns to the previous stable"
                    + " version (its parameters are in force from the strategy's next decision)."
                    + " 40051 when there is neither.")
            .param(ID)
            .body(VersionRollbackBody.class, Examples.load("strategy-rollback-body.json"))
            .errors(common)
            .response(LifecycleData.class, Examples.load("strategy-versions.json"))
            .handle(this::rollback),
        evaluateRoute(common));
  }

  private Route evaluateRoute(ApiError[] common) {
    return Route.post("/api/v1/strategies/{id}/evaluate")
        .tag(TAG)
        .summary("Evaluate the candidate's gates")
        .description(
            "The gates (minimum trades and days, annualised return, maximum drawdown, two-sample"
                + " Kolmogorov–Smirnov test of live against backtest daily returns, slippage"
                + " band) on a shadow or canary candidate's live evidence: a breach rolls it"
                + " back at once with the breach recorded; a pass moves shadow to canary, or"
                + " marks a canary ready for a human to promote; too little data decides nothing.")
        .param(ID)
        .body(GateEvidenceBody.class, Examples.load("strategy-evaluate-body.json"))
        .errors(common)
        .response(GateEvaluationData.class, Examples.load("strategy-evaluate.json"))
        .handle(this::evaluate);
  }

  private static ApiError[] withVersion(ApiError[] common) {
    ApiError[] out = java.util.Arrays.copyOf(common, common.length + 1);
    out[common.length] = ApiError.STRATEGY_VERSION_NOT_FOUND;
    return out;
  }

  private LifecycleData create(ApiRequest request) {
    VersionCreateBody body = request.body(VersionCreateBody.class);
    String id = request.value(ID);
    return guard(
        () -> {
          LifecycleService s = service();
          s.createCandidate(
              id,
              body.parameters(),
              body.reason(),
              request.principal().subject(),
              body.optimiserRunId(),
              body.optimiserStats());
          return LifecycleViews.of(s, id);
        });
  }

  private LifecycleData promote(ApiRequest request) {
    VersionPromoteBody body = request.body(VersionPromoteBody.class);
    String id = request.value(ID);
    return guard(
        () -> {
          LifecycleService s = service();
          s.promote(
              id,
              body.versionId(),
              body.stage(),
              request.principal().subject(),
              body.reason(),
              (strategy, version, who, why) -> approval.request(request, strategy, version, why));
          return LifecycleViews.of(s, id);
        });
  }

  private LifecycleData rollback(ApiRequest request) {
    VersionRollbackBody body = request.body(VersionRollbackBody.class);
    String id = request.value(ID);
    return guard(
        () -> {
          LifecycleService s = service();
          s.rollback(id, request.principal().subject(), body.reason(), Map.of());
          return LifecycleViews.of(s, id);
        });
  }

  private GateEvaluationData evaluate(ApiRequest request) {
    GateEvidenceBody body = request.body(GateEvidenceBody.class);
    String id = request.value(ID);
    return guard(
        () -> {
          LifecycleService s = service();
          GateReport r = s.evaluate(id, body.evidence());
          return LifecycleViews.evaluation(r, LifecycleViews.of(s, id));
        });
  }

  /** Runs {@code action}, turning lifecycle and registry errors into API errors. */
  static <T> T guard(Supplier<T> action) {
    try {
      return StrategyRoutes.guard(action);
    } catch (LifecycleException e) {
      ApiError error =
          switch (e.kind()) {
            case STRATEGY_NOT_FOUND -> ApiError.STRATEGY_NOT_FOUND;
            case VERSION_NOT_FOUND -> ApiError.STRATEGY_VERSION_NOT_FOUND;
            case INVALID -> ApiError.INVALID_STRATEGY_VERSION;
            case CONFLICT -> ApiError.LIFECYCLE_CONFLICT;
          };
      throw new ApiException(error, e.getMessage());
    }
  }

  private static String checkReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw ApiException.missing("reason");
    }
    if (reason.length() > 1000) {
      throw ApiException.invalid("reason", "at most 1000 characters", reason);
    }
    return reason;
  }

  /** Body of {@code POST /strategies/{id}/versions}. */
  record VersionCreateBody(
      @JsonProperty(required = true) @Doc("The parameters that differ from the stable version")
          Map<String, Object> parameters,
      @JsonProperty(required = true) @Doc("Why") String reason,
      @Nullable @Doc("The optimiser run that produced it") String optimiserRunId,
      @Nullable @Doc("That run's statistics (e.g. sharpe, dsr, pbo)")
          Map<String, Double> optimiserStats) {
    /** Validates presence; the strategy's factory validates the values. */
    VersionCreateBody {
      if (parameters == null) {
        throw ApiException.missing("parameters");
      }
      reason = checkReason(reason);
      if (optimiserRunId != null && (optimiserRunId.isBlank() || optimiserRunId.length() > 128)) {
        throw ApiException.invalid("optimiser_run_id", "1..128 characters", optimiserRunId);
      }
      if (optimiserStats != null) {
        for (var e : optimiserStats.entrySet()) {
          if (e.getValue() == null || !Double.isFinite(e.getValue())) {
            throw ApiException.invalid(
                "optimiser_stats." + e.getKey(), "a finite number", String.valueOf(e.getValue()));
          }
        }
      }
    }
  }

  /** Body of {@code POST /strategies/{id}/promote}. */
  record VersionPromoteBody(
      @JsonProperty(required = true) @Doc("The candidate version") String versionId,
      @JsonProperty(required = true)
          @Doc(
              value = "The stage to move it to (the next one)",
              allowed = {"shadow", "canary", "prod"})
          String stage,
      @JsonProperty(required = true) @Doc("Why") String reason) {
    /** Validates presence and the stage. */
    VersionPromoteBody {
      if (versionId == null || versionId.isBlank()) {
        throw ApiException.missing("version_id");
      }
      if (versionId.length() > 96) {
        throw ApiException.invalid("version_id", "at most 96 characters", versionId);
      }
      if (stage == null) {
        throw ApiException.missing("stage");
      }
      if (!List.of("shadow", "canary", "prod").contains(stage)) {
        throw ApiException.invalid("stage", "shadow, canary or prod", stage);
      }
      reason = checkReason(reason);
    }
  }

  /** Body of {@code POST /strategies/{id}/rollback}. */
  record VersionRollbackBody(@JsonProperty(required = true) @Doc("Why") String reason) {
    /** Validates presence. */
    VersionRollbackBody {
      reason = checkReason(reason);
    }
  }

  /** Body of {@code POST /strategies/{id}/evaluate}: a candidate's live evidence. */
  record GateEvidenceBody(
      @JsonProperty(required = true) @Doc("Its live daily returns, oldest first")
          List<Double> liveDailyReturns,
      @JsonProperty(required = true) @Doc("Its backtest's daily returns (the reference)")
          List<Double> backtestDailyReturns,
      @JsonProperty(required = true) @Doc("Its mean live slippage, bps") Double liveSlippageBps,
      @JsonProperty(required = true) @Doc("The backtest's slippage assumption, bps")
          Double assumedSlippageBps,
      @JsonProperty(required = true) @Doc("Its live trades") Integer trades) {
    /** Validates presence; the values are checked by {@link CanaryEvidence}. */
    GateEvidenceBody {
      if (liveDailyReturns == null) {
        throw ApiException.missing("live_daily_returns");
      }
      if (backtestDailyReturns == null) {
        throw ApiException.missing("backtest_daily_returns");
      }
      if (liveSlippageBps == null) {
        throw ApiException.missing("live_slippage_bps");
      }
      if (assumedSlippageBps == null) {
        throw ApiException.missing("assumed_slippage_bps");
      }
      if (trades == null) {
        throw ApiException.missing("trades");
      }
      if (liveDailyReturns.size() > 100_000 || backtestDailyReturns.size() > 100_000) {
        throw ApiException.invalid("daily_returns", "at most 100000 values", "too many");
      }
    }

    CanaryEvidence evidence() {
      return new CanaryEvidence(
          array(liveDailyReturns, "live_daily_returns"),
          array(backtestDailyReturns, "backtest_daily_returns"),
          liveSlippageBps,
          assumedSlippageBps,
          trades);
    }

    private static double[] array(List<Double> values, String field) {
      double[] out = new double[values.size()];
      for (int i = 0; i < out.length; i++) {
        if (values.get(i) == null) {
          throw ApiException.invalid(field + "[" + i + "]", "a number", "null");
        }
        out[i] = values.get(i);
      }
      return out;
    }
  }
}
