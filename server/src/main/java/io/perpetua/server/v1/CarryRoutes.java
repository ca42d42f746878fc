package io.perpetua.server.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.perpetua.core.Money;
import io.perpetua.core.Quantity;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Doc;
import io.perpetua.trading.carry.CarryException;
import io.perpetua.trading.carry.CarryFunding;
import io.perpetua.trading.carry.CarryInstance;
import io.perpetua.trading.carry.CarryReport;
import io.perpetua.trading.carry.CarryState;
import io.perpetua.trading.carry.CarryStatus;
import io.perpetua.trading.carry.CarryStore;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The funding carry (spec orderflow §7, docs/funding-carry.md): {@code GET /api/v1/carry} and
 * {@code /{id}} (status, hard limits, acceptance checklist), {@code POST .../start} {@code
 * {quantity}}, {@code .../close}, {@code .../confirm} (the human's confirmation of the pending
 * start, close or switch to real mode), {@code .../mode} {@code {mode}}, {@code .../reset} (HALTED
 * → IDLE, admin), and the records {@code .../ledger}, {@code .../funding}, {@code .../alerts}.
 * Viewers read, traders act, admins reset; every action is recorded with who did it. Thread-safe
 * (the instances are).
 */
public final class CarryRoutes implements RouteGroup {
  private static final String TAG = "Funding carry";

  static final Param<String> ID =
      Param.string("id", "[a-z0-9][a-z0-9-]{0,63}", 64).inPath().description("Carry instance id");

  static final Param<Integer> LIMIT =
      Param.integer("limit", 1, 1000).withDefault(200).description("Newest N (1..1000)");

  static final Param<String> PERIOD =
      Param.oneOf("period", "8h", "day", "week", "month")
          .withDefault("day")
          .description("Report period: 8h (00/08/16 UTC), day, week (from Monday), month (UTC)");

  static final Param<String> MODE =
      Param.oneOf("mode", CarryInstance.DRY_RUN, CarryInstance.REAL)
          .description("Records of this mode (default: the instance's mode now)");

  /** How many of each kind of record a report reads, newest first. */
  private static final int REPORT_RECORDS = 100_000;

  /** Files a four-eyes request to reset a halted carry; returns its id. */
  @FunctionalInterface
  public interface ResetApproval {
    /** Files the request of {@code request}'s principal to reset carry {@code carry}. */
    String request(ApiRequest request, String carry);
  }

  private final Supplier<List<CarryInstance>> instances;
  private final ResetApproval resetApproval;

  /** Routes over the configured instances (none: an empty list); resets apply at once. */
  public CarryRoutes(Supplier<List<CarryInstance>> instances) {
    this(instances, null);
  }

  /**
   * Routes over the configured instances; {@code resetApproval} files a four-eyes request for a
   * reset (null: the reset applies at once).
   */
  public CarryRoutes(Supplier<List<CarryInstance>> instances, ResetApproval resetApproval) {
    this.instances = Objects.requireNonNull(instances, "instances");
    this.resetApproval = resetApproval;
  }

  @Override
  public List<Route> routes() {
    String view = Examples.load("carry.json");
    return java.util.stream.Stream.of(reads(view), actions(view), records(), List.of(reportRoute()))
        .flatMap(List::stream)
        .toList();
  }

  private List<Route> reads(String view) {
    return List.of(
        Route.get("/api/v1/carry")
            .tag(TAG)
            .summary("Carry instances")
            .description(
                "Every configured carry with its mode (dry_run by default), state, pending"
                    + " confirmation, both positions, hedge deviation and hard limits.")
            .response(CarryViews.CarryList.class, Examples.load("carry-list.json"))
            .handle(
                r -> new CarryViews.CarryList(list().stream().map(c -> view(c, false)).toList())),
        Route.get("/api/v1/carry/{id}")
            .tag(TAG)
            .summary("A carry instance")
            .description("Its status, hard limits and the acceptance checklist for real mode.")
            .param(ID)
            .errors(ApiError.CARRY_NOT_FOUND)
            .response(CarryViews.CarryView.class, view)
            .handle(r -> view(instance(r), true)));
  }

  private List<Route> actions(String view) {
    ApiError[] acts = {ApiError.CARRY_NOT_FOUND, ApiError.CARRY_CONFLICT};
    return List.of(
        action(
                "start",
                "Ask to open a carry",
                "Asks to open `quantity` of the underlying on each leg (spot buy, perp sell); nothing"
                    + " is sent before POST .../confirm. 409 (40087) when not IDLE, funding is"
                    + " negative or unknown, the clock drifts, or the notional exceeds the hard limit.")
            .body(StartBody.class, Examples.load("carry-start-body.json"))
            .errors(ApiError.CARRY_NOT_FOUND, ApiError.CARRY_CONFLICT, ApiError.INVALID_PARAMETER)
            .response(CarryViews.CarryView.class, view)
            .handle(r -> act(r, c -> c.start(quantity(c, r.body(StartBody.class)), who(r)))),
        action(
                "close",
                "Ask to close the carry",
                "Asks to close both legs of the carry held; nothing is sent before POST"
                    + " .../confirm. 409 (40087) unless HOLDING.")
            .errors(acts)
            .response(CarryViews.CarryView.class, view)
            .handle(r -> act(r, c -> c.close(who(r)))),
        action(
                "confirm",
                "Confirm the pending action",
                "The human's confirmation of the pending start (both legs sent), close, or switch"
                    + " to real mode. 409 (40087) when nothing is pending.")
            .errors(acts)
            .response(CarryViews.CarryView.class, view)
            .handle(r -> act(r, c -> c.confirm(who(r)))),
        action(
                "mode",
                "Switch dry-run / real",
                "dry_run at once; real only when IDLE and flat with the acceptance checklist"
                    + " passed (409 40088 lists what failed), then at POST .../confirm.")
            .body(ModeBody.class, Examples.load("carry-mode-body.json"))
            .errors(
                ApiError.CARRY_NOT_FOUND,
                ApiError.CARRY_CONFLICT,
                ApiError.CARRY_CHECKLIST,
                ApiError.INVALID_PARAMETER)
            .response(CarryViews.CarryView.class, view)
            .handle(r -> act(r, c -> c.requestMode(r.body(ModeBody.class).mode(), who(r)))),
        action(
                "reset",
                "Reset a halted carry",
                "HALTED → IDLE by hand (admin); the positions stay as the venues hold them."
                    + " With four-eyes on (PERPETUA_FOUR_EYES, default) this files a carry.reset"
                    + " request (answer: still halted, pending reset_approval, approval_id) that a"
                    + " second admin approves through /api/v1/approvals. 409 (40087) unless HALTED.")
            .adminOnly()
            .errors(acts)
            .response(CarryViews.CarryView.class, Examples.load("carry-reset.json"))
            .handle(this::reset));
  }

  private List<Route> records() {
    return List.of(
        Route.get("/api/v1/carry/{id}/ledger")
            .tag(TAG)
            .summary("A carry's ledger")
            .description(
                "Every fill of both legs and every funding settlement with both positions after"
                    + " it, in dry-run (\"would have traded\") and real mode, oldest first.")
            .param(ID)
            .param(LIMIT)
            .errors(ApiError.CARRY_NOT_FOUND)
            .response(CarryViews.LedgerList.class, Examples.load("carry-ledger.json"))
            .handle(
                r ->
                    new CarryViews.LedgerList(
                        store(r).ledger(r.value(ID), r.value(LIMIT)).stream()
                            .map(CarryViews::ledger)
                            .toList())),
        Route.get("/api/v1/carry/{id}/funding")
            .tag(TAG)
            .summary("A carry's funding income")
            .description("Funding booked per settlement while holding, and the sum.")
            .param(ID)
            .param(LIMIT)
            .errors(ApiError.CARRY_NOT_FOUND)
            .response(CarryViews.FundingList.class, Examples.load("carry-funding.json"))
            .handle(this::funding),
        Route.get("/api/v1/carry/{id}/alerts")
            .tag(TAG)
            .summary("A carry's risk events and actions")
            .description(
                "Risk events (margin_warn, margin_danger, api_failures, leg_failed, hedge_deviation,"
                    + " leg_timeout, …) and every human action with who took it, oldest first.")
            .param(ID)
            .param(LIMIT)
            .errors(ApiError.CARRY_NOT_FOUND)
            .response(CarryViews.EventList.class, Examples.load("carry-alerts.json"))
            .handle(
                r ->
                    new CarryViews.EventList(
                        store(r).events(r.value(ID), r.value(LIMIT)).stream()
                            .map(CarryViews::event)
                            .toList())));
  }

  private Route reportRoute() {
    return Route.get("/api/v1/carry/{id}/report")
        .tag(TAG)
        .summary("A carry's report per period")
        .description(
            "Per 8 h, day, week or month, from the stored records of one mode: funding income,"
                + " fees, PnL per leg (cash flow and fees plus the position's change in value at"
                + " the leg's last fill price; funding apart), the largest hedge deviation and"
                + " the events by kind. Periods without a record are left out; newest `limit`.")
        .param(ID)
        .param(PERIOD)
        .param(MODE)
        .param(LIMIT)
        .errors(ApiError.CARRY_NOT_FOUND)
        .response(CarryViews.ReportView.class, Examples.load("carry-report.json"))
        .handle(this::report);
  }

  private static Route.Builder action(String name, String summary, String description) {
    return Route.post("/api/v1/carry/{id}/" + name)
        .tag(TAG)
        .summary(summary)
        .description(description)
        .param(ID);
  }

  private List<CarryInstance> list() {
    List<CarryInstance> l = instances.get();
    return l == null ? List.of() : l;
  }

  private CarryInstance instance(ApiRequest r) {
    String id = r.value(ID);
    return list().stream()
        .filter(c -> c.spec().id().equals(id))
        .findFirst()
        .orElseThrow(() -> new ApiException(ApiError.CARRY_NOT_FOUND, "No carry instance " + id));
  }

  private CarryStore store(ApiRequest r) {
    return instance(r).store();
  }

  private static CarryViews.CarryView view(CarryInstance c, boolean checklist) {
    return CarryViews.of(c.status(), checklist ? c.checklist() : null);
  }

  private CarryViews.CarryView act(
      ApiRequest r, java.util.function.Function<CarryInstance, CarryStatus> action) {
    CarryInstance c = instance(r);
    try {
      return CarryViews.of(action.apply(c), c.checklist());
    } catch (CarryException e) {
      throw new ApiException(
          e.kind() == CarryException.Kind.CHECKLIST
              ? ApiError.CARRY_CHECKLIST
              : e.kind() == CarryException.Kind.NOT_FOUND
                  ? ApiError.CARRY_NOT_FOUND
                  : ApiError.CARRY_CONFLICT,
          e.getMessage());
    }
  }

  private CarryViews.FundingList funding(ApiRequest r) {
    List<CarryStore.Moded<CarryFunding>> rows = store(r).funding(r.value(ID), r.value(LIMIT));
    Money total = Money.ZERO;
    for (CarryStore.Moded<CarryFunding> m : rows) {
      total = total.plus(m.value().amount());
    }
    return new CarryViews.FundingList(
        rows.stream().map(CarryViews::funding).toList(), total.toString());
  }

  private CarryViews.CarryView reset(ApiRequest r) {
    if (resetApproval == null) {
      return act(r, c -> c.resetHalted(who(r)));
    }
    CarryInstance c = instance(r);
    CarryStatus s = c.status();
    if (s.state() != CarryState.HALTED) {
      throw new ApiException(
          ApiError.CARRY_CONFLICT, "reset needs HALTED, state is " + s.state().code());
    }
    String id = resetApproval.request(r, c.spec().id());
    return CarryViews.resetRequested(s, c.checklist(), id);
  }

  private CarryViews.ReportView report(ApiRequest r) {
    CarryInstance c = instance(r);
    String id = c.spec().id();
    String mode = r.param(MODE).orElseGet(() -> c.status().mode());
    CarryStore s = c.store();
    List<CarryReport.Row> rows =
        CarryReport.of(
            CarryReport.Period.parse(r.value(PERIOD)),
            mode,
            s.ledger(id, REPORT_RECORDS),
            s.funding(id, REPORT_RECORDS),
            s.snapshots(id, REPORT_RECORDS),
            s.events(id, REPORT_RECORDS));
    int from = Math.max(0, rows.size() - r.value(LIMIT));
    return CarryViews.report(r.value(PERIOD), mode, rows.subList(from, rows.size()));
  }

  private static String who(ApiRequest r) {
    return r.principal().subject();
  }

  /** The body's quantity at the spot leg's step scale; 400 naming {@code quantity} otherwise. */
  private static Quantity quantity(CarryInstance c, StartBody body) {
    int scale = c.spec().spotInstrument().quantityScale();
    BigDecimal q;
    try {
      q = new BigDecimal(body.quantity().strip());
    } catch (NumberFormatException e) {
      throw ApiException.invalid("quantity", "a decimal number, e.g. 0.100", body.quantity());
    }
    if (q.signum() <= 0 || q.stripTrailingZeros().scale() > scale) {
      throw ApiException.invalid(
          "quantity", "positive, at most " + scale + " decimals (the step)", body.quantity());
    }
    return Quantity.of(q, scale);
  }

  /** Body of {@code POST .../start}. */
  record StartBody(
      @JsonProperty(required = true) @Doc("Quantity of the underlying per leg, e.g. \"0.100\"")
          String quantity) {
    /** Validates. */
    StartBody {
      quantity = RiskRoutes.text(quantity, "quantity", true);
    }
  }

  /** Body of {@code POST .../mode}. */
  record ModeBody(
      @JsonProperty(required = true)
          @Doc(
              value = "Target mode",
              allowed = {"dry_run", "real"})
          String mode) {
    /** Validates. */
    ModeBody {
      if (!CarryInstance.DRY_RUN.equals(mode) && !CarryInstance.REAL.equals(mode)) {
        throw ApiException.invalid("mode", "dry_run or real", mode);
      }
    }
  }
}
