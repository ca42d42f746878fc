package io.perpetua.server.auth;

import io.perpetua.auth.Role;
import io.perpetua.auth.audit.AuditChain;
import io.perpetua.auth.audit.AuditEntry;
import io.perpetua.auth.audit.AuditEvent;
import io.perpetua.auth.audit.AuditLog;
import io.perpetua.auth.audit.AuditQuery;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The audit log over HTTP: {@code GET /api/v1/audit} (admin; filters by entity, entity id, actor,
 * action prefix and time, paging by position, JSON or CSV export), {@code GET /api/v1/audit/verify}
 * (admin; the hash chain check), and the decision replay {@code GET
 * /api/v1/audit/decisions/{order_id}} (viewer; one order's timeline, see {@link DecisionReplay}).
 * Thread-safe.
 */
public final class AuditRoutes implements RouteGroup {
  private static final String TAG = "Audit";
  private static final String BASE = "/api/v1/audit";
  private static final String TOKEN = "[A-Za-z0-9_.:@-]{1,128}";

  static final Param<String> ENTITY =
      Param.string("entity", "[a-z_]{1,64}", 64).description("Only this entity kind, e.g. orders");
  static final Param<String> ENTITY_ID =
      Param.string("entity_id", TOKEN, 128).description("Only this entity (an order id, a user)");
  static final Param<String> ACTOR =
      Param.string("actor", TOKEN, 128).description("Only this actor");
  static final Param<String> ACTION =
      Param.string("action", "[a-z_.:]{1,96}", 96).description("Only actions starting with this");
  static final Param<String> FROM =
      Param.string("from", "[0-9TZ:.+-]{10,35}", 35)
          .description("At or after (ISO-8601 instant or date, UTC)");
  static final Param<String> TO =
      Param.string("to", "[0-9TZ:.+-]{10,35}", 35).description("Before (ISO-8601 instant or date)");
  static final Param<Integer> AFTER_SEQ =
      Param.integer("after_seq", 0, Integer.MAX_VALUE)
          .withDefault(0)
          .description("Only entries after this position (paging)");
  static final Param<Integer> LIMIT =
      Param.integer("limit", 1, 1000).withDefault(100).description("At most this many entries");
  static final Param<String> FORMAT =
      Param.oneOf("format", "json", "csv")
          .withDefault("json")
          .description("csv: the same entries as one CSV text in data.csv");
  static final Param<String> ORDER_ID =
      Param.string("order_id", TOKEN, 128).inPath().description("Client order id");

  private final Supplier<AuthServices> services;

  /** Routes over the log of the services {@code services} supplies (null until open). */
  public AuditRoutes(Supplier<AuthServices> services) {
    this.services = Objects.requireNonNull(services, "services");
  }

  private AuditLog log() {
    return AuthServices.ready(services).audit().log();
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get(BASE)
            .tag(TAG)
            .summary("Audit log")
            .description(
                "Every human action and automated decision, in position order, each with the"
                    + " previous entry's hash. Admin only.")
            .role(Role.ADMIN)
            .param(ENTITY)
            .param(ENTITY_ID)
            .param(ACTOR)
            .param(ACTION)
            .param(FROM)
            .param(TO)
            .param(AFTER_SEQ)
            .param(LIMIT)
            .param(FORMAT)
            .response(EntryList.class, null)
            .handle(this::list),
        Route.get(BASE + "/verify")
            .tag(TAG)
            .summary("Verify the audit hash chain")
            .description(
                "Walks the whole log; names the first edited or missing entry, including entries"
                    + " removed from its end (the head record). `head` is what to copy outside the"
                    + " database as an anchor.")
            .role(Role.ADMIN)
            .response(VerifyView.class, null)
            .handle(r -> VerifyView.of(log().verify(), log().head())),
        Route.get(BASE + "/decisions/{order_id}")
            .tag(TAG)
            .summary("Decision replay of an order")
            .description(
                "The order's timeline from the audit log: the rebalance (decision) that created it,"
                    + " the risk outcome, each state change and each fill.")
            .param(ORDER_ID)
            .errors(ApiError.NOT_FOUND)
            .response(DecisionReplay.Timeline.class, null)
            .handle(r -> DecisionReplay.of(log(), r.value(ORDER_ID))));
  }

  private EntryList list(ApiRequest r) {
    AuditQuery query =
        new AuditQuery(
            r.param(ENTITY).orElse(null),
            r.param(ENTITY_ID).orElse(null),
            r.param(ACTOR).orElse(null),
            r.param(ACTION).orElse(null),
            r.param(FROM).map(v -> instant("from", v)).orElse(null),
            r.param(TO).map(v -> instant("to", v)).orElse(null),
            r.value(AFTER_SEQ),
            r.value(LIMIT));
    List<EntryView> entries = log().query(query).stream().map(EntryView::of).toList();
    String csv = "csv".equals(r.value(FORMAT)) ? AuditCsv.of(entries) : null;
    return new EntryList(csv == null ? entries : List.of(), csv);
  }

  static Instant instant(String name, String value) {
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(name, "an ISO-8601 instant or date", value);
    }
  }

  /** An entry. */
  record EntryView(
      @Doc("Position, from 1, no gaps") long seq,
      @Doc("When it happened") Instant at,
      @Doc("Who: a user, a static token, or system:<component>") String actor,
      @Doc("What") String action,
      @Doc("Entity kind") String entity,
      @Doc("Entity id") String entityId,
      @Nullable @Doc("State before (JSON text)") String before,
      @Nullable @Doc("State after (JSON text)") String after,
      @Doc("Why") String reason,
      @Doc("Request id") String requestId,
      @Doc("The previous entry's hash") String prevHash,
      @Doc("This entry's hash") String hash) {
    static EntryView of(AuditEntry e) {
      AuditEvent v = e.event();
      return new EntryView(
          e.seq(),
          v.at(),
          v.actor(),
          v.action(),
          v.entity(),
          v.entityId(),
          v.before(),
          v.after(),
          v.reason(),
          v.requestId(),
          e.prevHash(),
          e.hash());
    }
  }

  /** Entries, or their CSV. */
  record EntryList(
      @Doc("Entries in position order (empty when format=csv)") List<EntryView> entries,
      @Nullable @Doc("The entries as CSV (format=csv)") String csv) {}

  /** A verification. */
  record VerifyView(
      @Doc("Whether every entry checked out") boolean ok,
      @Doc("Entries read") long checked,
      @Nullable @Doc("Position of the first broken entry") Long firstBrokenSeq,
      @Doc("What is wrong with it") String problem,
      @Nullable @Doc("The head record, SEQ:HASH of the newest entry (keep a copy as an anchor)")
          String head) {
    static VerifyView of(AuditChain.Verification v, java.util.Optional<AuditChain.Head> head) {
      return new VerifyView(
          v.ok(),
          v.checked(),
          v.ok() ? null : v.firstBrokenSeq(),
          v.problem(),
          head.map(Object::toString).orElse(null));
    }
  }
}
