package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.auth.Role;
import io.perpetua.auth.audit.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Accounts, four-eyes and the audit log over HTTP, and the auth endpoints under hostile input. */
class AccountsApiTest {
  private AuthHarness api;

  @BeforeEach
  void start() {
    api = new AuthHarness(0);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private String body(String json) {
    return json.replace('\'', '"');
  }

  @Test
  void invite_register_login_refresh_andReuseRevokesTheFamily() {
    String admin = api.userToken("ada", Role.ADMIN);
    JsonNode invite =
        api.ok(api.call("POST", "/api/v1/admin/invites", admin, body("{'role':'trader'}")));
    String code = invite.get("code").asText();
    assertThat(invite.get("status").asText()).isEqualTo("active");
    TestServer.Response registered =
        api.call(
            "POST",
            "/api/v1/auth/register",
            null,
            body(
                "{'invite_code':'"
                    + code
                    + "','username':'tom','password':'"
                    + AuthHarness.PASSWORD
                    + "'}"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    assertThat(registered.data().get("role").asText()).isEqualTo("trader");
    assertThat(registered.body()).doesNotContain("argon2").doesNotContain(AuthHarness.PASSWORD);
    TestServer.Response again =
        api.call(
            "POST",
            "/api/v1/auth/register",
            null,
            body(
                "{'invite_code':'"
                    + code
                    + "','username':'tim','password':'"
                    + AuthHarness.PASSWORD
                    + "'}"));
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.code()).isEqualTo(40115);

    loginRefreshAndReuse();
  }

  private void loginRefreshAndReuse() {
    JsonNode login =
        api.ok(
            api.call(
                "POST",
                "/api/v1/auth/login",
                null,
                body("{'username':'tom','password':'" + AuthHarness.PASSWORD + "'}")));
    String access = login.get("access_token").asText();
    String refresh = login.get("refresh_token").asText();
    assertThat(api.ok(api.call("GET", "/api/v1/auth/me", access, null)).get("username").asText())
        .isEqualTo("tom");
    JsonNode rotated =
        api.ok(
            api.call(
                "POST", "/api/v1/auth/refresh", null, body("{'refresh_token':'" + refresh + "'}")));
    TestServer.Response reuse =
        api.call("POST", "/api/v1/auth/refresh", null, body("{'refresh_token':'" + refresh + "'}"));
    assertThat(reuse.status()).isEqualTo(401);
    assertThat(reuse.code()).isEqualTo(40114);
    TestServer.Response dead =
        api.call("GET", "/api/v1/auth/me", rotated.get("access_token").asText(), null);
    assertThat(dead.code()).isEqualTo(40102);

    TestServer.Response wrong =
        api.call(
            "POST",
            "/api/v1/auth/login",
            null,
            body("{'username':'tom','password':'not the password'}"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.code()).isEqualTo(40110);
    List<String> actions = new ArrayList<>();
    api.audit.scan(e -> actions.add(e.event().actor() + " " + e.event().action()));
    assertThat(actions)
        .contains(
            "ada invite.create", "tom user.register", "tom auth.login", "tom auth.login_failed");
  }

  @Test
  void fourEyes_overHttp_requesterCannotApprove_secondAdminCan_bothRecorded() {
    String alice = api.userToken("alice", Role.ADMIN);
    String bob = api.userToken("bob", Role.ADMIN);
    JsonNode request =
        api.ok(
            api.call(
                "POST",
                "/api/v1/approvals",
                alice,
                body("{'action':'test.limit','payload':{'max':5},'reason':'more room'}")));
    String id = request.get("request_id").asText();
    assertThat(request.get("status").asText()).isEqualTo("pending");
    TestServer.Response self =
        api.call(
            "POST", "/api/v1/approvals/" + id + "/approve", alice, body("{'reason':'trust me'}"));
    assertThat(self.status()).isEqualTo(403);
    assertThat(self.code()).isEqualTo(40116);
    assertThat(api.limit.get()).isEqualTo("{\"max\":3}");
    JsonNode done =
        api.ok(
            api.call(
                "POST", "/api/v1/approvals/" + id + "/approve", bob, body("{'reason':'checked'}")));
    assertThat(done.get("status").asText()).isEqualTo("executed");
    assertThat(done.get("requester").asText()).isEqualTo("alice");
    assertThat(done.get("decider").asText()).isEqualTo("bob");
    assertThat(api.limit.get()).isEqualTo("{\"max\":5}");
    TestServer.Response twice =
        api.call("POST", "/api/v1/approvals/" + id + "/approve", bob, body("{'reason':'again'}"));
    assertThat(twice.code()).isEqualTo(40021);
    auditShowsBoth(alice, bob);
  }

  private void auditShowsBoth(String alice, String bob) {
    JsonNode log = api.ok(api.call("GET", "/api/v1/audit?entity=approvals", alice, null));
    assertThat(log.get("entries")).hasSize(2);
    assertThat(log.get("entries").get(0).get("actor").asText()).isEqualTo("alice");
    assertThat(log.get("entries").get(1).get("actor").asText()).isEqualTo("bob");
    JsonNode csv = api.ok(api.call("GET", "/api/v1/audit?entity=approvals&format=csv", bob, null));
    assertThat(csv.get("csv").asText()).startsWith("seq,at,actor").contains("\"bob\"");
    assertThat(api.ok(api.call("GET", "/api/v1/audit/verify", bob, null)).get("ok").asBoolean())
        .isTrue();
  }

  @Test
  void decisionReplay_showsTheRebalanceThenTheOrderThenItsFills() {
    Instant t = Instant.ofEpochMilli(Fixtures.NOW);
    api.audit.append(
        new AuditEvent(
            t,
            "system:kernel",
            "rebalance.completed",
            "rebalances",
            "rb-9",
            null,
            "{\"trigger\":\"cron\"}",
            "cron",
            ""));
    appendDecision(t.plusMillis(1));
    api.audit.append(
        new AuditEvent(
            t.plusMillis(1),
            "system:kernel",
            "order.pending",
            "orders",
            "o-9",
            null,
            "{\"rebalance_id\":\"rb-9\"}",
            "",
            ""));
    api.audit.append(
        new AuditEvent(
            t.plusMillis(2),
            "system:kernel",
            "order.fill",
            "orders",
            "o-9",
            null,
            "{\"price\":\"1\"}",
            "",
            ""));
    String viewer = api.userToken("vera", Role.VIEWER);
    JsonNode replay = api.ok(api.call("GET", "/api/v1/audit/decisions/o-9", viewer, null));
    assertThat(replay.get("rebalance_id").asText()).isEqualTo("rb-9");
    List<String> stages = new ArrayList<>();
    replay.get("steps").forEach(s -> stages.add(s.get("stage").asText()));
    assertThat(stages).containsExactly("decision", "signal", "order", "fill");
    assertDecision(replay);
    assertThat(api.call("GET", "/api/v1/audit/decisions/nope", viewer, null).code())
        .isEqualTo(40401);
  }

  /** The kernel's {@code order.decided} entry of o-9: its signal, features and a rule's reading. */
  private void appendDecision(Instant at) {
    api.audit.append(
        new AuditEvent(
            at,
            "system:kernel",
            "order.decided",
            "orders",
            "o-9",
            null,
            "{\"signals\":[{\"strategy\":\"mom\",\"signal\":\"1.5\",\"target_weight\":\"0.1\","
                + "\"features\":{\"ret_7d\":\"0.02\",\"vol_30d\":null}}],"
                + "\"checks\":[{\"rule\":\"max_position_pct\",\"value\":\"100\","
                + "\"threshold\":\"150\",\"passed\":true}]}",
            "",
            ""));
  }

  private static void assertDecision(JsonNode replay) {
    JsonNode signal = replay.get("signals").get(0);
    assertThat(signal.get("strategy").asText()).isEqualTo("mom");
    assertThat(signal.get("features").get("ret_7d").asText()).isEqualTo("0.02");
    assertThat(signal.get("features").get("vol_30d").isNull()).isTrue();
    JsonNode check = replay.get("checks").get(0);
    assertThat(check.get("rule").asText()).isEqualTo("max_position_pct");
    assertThat(check.get("value").asText()).isEqualTo("100");
    assertThat(check.get("threshold").asText()).isEqualTo("150");
    assertThat(check.get("passed").asBoolean()).isTrue();
  }

  @Test
  void authEndpoints_underHostileInput_answer4xx_neverEchoingSecrets() {
    String[] values = {
      "",
      " ",
      "a",
      "x".repeat(10_000),
      "é☃\uD83D\uDE00",
      "' OR '1'='1",
      "admin'--",
      "\\u0000",
      "null",
      "<script>",
      "../../etc/passwd",
      "%00",
      "Robert'); DROP TABLE users;--"
    };
    String[] templates = {
      "/api/v1/auth/login {'username':%s,'password':%s}",
      "/api/v1/auth/login {'username':'ada','password':%s,'totp_code':%s}",
      "/api/v1/auth/register {'invite_code':%s,'username':%s,'password':'"
          + AuthHarness.PASSWORD
          + "'}",
      "/api/v1/auth/register {'invite_code':'inv_x','username':'ok_name','password':%s%s}",
      "/api/v1/auth/refresh {'refresh_token':%s%s}",
      "/api/v1/auth/logout {'refresh_token':%s%s}"
    };
    api.userToken("ada", Role.ADMIN);
    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (String template : templates) {
      int space = template.indexOf(' ');
      String path = template.substring(0, space);
      for (String a : values) {
        for (String b : new String[] {"", values[3], values[5], "1", "null", "[]"}) {
          String json =
              String.format(
                  template.substring(space + 1).replace('\'', '"'),
                  quoted(a),
                  b.isEmpty() || b.equals("1") || b.equals("null") || b.equals("[]")
                      ? (template.endsWith("%s%s}") ? "" : (b.isEmpty() ? "\"\"" : b))
                      : quoted(b));
          TestServer.Response r = api.call("POST", path, null, json);
          sent++;
          if (r.status() < 400 || r.status() >= 500) {
            failures.add(path + " " + cut(json) + " -> " + r.status() + " " + cut(r.body()));
          } else if (r.body().contains("Exception")
              || r.body().contains("at io.perpetua")
              || r.body().contains(AuthHarness.PASSWORD)) {
            failures.add(path + " leaked: " + cut(r.body()));
          }
        }
      }
      sent += rawBodies(path, failures);
    }
    assertThat(failures).isEmpty();
    assertThat(sent).isGreaterThan(400);
  }

  private int rawBodies(String path, List<String> failures) {
    int sent = 0;
    for (String raw : new String[] {"", "{", "[]", "null", "{\"username\":1}", "\"x\""}) {
      TestServer.Response r = api.call("POST", path, null, raw);
      sent++;
      if (r.status() < 400 || r.status() >= 500) {
        failures.add(path + " " + raw + " -> " + r.status());
      }
    }
    return sent;
  }

  private static String quoted(String v) {
    return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String cut(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }
}
