package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.auth.Role;
import io.perpetua.auth.token.JwtCodec;
import io.perpetua.server.http.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The auth matrix, generated from the route table: every route × {no token, expired token, wrong
 * signature, viewer, trader, admin} (each role both as a user's JWT and, for viewer and admin, as
 * the static token) gets the status and code its role allows. The expected least role of every
 * route is written out below, independently of the route declarations: a route whose role check is
 * changed (or a new route left undeclared here) fails the test.
 */
class AuthMatrixTest {
  /** The least role of every bearer route; "public" and "signed" routes take no bearer token. */
  private static final Map<String, String> EXPECTED = new TreeMap<>();

  static {
    for (String r :
        List.of(
            "GET /api/v1/health public",
            "GET /api/v1/health/pipeline public",
            "GET /api/v1/portfolio/target-positions viewer",
            "GET /api/v1/orders/rebalance-history viewer",
            "GET /api/v1/orders/trades viewer",
            "GET /api/v1/account/balance viewer",
            "GET /api/v1/account/positions viewer",
            "GET /api/v1/account/open-orders viewer",
            "GET /api/v1/signals/latest viewer",
            "GET /api/v1/asset-pool/list viewer",
            "GET /api/v1/asset-pool/{pool_name}/symbols viewer",
            "POST /api/v1/auth/register public",
            "POST /api/v1/auth/login public",
            "POST /api/v1/auth/refresh public",
            "POST /api/v1/auth/logout public",
            "GET /api/v1/auth/me viewer",
            "POST /api/v1/auth/totp/setup viewer",
            "POST /api/v1/auth/totp/confirm viewer",
            "POST /api/v1/admin/invites admin",
            "GET /api/v1/admin/invites admin",
            "POST /api/v1/admin/invites/{code}/disable admin",
            "GET /api/v1/admin/users admin",
            "POST /api/v1/admin/users/{username}/ban admin",
            "POST /api/v1/admin/users/{username}/unban admin",
            "POST /api/v1/approvals trader",
            "GET /api/v1/approvals viewer",
            "GET /api/v1/approvals/{request_id} viewer",
            "POST /api/v1/approvals/{request_id}/approve trader",
            "POST /api/v1/approvals/{request_id}/reject trader",
            "GET /api/v1/audit admin",
            "GET /api/v1/audit/verify admin",
            "GET /api/v1/audit/decisions/{order_id} viewer",
            "GET /api/v1/risk/status viewer",
            "GET /api/v1/risk/alerts viewer",
            "GET /api/v1/risk/config viewer",
            "POST /api/v1/system/emergency-stop admin",
            "POST /api/v1/system/resume admin",
            "POST /api/v1/risk/symbols/disable admin",
            "POST /api/v1/risk/symbols/enable admin",
            "GET /api/v1/risk/limits viewer",
            "POST /api/v1/risk/limits admin",
            "GET /api/v1/orders/history viewer",
            "POST /api/v1/admin/api-keys admin",
            "GET /api/v1/admin/api-keys admin",
            "POST /api/v1/admin/api-keys/{key_id}/revoke admin",
            "GET /api/v1/strategies/{id}/versions viewer",
            "POST /api/v1/strategies/{id}/versions trader",
            "POST /api/v1/strategies/{id}/promote trader",
            "POST /api/v1/strategies/{id}/rollback trader",
            "POST /api/v1/strategies/{id}/evaluate trader",
            "GET /api/v1/hotlist viewer",
            "POST /api/v1/hotlist/scan trader",
            "POST /api/v1/hotlist/approve admin",
            "POST /api/v1/hotlist/reject admin",
            "GET /api/v1/hotlist/whitelist viewer",
            "POST /api/v1/flow/evolution/run admin")) {
      int last = r.lastIndexOf(' ');
      EXPECTED.put(r.substring(0, last), r.substring(last + 1));
    }
  }

  private static AuthHarness api;
  private static Map<String, String> tokens;

  @BeforeAll
  static void start() {
    api = new AuthHarness(0);
    tokens = new LinkedHashMap<>();
    tokens.put("viewer", api.userToken("vera", Role.VIEWER));
    tokens.put("trader", api.userToken("tom", Role.TRADER));
    tokens.put("admin", api.userToken("ada", Role.ADMIN));
    tokens.put("static-viewer", AuthHarness.VIEWER);
    tokens.put("static-admin", AuthHarness.TOKEN);
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", "ada");
    claims.put("role", "admin");
    claims.put("fam", "f");
    claims.put("jti", "j");
    claims.put("exp", Fixtures.NOW / 1000 - 1);
    tokens.put("expired", new JwtCodec(AuthHarness.KEY).sign(claims));
    claims.put("exp", Fixtures.NOW / 1000 + 3600);
    byte[] other = new byte[32];
    other[31] = 9;
    tokens.put("wrong-signature", new JwtCodec(other).sign(claims));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void everyRoute_everyCredential_getsWhatItsRoleAllows() {
    List<String> failures = new ArrayList<>();
    List<Route> routes = api.server.routeTable().routes();
    for (Route route : routes) {
      String key = route.method() + " " + route.path();
      String expected = EXPECTED.get(key);
      if (expected == null) {
        failures.add(key + ": not in the expected matrix; declare its role here");
        continue;
      }
      String path = route.path().replaceAll("\\{[a-z_]+}", "x");
      String method = route.method().name();
      check(failures, key, "none", method, path, null, expected.equals("public") ? 0 : 40101);
      for (Map.Entry<String, String> t : tokens.entrySet()) {
        int want = expectedCode(expected, t.getKey());
        check(failures, key, t.getKey(), method, path, t.getValue(), want);
      }
    }
    assertThat(routes.stream().map(r -> r.method() + " " + r.path()).toList())
        .as("routes in the matrix but not in the table")
        .containsAll(EXPECTED.keySet());
    assertThat(failures).isEmpty();
    assertThat(routes).hasSizeGreaterThanOrEqualTo(40);
  }

  /** 0: any answer but 401/403; otherwise the error code. */
  private static int expectedCode(String least, String credential) {
    if (least.equals("public")) {
      return 0;
    }
    return switch (credential) {
      case "expired" -> 40109;
      case "wrong-signature" -> 40102;
      default -> {
        Role have = Role.parse(credential.replace("static-", ""));
        yield have.includes(Role.parse(least)) ? 0 : 40108;
      }
    };
  }

  private static void check(
      List<String> failures,
      String key,
      String who,
      String method,
      String path,
      String token,
      int want) {
    TestServer.Response r = api.call(method, path, token, null);
    int status = r.status();
    if (want == 0) {
      if (status == 401 || status == 403 || status >= 500 && status != 503) {
        failures.add(key + " as " + who + ": expected access, got " + status + " " + r.body());
      }
      return;
    }
    int code = r.bytes().length == 0 ? -1 : r.code();
    int wantStatus = want == 40108 ? 403 : 401;
    if (status != wantStatus || code != want) {
      failures.add(
          key
              + " as "
              + who
              + ": expected "
              + wantStatus
              + "/"
              + want
              + ", got "
              + status
              + "/"
              + code);
    }
  }
}
