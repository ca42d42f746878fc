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
import io.perpetua.trading.allocation.AllocationException;
import io.perpetua.trading.allocation.AllocationRecord;
import io.perpetua.trading.allocation.AllocationService;
import io.perpetua.trading.allocation.AllocationStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Bandit capital allocation (issue 17 item 3, spec 003 §5, §11): {@code POST
 * /api/v1/alloc/rebalance {mode}} runs one step now, {@code GET /api/v1/allocation} the weights the
 * strategy sleeves trade on, {@code GET /api/v1/allocation/history} every step. Thread-safe (the
 * service is).
 */
public final class AllocationRoutes implements RouteGroup {
  private static final String TAG = "Allocation";

  static final Param<Integer> LIMIT =
      Param.integer("limit", 1, 500).withDefault(50).description("Steps per page (1-500)");
  static final Param<Integer> BEFORE =
      Param.integer("before_id", 1, Integer.MAX_VALUE)
          .description("Only steps with a smaller id (the next page: the last step_id seen)");

  private final Supplier<AllocationService> service;

  /** Routes over {@code service} (null while the platform starts: 503). */
  public AllocationRoutes(Supplier<AllocationService> service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  private AllocationService service() {
    return Ready.get(service, "capital allocator");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.post("/api/v1/alloc/rebalance")
            .tag(TAG)
            .summary("Run one capital allocation step now")
            .description(
                "`bandit`: the active strategies' window reward (net PnL / risk) scored by UCB1"
                    + " or Thompson sampling (configured), the worst loser to the cool-down pool,"
                    + " correlated pairs cut; `target_vol`: w = min(w_max, b·σ*/σ). Weights move at"
                    + " most `allocation.max_step_fraction` of the capital per step and size the"
                    + " strategy sleeves from their next rebalance (one kernel, one order path)."
                    + " Recorded in the history and the audit log. Needs ensemble mode and two"
                    + " active strategies (409/40060; nothing changes).")
            .body(AllocationRebalanceBody.class, Examples.load("alloc-rebalance-body.json"))
            .errors(
                ApiError.ALLOCATION_UNAVAILABLE,
                ApiError.INVALID_PARAMETER,
                ApiError.MISSING_PARAMETER)
            .response(AllocationView.class, Examples.load("allocation.json"))
            .handle(this::rebalance),
        Route.get("/api/v1/allocation")
            .tag(TAG)
            .summary("Current capital weights")
            .description(
                "The weights the strategy sleeves trade on (the rest of the capital is cash),"
                    + " with the latest step's targets, scores, rewards, cool-downs and probation;"
                    + " before the first step the configured ensemble weights (`configured: true`).")
            .response(AllocationView.class, Examples.load("allocation.json"))
            .handle(r -> current()),
        Route.get("/api/v1/allocation/history")
            .tag(TAG)
            .summary("Allocation history")
            .description("Every allocation step, newest first; page with `before_id`.")
            .param(LIMIT)
            .param(BEFORE)
            .response(AllocationHistory.class, Examples.load("allocation-history.json"))
            .handle(this::history));
  }

  private AllocationView rebalance(ApiRequest request) {
    AllocationRebalanceBody body = request.body(AllocationRebalanceBody.class);
    try {
      AllocationRecord r = service().rebalance(body.mode(), "api", request.principal().subject());
      return view(r);
    } catch (AllocationException e) {
      throw new ApiException(ApiError.ALLOCATION_UNAVAILABLE, e.getMessage());
    }
  }

  private AllocationView current() {
    AllocationService s = service();
    return s.current()
        .map(AllocationRoutes::view)
        .orElseGet(
            () -> {
              List<AllocationWeight> weights = new ArrayList<>();
              double sum = 0;
              for (var e : s.configuredWeights().entrySet()) {
                weights.add(
                    new AllocationWeight(e.getKey(), e.getValue(), null, null, null, null, false));
                sum += e.getValue();
              }
              return new AllocationView(
                  null, null, null, null, null, null, true, weights, 1 - sum, 0, 0, List.of());
            });
  }

  private AllocationHistory history(ApiRequest request) {
    long before = request.param(BEFORE).map(Integer::longValue).orElse(Long.MAX_VALUE);
    List<AllocationView> steps =
        service().history(request.value(LIMIT), before).stream()
            .map(AllocationRoutes::view)
            .toList();
    return new AllocationHistory(steps);
  }

  static AllocationView view(AllocationRecord r) {
    AllocationStep s = r.step();
    List<AllocationWeight> weights = new ArrayList<>();
    double sum = 0;
    for (Map.Entry<String, Double> e : s.weights().entrySet()) {
      String n = e.getKey();
      Long until = s.cooling().get(n);
      weights.add(
          new AllocationWeight(
              n,
              e.getValue(),
              s.targets().get(n),
              finite(s.scores().get(n)),
              finite(s.rewards().get(n)),
              until == null ? null : Instant.ofEpochMilli(until),
              s.probation().contains(n)));
      sum += e.getValue();
    }
    return new AllocationView(
        r.id(),
        Instant.ofEpochMilli(s.atMs()),
        s.mode(),
        s.policy(),
        r.trigger(),
        r.actor(),
        false,
        weights,
        1 - sum,
        s.moved(),
        s.cost(),
        s.events());
  }

  private static Double finite(Double v) {
    return v == null || !Double.isFinite(v) ? null : v;
  }

  /** Body of {@code POST /api/v1/alloc/rebalance}. */
  record AllocationRebalanceBody(
      @JsonProperty(required = true)
          @Doc(
              value = "The allocation mode",
              allowed = {"bandit", "target_vol"})
          String mode) {
    /** Validates the mode. */
    AllocationRebalanceBody {
      if (mode == null) {
        throw ApiException.missing("mode");
      }
      if (!mode.equals("bandit") && !mode.equals("target_vol")) {
        throw ApiException.invalid("mode", "bandit or target_vol", mode);
      }
    }
  }

  /** The capital weights after a step (or the configured ones). */
  record AllocationView(
      @Nullable @Doc("The step's id (null: no step yet)") Long stepId,
      @Nullable @Doc("Kernel time of the step") Instant updatedAt,
      @Nullable @Doc("bandit or target_vol") String mode,
      @Nullable @Doc("ucb1, thompson or target_vol") String policy,
      @Nullable @Doc("What ran it: api, orchestrator") String trigger,
      @Nullable @Doc("Who ran it") String actor,
      @Doc("True before the first step: the configured ensemble weights hold") boolean configured,
      List<AllocationWeight> weights,
      @Doc("Share of the capital in cash") double cash,
      @Doc("Share of the capital the step moved") double moved,
      @Doc("Estimated cost of the move, share of the capital") double cost,
      @Doc("What happened: cooldown, probation, correlation, vol_spike lines")
          List<String> events) {}

  /** One strategy's weight. */
  record AllocationWeight(
      @Doc("Strategy") String strategy,
      @Doc("Capital weight its sleeve trades on") double weight,
      @Nullable @Doc("What the policy wanted (before the step limit)") Double target,
      @Nullable @Doc("The policy's score") Double score,
      @Nullable @Doc("Window reward: net PnL / risk") Double reward,
      @Nullable @Doc("End of its cool-down (disabled_until), if cooling") Instant coolingUntil,
      @Doc("Back from cool-down, weight capped") boolean probation) {}

  /** Response of {@code GET /api/v1/allocation/history}. */
  record AllocationHistory(List<AllocationView> steps) {}
}
