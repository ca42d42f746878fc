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
import io.perpetua.server.v1.StrategyViews.ChangeData;
import io.perpetua.server.v1.StrategyViews.HistoryData;
import io.perpetua.server.v1.StrategyViews.ListV1;
import io.perpetua.server.v1.StrategyViews.StrategyConfigData;
import io.perpetua.server.v1.StrategyViews.ToggleData;
import io.perpetua.trading.registry.ConfigChange;
import io.perpetua.trading.registry.RegistryException;
import io.perpetua.trading.registry.StatusChange;
import io.perpetua.trading.registry.StrategyRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The strategy registry's routes (spec 4.1, 5.1, 5.4): the list (V1 shape in single mode, V2 in
 * ensemble mode), a strategy's configuration, controlled parameter changes ({@code pending_review →
 * approved | rejected → applied}, four-eyes through {@code /api/v1/approvals}), their history, and
 * activate/deactivate. Thread-safe (the registry is).
 */
public final class StrategyRoutes implements RouteGroup {
  private static final String TAG = "Strategies";

  static final Param<String> NAME =
      Param.string("name", "[A-Za-z0-9_.\\-]+", 64).inPath().description("Strategy name");

  /**
   * Files the four-eyes request deciding a change request (returns its id), or null when four-eyes
   * is off (the change is then approved by its requester at once).
   */
  @FunctionalInterface
  public interface ChangeApproval {
    /** Files the request for {@code change}. */
    String request(ApiRequest request, ConfigChange change);
  }

  private final Supplier<StrategyRegistry> registry;
  private final ChangeApproval approval;

  /**
   * The routes over {@code registry} (null while the platform starts: 503), with change requests
   * decided through {@code approval}.
   */
  public StrategyRoutes(Supplier<StrategyRegistry> registry, ChangeApproval approval) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.approval = Objects.requireNonNull(approval, "approval");
  }

  private StrategyRegistry registry() {
    return Ready.get(registry, "strategy registry");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/strategy/list")
            .tag(TAG)
            .summary("Registered strategies")
            .description(
                "Every configured strategy with its status (active | inactive | error),"
                    + " parameters, pool, features, last signal and live performance of its virtual"
                    + " book (its own targets filled at the platform's fill prices and costs). In"
                    + " single mode the V1 shape (`active_strategy`); in ensemble mode the V2 shape"
                    + " (`ensemble_weight` per strategy, `ensemble_method`, `active_strategies`,"
                    + " performance without `total_return`), as the spec shows.")
            .response(ListV1.class, Examples.load("strategy-list.json"))
            .handle(r -> StrategyViews.list(registry())),
        Route.get("/api/v1/strategy/{name}/config")
            .tag(TAG)
            .summary("A strategy's configuration")
            .param(NAME)
            .errors(ApiError.STRATEGY_NOT_FOUND)
            .response(StrategyConfigData.class, Examples.load("strategy-config.json"))
            .handle(r -> guard(() -> StrategyViews.config(registry().view(r.value(NAME))))),
        changeRoute(),
        Route.get("/api/v1/strategy/{name}/config/history")
            .tag(TAG)
            .summary("A strategy's parameter change history")
            .description(
                "Every change request, newest first: `pending_review`, `approved` (waiting for"
                    + " the next rebalance), `rejected` or `applied` (with the version it made).")
            .param(NAME)
            .errors(ApiError.STRATEGY_NOT_FOUND)
            .response(HistoryData.class, Examples.load("strategy-config-history.json"))
            .handle(r -> guard(() -> StrategyViews.history(registry().history(r.value(NAME))))),
        toggleRoute());
  }

  private Route changeRoute() {
    return Route.post("/api/v1/strategy/{name}/config")
        .tag(TAG)
        .summary("Request a parameter change (controlled)")
        .description(
            "Files a change request (`pending_review`) with only the changed parameters,"
                + " validated against the strategy's declared parameters (unknown ones and"
                + " out-of-range values: 40030 naming each). A second person approves it through"
                + " `POST /api/v1/approvals/{id}/approve` (four-eyes; the requester cannot);"
                + " `apply_mode` `next_rebalance` (default) applies it at the strategy's next"
                + " rebalance, `immediate` when approved. Nothing changes before.")
        .param(NAME)
        .body(ChangeBody.class, Examples.load("strategy-config-body.json"))
        .errors(
            ApiError.STRATEGY_NOT_FOUND,
            ApiError.INVALID_STRATEGY_PARAMETERS,
            ApiError.INVALID_PARAMETER,
            ApiError.MISSING_PARAMETER)
        .response(ChangeData.class, Examples.load("strategy-config-change.json"))
        .handle(this::change);
  }

  private Route toggleRoute() {
    return Route.post("/api/v1/strategy/{name}/toggle")
        .tag(TAG)
        .summary("Activate or deactivate a strategy")
        .description(
            "Needs `confirm: true` and a `reason` (40031 otherwise; nothing changes). Takes"
                + " effect at the strategy's next rebalance: a deactivated strategy decides no"
                + " more and its share of the netted targets is zero (its positions are"
                + " unwound through the one order path); its history is kept. Single mode runs"
                + " one strategy (40032 for a second).")
        .param(NAME)
        .body(ToggleBody.class, Examples.load("strategy-toggle-body.json"))
        .errors(
            ApiError.STRATEGY_NOT_FOUND,
            ApiError.CONFIRMATION_REQUIRED,
            ApiError.INVALID_PARAMETER,
            ApiError.STRATEGY_CONFLICT)
        .response(ToggleData.class, Examples.load("strategy-toggle.json"))
        .handle(this::toggle);
  }

  private ChangeData change(ApiRequest request) {
    ChangeBody body = request.body(ChangeBody.class);
    String by = request.principal().subject();
    return guard(
        () -> {
          StrategyRegistry r = registry();
          ConfigChange c =
              r.submit(request.value(NAME), body.parameters(), body.reason(), body.applyMode(), by);
          String approvalId = approval.request(request, c);
          ConfigChange filed = approvalId == null ? r.approve(c.id(), by) : c;
          if (approvalId != null) {
            filed = r.linkApproval(c.id(), approvalId);
          }
          return StrategyViews.change(filed);
        });
  }

  private ToggleData toggle(ApiRequest request) {
    ToggleBody body = request.body(ToggleBody.class);
    if (body.confirm() == null || !body.confirm()) {
      throw new ApiException(
          ApiError.CONFIRMATION_REQUIRED, "Field 'confirm' must be true to toggle a strategy");
    }
    if (body.reason() == null || body.reason().isBlank()) {
      throw new ApiException(ApiError.CONFIRMATION_REQUIRED, "Missing required field 'reason'");
    }
    return guard(
        () -> {
          StatusChange c =
              registry()
                  .toggle(
                      request.value(NAME),
                      body.action(),
                      body.reason(),
                      request.principal().subject());
          return new ToggleData(
              c.strategy(), c.previousStatus(), c.newStatus(), Instant.ofEpochMilli(c.atMs()));
        });
  }

  /** Runs {@code action}, turning registry errors into API errors. */
  static <T> T guard(Supplier<T> action) {
    try {
      return action.get();
    } catch (RegistryException e) {
      ApiError error =
          switch (e.kind()) {
            case NOT_FOUND -> ApiError.STRATEGY_NOT_FOUND;
            case INVALID ->
                e.getMessage().contains("'parameters'")
                    ? ApiError.INVALID_STRATEGY_PARAMETERS
                    : ApiError.INVALID_PARAMETER;
            case CONFLICT -> ApiError.STRATEGY_CONFLICT;
          };
      throw new ApiException(error, e.getMessage());
    }
  }

  /** Body of {@code POST /strategy/{name}/config}. */
  record ChangeBody(
      @JsonProperty(required = true) @Doc("The parameters to change (only changed ones)")
          Map<String, Object> parameters,
      @JsonProperty(required = true) @Doc("Why") String reason,
      @Nullable
          @Doc(
              value = "When it applies once approved (default next_rebalance)",
              allowed = {"next_rebalance", "immediate"})
          String applyMode) {
    /** Validates presence; the registry validates the values. */
    ChangeBody {
      if (parameters == null) {
        throw ApiException.missing("parameters");
      }
      if (reason == null || reason.isBlank()) {
        throw ApiException.missing("reason");
      }
      if (reason.length() > 1000) {
        throw ApiException.invalid("reason", "at most 1000 characters", reason);
      }
    }
  }

  /** Body of {@code POST /strategy/{name}/toggle}. */
  record ToggleBody(
      @JsonProperty(required = true)
          @Doc(
              value = "What to do",
              allowed = {"activate", "deactivate"})
          String action,
      @Nullable @Doc("Must be true") Boolean confirm,
      @Nullable @Doc("Why (kept in the history)") String reason) {
    /** Validates the action; confirm and reason are checked by the handler (40031). */
    ToggleBody {
      if (action == null) {
        throw ApiException.missing("action");
      }
      if (!action.equals("activate") && !action.equals("deactivate")) {
        throw ApiException.invalid("action", "activate or deactivate", action);
      }
      if (reason != null && reason.length() > 1000) {
        throw ApiException.invalid("reason", "at most 1000 characters", reason);
      }
    }
  }
}
