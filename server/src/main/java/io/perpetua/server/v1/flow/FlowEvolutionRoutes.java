package io.perpetua.server.v1.flow;

import static io.perpetua.server.v1.flow.FlowSupport.example;

import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Doc;
import io.perpetua.signals.flow.FlowValidationException;
import io.perpetua.trading.learn.Evolution;
import io.perpetua.trading.learn.EvolutionStore;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The order-flow strategies' daily auto-evolution on demand (issue 17 item 6, spec §5): {@code POST
 * /api/v1/flow/evolution/run {dry_run}} (admin) plans — and unless {@code dry_run} applies in one
 * transaction — the run the orchestrator's {@code flow_evolution} job makes daily, and answers its
 * JSON and Markdown reports. Thread-safe.
 */
public final class FlowEvolutionRoutes implements RouteGroup {
  private final Supplier<Evolution> evolution;

  /** Routes over {@code evolution} (null while the flow runtime starts: 503). */
  public FlowEvolutionRoutes(Supplier<Evolution> evolution) {
    this.evolution = Objects.requireNonNull(evolution, "evolution");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.post("/api/v1/flow/evolution/run")
            .tag("Order flow")
            .summary("Run the order-flow auto-evolution")
            .adminOnly()
            .description(
                "Per running factory strategy: 7-day closed trades, net R, win rate, profit factor,"
                    + " signal count and the fitness net_r + 0.9·net_r/days + 0.6·(PF−1) +"
                    + " 1.25·(win_rate−0.5) − 0.35·max(12−closed,0); the regime per symbol; a"
                    + " mutation of each symbol's best parent (at most 1 new strategy per symbol per"
                    + " day, at most 3 auto-created running per symbol, the weakest deprecated but"
                    + " never younger than 24 h). dry_run true only reports; false applies it all"
                    + " in one transaction. Every decision is audited. 409/40130 when the plan no"
                    + " longer fits the strategies (nothing changes).")
            .body(FlowEvolutionRunBody.class, example("flow-evolution-run-body.json"))
            .errors(ApiError.MISSING_PARAMETER, ApiError.FLOW_EVOLUTION_CONFLICT)
            .response(FlowEvolutionRunView.class, example("flow-evolution-run.json"))
            .handle(this::run));
  }

  private FlowEvolutionRunView run(ApiRequest r) {
    FlowEvolutionRunBody body = r.body(FlowEvolutionRunBody.class);
    if (body.dryRun() == null) {
      throw ApiException.missing("dry_run");
    }
    Evolution e = evolution.get();
    if (e == null) {
      throw new ServiceUnavailableException("order-flow evolution not started yet", null);
    }
    try {
      EvolutionStore.Run run = e.run(body.dryRun(), r.principal().subject());
      return new FlowEvolutionRunView(
          run.id(),
          Instant.ofEpochMilli(run.atMs()),
          run.dryRun(),
          run.actor(),
          run.report(),
          run.markdown());
    } catch (FlowValidationException | IllegalStateException ex) {
      throw new ApiException(ApiError.FLOW_EVOLUTION_CONFLICT, ex.getMessage());
    }
  }

  /**
   * Body of {@code POST /api/v1/flow/evolution/run}.
   *
   * @param dryRun true: report only; false: apply
   */
  public record FlowEvolutionRunBody(
      @Doc("true: plan and report only; false: apply the plan in one transaction")
          Boolean dryRun) {}

  /**
   * An evolution run.
   *
   * @param runId run id
   * @param at when
   * @param dryRun whether it only planned
   * @param actor who ran it
   * @param report the JSON report (regimes, strategies with their fitness, actions, created ids)
   * @param markdown the Markdown report
   */
  public record FlowEvolutionRunView(
      @Doc("Run id") String runId,
      @Doc("When it ran") Instant at,
      @Doc("Whether it only planned") boolean dryRun,
      @Doc("Who ran it") String actor,
      @Doc(
              "The JSON report: regimes, strategies with their window statistics and fitness,"
                  + " actions (create/deprecate/skip with reasons), created strategy ids")
          Map<String, Object> report,
      @Doc("The same report in Markdown") String markdown) {}
}
