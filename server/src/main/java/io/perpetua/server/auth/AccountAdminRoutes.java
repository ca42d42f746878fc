package io.perpetua.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.perpetua.auth.Role;
import io.perpetua.auth.account.AccountAdmin;
import io.perpetua.auth.account.InviteCode;
import io.perpetua.auth.account.User;
import io.perpetua.core.time.Clock;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.auth.AuthViews.InviteList;
import io.perpetua.server.auth.AuthViews.InviteView;
import io.perpetua.server.auth.AuthViews.UserList;
import io.perpetua.server.auth.AuthViews.UserView;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The admin commands on accounts (admin role only, audited): invite codes ({@code
 * /api/v1/admin/invites}: create, list, disable) and users ({@code /api/v1/admin/users}: list, ban,
 * unban). The same {@link AccountAdmin} backs the CLI. Thread-safe.
 */
public final class AccountAdminRoutes implements RouteGroup {
  private static final String TAG = "Account admin";
  private static final String INVITES = "/api/v1/admin/invites";
  private static final String USERS = "/api/v1/admin/users";

  static final Param<String> CODE =
      Param.string("code", "inv_[0-9a-f]{32}", 36).inPath().description("Invite code (inv_...)");
  static final Param<String> USERNAME =
      Param.string("username", "[a-z0-9_.@-]{3,64}", 64).inPath().description("User name");

  private final Supplier<AuthServices> services;
  private final Clock clock;

  /** Routes over the services {@code services} supplies (null until the database is open). */
  public AccountAdminRoutes(Supplier<AuthServices> services, Clock clock) {
    this.services = Objects.requireNonNull(services, "services");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private AccountAdmin admin() {
    return AuthServices.ready(services).admin();
  }

  private AuditRecorder audit() {
    return AuthServices.ready(services).audit();
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.post(INVITES)
            .tag(TAG)
            .summary("Create an invite code")
            .role(Role.ADMIN)
            .body(InviteBody.class, "{\"role\": \"trader\", \"max_uses\": 1, \"ttl_hours\": 72}")
            .successStatus(201)
            .response(InviteView.class, null)
            .handle(this::createInvite),
        Route.get(INVITES)
            .tag(TAG)
            .summary("List invite codes")
            .role(Role.ADMIN)
            .response(InviteList.class, null)
            .handle(
                r ->
                    new InviteList(
                        admin().invites().stream().map(i -> InviteView.of(i, now())).toList())),
        Route.post(INVITES + "/{code}/disable")
            .tag(TAG)
            .summary("Disable an invite code")
            .role(Role.ADMIN)
            .param(CODE)
            .errors(ApiError.NOT_FOUND)
            .response(InviteView.class, null)
            .handle(this::disableInvite),
        Route.get(USERS)
            .tag(TAG)
            .summary("List users")
            .role(Role.ADMIN)
            .response(UserList.class, null)
            .handle(
                r ->
                    new UserList(
                        admin().users().stream().map(u -> UserView.of(u, now())).toList())),
        Route.post(USERS + "/{username}/ban")
            .tag(TAG)
            .summary("Ban a user")
            .description("No more logins; their tokens stop working at once.")
            .role(Role.ADMIN)
            .param(USERNAME)
            .body(ReasonBody.class, "{\"reason\": \"left the team\"}")
            .errors(ApiError.NOT_FOUND)
            .response(UserView.class, null)
            .handle(r -> ban(r, true)),
        Route.post(USERS + "/{username}/unban")
            .tag(TAG)
            .summary("Lift a ban")
            .role(Role.ADMIN)
            .param(USERNAME)
            .body(ReasonBody.class, "{\"reason\": \"back\"}")
            .errors(ApiError.NOT_FOUND)
            .response(UserView.class, null)
            .handle(r -> ban(r, false)));
  }

  private InviteView createInvite(ApiRequest request) {
    InviteBody body = request.body(InviteBody.class);
    InviteCode invite =
        AuthErrors.call(
            () ->
                admin()
                    .createInvite(
                        request.principal().subject(),
                        body.parsedRole(),
                        body.maxUses(),
                        Duration.ofHours(body.ttlHours())));
    InviteView view = InviteView.of(invite, now());
    audit()
        .record(
            request,
            "invite.create",
            "invites",
            invite.code().substring(0, 8),
            null,
            new InviteView(
                "(redacted)",
                view.role(),
                view.maxUses(),
                0,
                view.status(),
                view.expiresAt(),
                view.createdBy(),
                view.createdAt()),
            "");
    return view;
  }

  private InviteView disableInvite(ApiRequest request) {
    String code = request.value(CODE);
    InviteView view = InviteView.of(AuthErrors.call(() -> admin().disableInvite(code)), now());
    audit().record(request, "invite.disable", "invites", code.substring(0, 8), null, null, "");
    return view;
  }

  private UserView ban(ApiRequest request, boolean banned) {
    String username = request.value(USERNAME);
    String reason = request.body(ReasonBody.class).reason();
    User before =
        AuthErrors.call(() -> admin().setBanned(request.principal().subject(), username, banned));
    UserView after = UserView.of(before.withBanned(banned), now());
    audit()
        .record(
            request,
            banned ? "user.ban" : "user.unban",
            "users",
            username,
            UserView.of(before, now()),
            after,
            reason);
    return after;
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.nowMillis());
  }

  /** Body of an invite. */
  record InviteBody(
      @JsonProperty(required = true)
          @Doc(
              value = "Role of the accounts",
              allowed = {"viewer", "trader", "admin"})
          String role,
      @Nullable @Doc("1..1000, default 1") Integer maxUses,
      @Nullable @Doc("Hours until it expires, 1..2160, default 72") Integer ttlHours) {
    InviteBody {
      if (role == null || role.isEmpty()) {
        throw ApiException.missing("role");
      }
      if (!List.of("viewer", "trader", "admin").contains(role)) {
        throw ApiException.invalid("role", "viewer, trader or admin", role);
      }
      maxUses = maxUses == null ? 1 : maxUses;
      if (maxUses < 1 || maxUses > 1000) {
        throw ApiException.invalid("max_uses", "1..1000", String.valueOf(maxUses));
      }
      ttlHours = ttlHours == null ? 72 : ttlHours;
      if (ttlHours < 1 || ttlHours > 2160) {
        throw ApiException.invalid("ttl_hours", "1..2160", String.valueOf(ttlHours));
      }
    }

    Role parsedRole() {
      return Role.parse(role);
    }
  }

  /** A reason. */
  record ReasonBody(@JsonProperty(required = true) @Doc("Why (1..1000)") String reason) {
    ReasonBody {
      if (reason == null || reason.isBlank()) {
        throw ApiException.missing("reason");
      }
      if (reason.length() > 1000) {
        throw ApiException.invalid("reason", "at most 1000 characters", reason);
      }
    }
  }
}
