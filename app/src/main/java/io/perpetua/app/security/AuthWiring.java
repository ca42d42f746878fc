package io.perpetua.app.security;

import io.perpetua.auth.account.AccountAdmin;
import io.perpetua.auth.account.AccountPolicy;
import io.perpetua.auth.account.Accounts;
import io.perpetua.auth.account.PasswordHasher;
import io.perpetua.auth.approval.FourEyes;
import io.perpetua.auth.audit.AuditLog;
import io.perpetua.auth.token.JwtCodec;
import io.perpetua.auth.token.SigningKeyFile;
import io.perpetua.core.time.Clock;
import io.perpetua.server.ApiServer;
import io.perpetua.server.auth.AccountAdminRoutes;
import io.perpetua.server.auth.ApprovalRoutes;
import io.perpetua.server.auth.AuditRecorder;
import io.perpetua.server.auth.AuditRoutes;
import io.perpetua.server.auth.AuthRoutes;
import io.perpetua.server.auth.AuthServices;
import io.perpetua.server.http.RateLimiter;
import io.perpetua.server.http.RateLimits;
import io.perpetua.server.v1.LifecycleRoutes;
import io.perpetua.server.v1.RiskRoutes;
import io.perpetua.server.v1.StrategyRoutes;
import io.perpetua.store.audit.AuditingTradingJournal;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcApprovalStore;
import io.perpetua.store.jdbc.JdbcAuditLog;
import io.perpetua.store.jdbc.JdbcInviteStore;
import io.perpetua.store.jdbc.JdbcRefreshTokenStore;
import io.perpetua.store.jdbc.JdbcUserStore;
import io.perpetua.trading.lifecycle.LifecycleService;
import io.perpetua.trading.port.TradingJournal;
import io.perpetua.trading.registry.StrategyRegistry;
import io.perpetua.trading.risk.RiskEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The platform's accounts, four-eyes and audit log, wired: routes and the user-token authenticator
 * on the API server at construction, the JDBC stores once the database is open ({@link #open});
 * until then the account routes answer 503 and only the static tokens work. Settings from the
 * environment: {@code PERPETUA_FOUR_EYES} ({@code on} by default; {@code off} lets one admin lift
 * an emergency stop alone), {@code PERPETUA_RATE_LIMIT_PER_IP} and {@code
 * PERPETUA_RATE_LIMIT_PER_USER} (requests per second, default 100 and 50), {@code
 * PERPETUA_LOGIN_RATE_PER_MINUTE} (per IP, default 10); {@code 0} turns a limit off. Thread-safe.
 */
public final class AuthWiring {
  private final Path dataDir;
  private final Map<String, String> env;
  private final Clock clock;
  private final boolean fourEyes;
  private volatile AuthServices services;

  /** Wiring for {@code dataDir} with settings from {@code env}. */
  public AuthWiring(Path dataDir, Map<String, String> env, Clock clock) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    this.env = Objects.requireNonNull(env, "env");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.fourEyes = !"off".equalsIgnoreCase(env.getOrDefault("PERPETUA_FOUR_EYES", "on").strip());
  }

  /** Whether lifting an emergency stop needs a second approver. */
  public boolean fourEyes() {
    return fourEyes;
  }

  /** Adds the account, admin, four-eyes and audit routes, user tokens and rate limits. */
  public void addTo(ApiServer server) {
    Supplier<AuthServices> supplier = () -> services;
    server.withAccounts(AuthServices.authenticator(supplier));
    server.withRateLimits(
        new RateLimits(
            limiter("PERPETUA_RATE_LIMIT_PER_IP", 100),
            limiter("PERPETUA_RATE_LIMIT_PER_USER", 50)));
    server.addRoutes(
        new AuthRoutes(
            supplier, clock, whole("PERPETUA_LOGIN_RATE_PER_MINUTE", AuthRoutes.LOGIN_PER_MINUTE)));
    server.addRoutes(new AccountAdminRoutes(supplier, clock));
    server.addRoutes(new ApprovalRoutes(supplier));
    server.addRoutes(new AuditRoutes(supplier));
  }

  private RateLimiter limiter(String name, int defaultPerSecond) {
    int perSecond = whole(name, defaultPerSecond);
    return perSecond == 0 ? null : new RateLimiter(perSecond, perSecond * 10, clock);
  }

  private int whole(String name, int defaultValue) {
    String raw = env.getOrDefault(name, Integer.toString(defaultValue)).strip();
    int value;
    try {
      value = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0");
    }
    return value;
  }

  /** The risk routes, with four-eyes on lifting the emergency stop unless turned off. */
  public RiskRoutes riskRoutes(RiskRoutes routes) {
    if (!fourEyes) {
      return routes;
    }
    return routes.withResumeApproval(
        (request, reason, operator) ->
            AuthServicesAccess.request(
                services,
                request,
                ResumeAction.NAME,
                ResumeAction.payload(reason, operator),
                reason));
  }

  /**
   * How per-symbol risk limit changes are decided: a four-eyes request a second admin approves, or
   * (with {@code PERPETUA_FOUR_EYES=off}) none: the change applies at once.
   */
  public io.perpetua.server.v1.RiskLimitRoutes.LimitApproval riskLimitApproval() {
    if (!fourEyes) {
      return null;
    }
    return (request, change) ->
        AuthServicesAccess.request(
            services,
            request,
            RiskLimitAction.NAME,
            RiskLimitAction.payload(change, request.principal().subject()),
            change.reason());
  }

  /** Opens the stores in {@code database}; registers the four-eyes actions. */
  public void open(Database database, Supplier<RiskEngine> risk) {
    AuditLog audit = new JdbcAuditLog(database);
    JdbcUserStore users = new JdbcUserStore(database);
    JdbcInviteStore invites = new JdbcInviteStore(database);
    JdbcRefreshTokenStore tokens = new JdbcRefreshTokenStore(database);
    Accounts accounts =
        new Accounts(
            users,
            invites,
            tokens,
            PasswordHasher.DEFAULT,
            new JwtCodec(SigningKeyFile.resolve(dataDir, env)),
            clock,
            AccountPolicy.DEFAULT);
    FourEyes approvals = new FourEyes(new JdbcApprovalStore(database), audit, clock);
    approvals.register(new ResumeAction(risk));
    approvals.register(new RiskLimitAction(risk, clock::nowMillis));
    services =
        new AuthServices(
            accounts,
            new AccountAdmin(users, invites, tokens, clock),
            approvals,
            new AuditRecorder(audit, clock));
  }

  /**
   * Registers four-eyes on strategy change requests (after {@link #open}): the action that approves
   * them, and the registry's view of rejected requests.
   */
  public void openStrategyChanges(Supplier<StrategyRegistry> registry) {
    AuthServices s = services;
    s.fourEyes().register(new StrategyChangeAction(registry));
    StrategyRegistry r = registry.get();
    if (r != null) {
      r.useApprovalStatus(
          id -> {
            try {
              return s.fourEyes().find(id).status();
            } catch (io.perpetua.auth.AuthException e) {
              return null;
            }
          });
    }
  }

  /**
   * How strategy change requests are decided: a four-eyes request a second person approves, or
   * (with {@code PERPETUA_FOUR_EYES=off}) none: the requester's change is approved at once.
   */
  public StrategyRoutes.ChangeApproval strategyChangeApproval() {
    return (request, change) ->
        fourEyes
            ? AuthServicesAccess.request(
                services,
                request,
                StrategyChangeAction.NAME,
                StrategyChangeAction.payload(change),
                change.reason())
            : null;
  }

  /** The audit log, null until {@link #open}. */
  public AuditLog auditLog() {
    AuthServices s = services;
    return s == null ? null : s.audit().log();
  }

  /**
   * Opens the strategy lifecycle (after {@link #open}): four-eyes on promotions to prod, every
   * committed transition to the audit log, and the parameters in force reconciled with each
   * strategy's stable version.
   */
  public LifecycleService openLifecycle(LifecycleService lifecycle) {
    AuthServices s = services;
    s.fourEyes().register(new StrategyPromotionAction(() -> lifecycle));
    lifecycle.useListener(new LifecycleAudit(s.audit().log()));
    lifecycle.reconcile();
    return lifecycle;
  }

  /**
   * How a candidate's move to prod is approved: a four-eyes request a second person approves, or
   * (with {@code PERPETUA_FOUR_EYES=off}) none: the requester's promotion is carried out at once.
   */
  public LifecycleRoutes.ProdApproval lifecycleApproval() {
    return (request, strategy, version, reason) ->
        fourEyes
            ? AuthServicesAccess.request(
                services,
                request,
                StrategyPromotionAction.NAME,
                StrategyPromotionAction.payload(strategy, version),
                reason)
            : null;
  }

  /** {@code journal}, also recording the kernel's decisions to the audit log once it is open. */
  public TradingJournal audited(TradingJournal journal) {
    AuthServices s = services;
    return s == null ? journal : AuditingTradingJournal.of(journal, s.audit().log());
  }

  /** Registers four-eyes on hot-coin approvals (after {@link #open}). */
  public void openHotlist(Supplier<io.perpetua.signals.hotlist.HotlistService> hotlist) {
    services.fourEyes().register(new HotlistApproveAction(hotlist));
  }

  /**
   * How hot-coin approvals are decided: a four-eyes request a second admin approves, or (with
   * {@code PERPETUA_FOUR_EYES=off}) none: the approval applies at once.
   */
  public io.perpetua.server.v1.HotlistRoutes.Approval hotlistApproval() {
    if (!fourEyes) {
      return null;
    }
    return (request, ts, symbol, reason) ->
        AuthServicesAccess.request(
            services,
            request,
            HotlistApproveAction.NAME,
            HotlistApproveAction.payload(ts, symbol, reason, request.principal().subject()),
            reason);
  }

  /** Registers four-eyes on resetting a halted carry (after {@link #open}). */
  public void openCarries(Supplier<List<io.perpetua.trading.carry.CarryInstance>> carries) {
    services.fourEyes().register(new CarryResetAction(carries));
  }

  /**
   * How a halted carry's reset is decided: a four-eyes request a second admin approves, or (with
   * {@code PERPETUA_FOUR_EYES=off}) none: the reset applies at once.
   */
  public io.perpetua.server.v1.CarryRoutes.ResetApproval carryResetApproval() {
    if (!fourEyes) {
      return null;
    }
    return (request, carry) ->
        AuthServicesAccess.request(
            services,
            request,
            CarryResetAction.NAME,
            CarryResetAction.payload(carry, request.principal().subject()),
            "reset of halted carry " + carry);
  }
}
