package io.perpetua.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.auth.Role;
import io.perpetua.auth.account.AccountAdmin;
import io.perpetua.auth.account.AccountPolicy;
import io.perpetua.auth.account.Accounts;
import io.perpetua.auth.account.InMemoryInviteStore;
import io.perpetua.auth.account.InMemoryUserStore;
import io.perpetua.auth.account.PasswordHasher;
import io.perpetua.auth.approval.ApprovalAction;
import io.perpetua.auth.approval.FourEyes;
import io.perpetua.auth.approval.InMemoryApprovalStore;
import io.perpetua.auth.audit.InMemoryAuditLog;
import io.perpetua.auth.token.InMemoryRefreshTokenStore;
import io.perpetua.auth.token.JwtCodec;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.time.ManualClock;
import io.perpetua.server.auth.AccountAdminRoutes;
import io.perpetua.server.auth.ApprovalRoutes;
import io.perpetua.server.auth.AuditRecorder;
import io.perpetua.server.auth.AuditRoutes;
import io.perpetua.server.auth.AuthRoutes;
import io.perpetua.server.auth.AuthServices;
import io.perpetua.server.jobs.ApiKeyRoutes;
import io.perpetua.server.v1.OrderRoutes;
import io.perpetua.server.v1.RiskRoutes;
import io.perpetua.trading.risk.InMemoryRiskStore;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A server with accounts (in memory, a fast Argon2 cost), the static admin and viewer tokens, the
 * account, admin, four-eyes and audit routes, the risk routes (resume behind four-eyes), orders and
 * API keys; with an HTTP client and helpers to create users and log in.
 */
final class AuthHarness implements AutoCloseable {
  static final String TOKEN = TestServer.TOKEN;
  static final String VIEWER = TestServer.VIEWER;
  static final String PASSWORD = "correct horse battery";
  static final byte[] KEY = new byte[32];

  final ManualClock clock = new ManualClock(Fixtures.NOW);
  final InMemoryAuditLog audit = new InMemoryAuditLog();
  final AtomicReference<String> limit = new AtomicReference<>("{\"max\":3}");
  final Accounts accounts;
  final AccountAdmin admin;
  final ApiServer server;
  final int port;
  private final HttpClient client = HttpClient.newHttpClient();

  AuthHarness(int loginsPerMinute) {
    InMemoryUserStore users = new InMemoryUserStore();
    InMemoryInviteStore invites = new InMemoryInviteStore();
    InMemoryRefreshTokenStore tokens = new InMemoryRefreshTokenStore();
    accounts =
        new Accounts(
            users,
            invites,
            tokens,
            new PasswordHasher(64, 1, 1),
            new JwtCodec(KEY),
            clock,
            AccountPolicy.DEFAULT);
    admin = new AccountAdmin(users, invites, tokens, clock);
    FourEyes fourEyes =
        new FourEyes(new InMemoryApprovalStore(), audit, clock).register(new LimitAction(limit));
    AuthServices services =
        new AuthServices(accounts, admin, fourEyes, new AuditRecorder(audit, clock));
    RiskEngine risk =
        RiskEngine.open(RiskConfig.defaults(), new InMemoryRiskStore(), clock::nowMillis);
    server =
        new ApiServer(Fixtures.populated(), ApiToken.of(TOKEN), clock, TestServer.localConfig())
            .withViewerToken(ApiToken.of(VIEWER))
            .withAccounts(AuthServices.authenticator(() -> services));
    server.addRoutes(new AuthRoutes(() -> services, clock, loginsPerMinute));
    server.addRoutes(new AccountAdminRoutes(() -> services, clock));
    server.addRoutes(new ApprovalRoutes(() -> services));
    server.addRoutes(new AuditRoutes(() -> services));
    server.addRoutes(
        new RiskRoutes(() -> risk, () -> Set.of(InstrumentId.usdtPerp("BTC")))
            .withResumeApproval((r, reason, operator) -> "apr_" + "0".repeat(24)));
    server.addRoutes(
        new io.perpetua.server.v1.RiskLimitRoutes(
            () -> risk,
            () -> Set.of(InstrumentId.usdtPerp("BTC")),
            (r, c) -> "apr_" + "1".repeat(24)));
    server.addRoutes(new OrderRoutes(() -> null));
    server.addRoutes(
        new io.perpetua.server.v1.AssetPoolRoutes(
            java.util.List.of(), new io.perpetua.readmodel.InMemoryPlatformState()));
    server.addRoutes(new ApiKeyRoutes(() -> null));
    server.addRoutes(new io.perpetua.server.v1.LifecycleRoutes(() -> null, (r, s, v, w) -> null));
    server.addRoutes(new io.perpetua.server.v1.HotlistRoutes(() -> null, null));
    server.addRoutes(new io.perpetua.server.v1.flow.FlowEvolutionRoutes(() -> null));
    port = server.start(0);
  }

  /** Creates {@code name} with {@code role} and logs in; returns the access token. */
  String userToken(String name, Role role) {
    if (accounts.users().find(name).isEmpty()) {
      accounts.create(name, PASSWORD, role);
    }
    return accounts.login(name, PASSWORD, null).accessToken();
  }

  TestServer.Response call(String method, String path, String token, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new TestServer.Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode ok(TestServer.Response r) {
    if (r.status() >= 300) {
      throw new AssertionError(r.status() + " " + r.body());
    }
    return r.data();
  }

  @Override
  public void close() {
    server.stop();
  }

  /** A four-eyes action on a value held in memory. */
  record LimitAction(AtomicReference<String> limit) implements ApprovalAction {
    @Override
    public String name() {
      return "test.limit";
    }

    @Override
    public Role role() {
      return Role.ADMIN;
    }

    @Override
    public String check(String payload) {
      return limit.get();
    }

    @Override
    public String execute(String payload, String approver) {
      limit.set(payload);
      return payload;
    }
  }
}
