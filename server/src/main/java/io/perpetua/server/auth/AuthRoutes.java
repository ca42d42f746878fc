package io.perpetua.server.auth;

import io.perpetua.auth.AuthException;
import io.perpetua.auth.Principal;
import io.perpetua.auth.Role;
import io.perpetua.auth.account.Accounts;
import io.perpetua.auth.account.TotpEnrollment;
import io.perpetua.auth.account.User;
import io.perpetua.core.time.Clock;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.auth.AuthBodies.LoginBody;
import io.perpetua.server.auth.AuthBodies.RefreshBody;
import io.perpetua.server.auth.AuthBodies.RegisterBody;
import io.perpetua.server.auth.AuthBodies.TotpConfirmBody;
import io.perpetua.server.auth.AuthViews.LoggedOut;
import io.perpetua.server.auth.AuthViews.RecoveryCodes;
import io.perpetua.server.auth.AuthViews.TokenView;
import io.perpetua.server.auth.AuthViews.TotpSetupView;
import io.perpetua.server.auth.AuthViews.UserView;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.RateLimiter;
import io.perpetua.server.http.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Accounts, {@code /api/v1/auth}: register with an invite, log in, refresh, log out (public, and
 * limited per client IP: {@link #LOGIN_PER_MINUTE} a minute), who am I, and TOTP set-up (any role).
 * Logins, failed logins and registrations are audited. Thread-safe.
 */
public final class AuthRoutes implements RouteGroup {
  /** Login, register and refresh attempts per client IP per minute (bursts of the same). */
  public static final int LOGIN_PER_MINUTE = 10;

  private static final String TAG = "Accounts";
  private static final String BASE = "/api/v1/auth";

  private final Supplier<AuthServices> services;
  private final Clock clock;
  private final RateLimiter perIp;

  /** The routes over the services {@code services} supplies (null until the database is open). */
  public AuthRoutes(Supplier<AuthServices> services, Clock clock) {
    this(services, clock, LOGIN_PER_MINUTE);
  }

  /**
   * The routes with {@code loginsPerMinute} login, register and refresh attempts per client IP (0:
   * no limit, for tests that fuzz the endpoints).
   */
  public AuthRoutes(Supplier<AuthServices> services, Clock clock, int loginsPerMinute) {
    this.services = Objects.requireNonNull(services, "services");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.perIp =
        loginsPerMinute <= 0
            ? null
            : new RateLimiter(loginsPerMinute / 60.0, loginsPerMinute, clock);
  }

  private Accounts accounts() {
    return AuthServices.ready(services).accounts();
  }

  private AuditRecorder audit() {
    return AuthServices.ready(services).audit();
  }

  private TotpEnrollment totp() {
    return new TotpEnrollment(accounts().users(), clock);
  }

  @Override
  public List<Route> routes() {
    List<Route> all = new ArrayList<>(publicRoutes());
    all.addAll(accountRoutes());
    return all;
  }

  private List<Route> publicRoutes() {
    return List.of(
        Route.post(BASE + "/register")
            .tag(TAG)
            .summary("Register with an invite code")
            .description("Creates an account with the invite's role. No login: call /login next.")
            .publicAccess()
            .body(
                RegisterBody.class,
                "{\"invite_code\": \"inv_0123\", \"username\": \"alice\","
                    + " \"password\": \"a long passphrase\"}")
            .errors(ApiError.INVALID_INVITE, ApiError.USER_EXISTS, ApiError.RATE_LIMITED)
            .successStatus(201)
            .response(UserView.class, null)
            .handle(this::register),
        Route.post(BASE + "/login")
            .tag(TAG)
            .summary("Log in")
            .description(
                "Password, plus totp_code when the account has TOTP. Five failures lock the"
                    + " account for 15 minutes (403/40111).")
            .publicAccess()
            .body(LoginBody.class, "{\"username\": \"alice\", \"password\": \"a long passphrase\"}")
            .errors(
                ApiError.BAD_CREDENTIALS,
                ApiError.ACCOUNT_LOCKED,
                ApiError.TOTP_REQUIRED,
                ApiError.ACCOUNT_BANNED,
                ApiError.RATE_LIMITED)
            .response(TokenView.class, null)
            .handle(this::login),
        Route.post(BASE + "/refresh")
            .tag(TAG)
            .summary("Exchange a refresh token")
            .description(
                "Returns a new pair; the old refresh token is spent. Presenting a spent token"
                    + " again revokes every token of that login (401/40114).")
            .publicAccess()
            .body(RefreshBody.class, "{\"refresh_token\": \"rt_...\"}")
            .errors(
                ApiError.INVALID_TOKEN,
                ApiError.TOKEN_EXPIRED,
                ApiError.REFRESH_TOKEN_REUSED,
                ApiError.ACCOUNT_BANNED,
                ApiError.RATE_LIMITED)
            .response(TokenView.class, null)
            .handle(this::refresh),
        Route.post(BASE + "/logout")
            .tag(TAG)
            .summary("Log out")
            .description("Revokes the refresh token's login (its access tokens stop working).")
            .publicAccess()
            .body(RefreshBody.class, "{\"refresh_token\": \"rt_...\"}")
            .response(LoggedOut.class, "{\"logged_out\": true}")
            .handle(this::logout));
  }

  private List<Route> accountRoutes() {
    return List.of(
        Route.get(BASE + "/me")
            .tag(TAG)
            .summary("Who am I")
            .description("The caller's account (for the static tokens: their name and role).")
            .response(UserView.class, null)
            .handle(this::me),
        Route.post(BASE + "/totp/setup")
            .tag(TAG)
            .summary("Start TOTP set-up")
            .description("A new secret for an authenticator app; enforced after /totp/confirm.")
            .role(Role.VIEWER)
            .errors(ApiError.NOT_FOUND, ApiError.ALREADY_DECIDED)
            .response(TotpSetupView.class, null)
            .handle(this::totpSetup),
        Route.post(BASE + "/totp/confirm")
            .tag(TAG)
            .summary("Enable TOTP")
            .description("Checks a first code; returns ten one-time recovery codes (shown once).")
            .role(Role.VIEWER)
            .body(TotpConfirmBody.class, "{\"code\": \"123456\"}")
            .errors(ApiError.NOT_FOUND, ApiError.ALREADY_DECIDED, ApiError.TOTP_REQUIRED)
            .response(RecoveryCodes.class, null)
            .handle(this::totpConfirm));
  }

  private void throttle(ApiRequest request) {
    if (perIp != null && !perIp.tryAcquire(request.clientIp())) {
      throw new ApiException(
          ApiError.RATE_LIMITED, "Too many login attempts from this address; retry in a minute");
    }
  }

  private UserView register(ApiRequest request) {
    throttle(request);
    RegisterBody body = request.body(RegisterBody.class);
    User user =
        AuthErrors.call(
            () -> accounts().register(body.inviteCode(), body.username(), body.password()));
    UserView view = UserView.of(user, now());
    audit()
        .record(
            user.username(),
            request,
            "user.register",
            "users",
            user.username(),
            null,
            view,
            "registered with an invite");
    return view;
  }

  private TokenView login(ApiRequest request) {
    throttle(request);
    LoginBody body = request.body(LoginBody.class);
    try {
      TokenView view =
          TokenView.of(accounts().login(body.username(), body.password(), body.totpCode()));
      audit()
          .record(
              body.username(),
              request,
              "auth.login",
              "users",
              body.username(),
              null,
              null,
              "ok from " + request.clientIp());
      return view;
    } catch (AuthException e) {
      if (User.isValidUsername(body.username())) {
        audit()
            .record(
                body.username(),
                request,
                "auth.login_failed",
                "users",
                body.username(),
                null,
                null,
                e.reason().name().toLowerCase(java.util.Locale.ROOT)
                    + " from "
                    + request.clientIp());
      }
      throw AuthErrors.of(e);
    }
  }

  private TokenView refresh(ApiRequest request) {
    throttle(request);
    RefreshBody body = request.body(RefreshBody.class);
    return TokenView.of(AuthErrors.call(() -> accounts().refresh(body.refreshToken())));
  }

  private LoggedOut logout(ApiRequest request) {
    accounts().logout(request.body(RefreshBody.class).refreshToken());
    return new LoggedOut(true);
  }

  private UserView me(ApiRequest request) {
    Principal p = request.principal();
    if (!p.credential().startsWith("jwt:")) {
      return new UserView(p.subject(), p.role().code(), "active", false, null, null);
    }
    return accounts()
        .users()
        .find(p.subject())
        .map(u -> UserView.of(u, now()))
        .orElseGet(() -> new UserView(p.subject(), p.role().code(), "active", false, null, null));
  }

  private TotpSetupView totpSetup(ApiRequest request) {
    TotpEnrollment.Setup setup = AuthErrors.call(() -> totp().begin(request.principal().subject()));
    audit()
        .record(request, "auth.totp_setup", "users", request.principal().subject(), null, null, "");
    return new TotpSetupView(setup.secret(), setup.otpauthUri());
  }

  private RecoveryCodes totpConfirm(ApiRequest request) {
    String code = request.body(TotpConfirmBody.class).code();
    List<String> codes = AuthErrors.call(() -> totp().confirm(request.principal().subject(), code));
    audit()
        .record(
            request, "auth.totp_enabled", "users", request.principal().subject(), null, null, "");
    return new RecoveryCodes(codes);
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.nowMillis());
  }
}
