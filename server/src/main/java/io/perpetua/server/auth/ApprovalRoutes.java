package io.perpetua.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.perpetua.auth.approval.ApprovalRequest;
import io.perpetua.auth.approval.FourEyes;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Four-eyes requests, {@code /api/v1/approvals}: request a registered action, list and read
 * requests, approve (a second person with the action's role, never the requester: 403/40116) or
 * reject (or withdraw one's own). Each step is stored with its reason and audited by {@link
 * FourEyes}. Thread-safe.
 */
public final class ApprovalRoutes implements RouteGroup {
  private static final String TAG = "Four-eyes";
  private static final String BASE = "/api/v1/approvals";

  static final Param<String> ID =
      Param.string("request_id", "apr_[0-9a-f]{24}", 28).inPath().description("Request id");
  static final Param<String> STATUS =
      Param.oneOf("status", "all", "pending", "executed", "rejected", "failed")
          .withDefault("all")
          .description("Only requests with this status.");

  private final Supplier<AuthServices> services;

  /** Routes over the services {@code services} supplies (null until the database is open). */
  public ApprovalRoutes(Supplier<AuthServices> services) {
    this.services = Objects.requireNonNull(services, "services");
  }

  private FourEyes fourEyes() {
    return AuthServices.ready(services).fourEyes();
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.post(BASE)
            .tag(TAG)
            .summary("Request a four-eyes action")
            .description(
                "Stores a pending request; nothing changes until a second person approves it."
                    + " Actions: system.resume (lift the emergency stop and halts), and what"
                    + " later features register (see docs/security.md).")
            .body(
                RequestBody.class,
                "{\"action\": \"system.resume\", \"payload\": {}, \"reason\": \"incident over\"}")
            .errors(ApiError.NOT_FOUND)
            .successStatus(201)
            .response(ApprovalView.class, null)
            .handle(this::request),
        Route.get(BASE)
            .tag(TAG)
            .summary("List four-eyes requests")
            .param(STATUS)
            .response(ApprovalList.class, null)
            .handle(this::list),
        Route.get(BASE + "/{request_id}")
            .tag(TAG)
            .summary("One four-eyes request")
            .param(ID)
            .errors(ApiError.NOT_FOUND)
            .response(ApprovalView.class, null)
            .handle(r -> ApprovalView.of(AuthErrors.call(() -> fourEyes().find(r.value(ID))))),
        Route.post(BASE + "/{request_id}/approve")
            .tag(TAG)
            .summary("Approve (and carry out) a request")
            .description("By a second person with the action's role; never the requester.")
            .param(ID)
            .body(DecisionBody.class, "{\"reason\": \"checked\"}")
            .errors(ApiError.NOT_FOUND, ApiError.SELF_APPROVAL, ApiError.ALREADY_DECIDED)
            .response(ApprovalView.class, null)
            .handle(r -> decide(r, true)),
        Route.post(BASE + "/{request_id}/reject")
            .tag(TAG)
            .summary("Reject (or withdraw) a request")
            .param(ID)
            .body(DecisionBody.class, "{\"reason\": \"not now\"}")
            .errors(ApiError.NOT_FOUND, ApiError.ALREADY_DECIDED)
            .response(ApprovalView.class, null)
            .handle(r -> decide(r, false)));
  }

  private ApprovalView request(ApiRequest r) {
    RequestBody body = r.body(RequestBody.class);
    String payload = AuditRecorder.json(body.payload() == null ? Map.of() : body.payload());
    return ApprovalView.of(
        AuthErrors.call(
            () ->
                fourEyes()
                    .request(r.principal(), body.action(), payload, body.reason(), r.requestId())));
  }

  private ApprovalList list(ApiRequest r) {
    String status = r.value(STATUS);
    return new ApprovalList(
        fourEyes().list("all".equals(status) ? null : status, 500).stream()
            .map(ApprovalView::of)
            .toList());
  }

  private ApprovalView decide(ApiRequest r, boolean approve) {
    String id = r.value(ID);
    String reason = r.body(DecisionBody.class).reason();
    if (approve
        && AuthErrors.call(() -> fourEyes().find(id)).requester().equals(r.principal().subject())) {
      throw new ApiException(
          ApiError.SELF_APPROVAL,
          "Four-eyes: the requester cannot approve their own request; a second person must");
    }
    return ApprovalView.of(
        AuthErrors.call(
            () ->
                approve
                    ? fourEyes().approve(r.principal(), id, reason, r.requestId())
                    : fourEyes().reject(r.principal(), id, reason, r.requestId())));
  }

  /** Body of a request. */
  record RequestBody(
      @JsonProperty(required = true) @Doc("The action, e.g. system.resume") String action,
      @Nullable @Doc("The action's input (a JSON object)") Map<String, Object> payload,
      @JsonProperty(required = true) @Doc("Why (1..1000)") String reason) {
    RequestBody {
      if (action == null || action.isEmpty()) {
        throw ApiException.missing("action");
      }
      if (action.length() > 96) {
        throw ApiException.invalid("action", "a registered action name", action);
      }
      if (reason == null || reason.isBlank()) {
        throw ApiException.missing("reason");
      }
    }
  }

  /** Body of a decision. */
  record DecisionBody(@JsonProperty(required = true) @Doc("Why (1..1000)") String reason) {
    DecisionBody {
      if (reason == null || reason.isBlank()) {
        throw ApiException.missing("reason");
      }
      if (reason.length() > 1000) {
        throw ApiException.invalid("reason", "at most 1000 characters", reason);
      }
    }
  }

  /** A request and its outcome. */
  record ApprovalView(
      @Doc("Request id") String requestId,
      @Doc("The action") String action,
      @Doc("Its input (JSON text)") String payload,
      @Nullable @Doc("The state it changes, when requested (JSON text)") String before,
      @Doc("Who asked") String requester,
      @Doc("Why") String requestReason,
      @Doc(
              value = "Status",
              allowed = {"pending", "executed", "rejected", "failed"})
          String status,
      @Nullable @Doc("Who approved or rejected") String decider,
      @Nullable @Doc("Why") String decisionReason,
      @Nullable @Doc("What the execution returned, or why it failed") String result,
      @Doc("When asked") Instant requestedAt,
      @Nullable @Doc("When decided") Instant decidedAt) {
    static ApprovalView of(ApprovalRequest a) {
      return new ApprovalView(
          a.id(),
          a.action(),
          a.payload(),
          a.before(),
          a.requester(),
          a.requestReason(),
          a.status(),
          a.decider(),
          a.decisionReason(),
          a.result(),
          a.requestedAt(),
          a.decidedAt());
    }
  }

  /** Requests, newest first. */
  record ApprovalList(@Doc("Newest first, at most 500") List<ApprovalView> requests) {}
}
