package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.time.Clock;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.jobs.ApiKeySecrets;
import io.perpetua.server.jobs.ApiKeys;
import io.perpetua.server.jobs.RequestSigning;
import io.perpetua.server.jobs.SignatureVerifier;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.jdbc.JdbcApiKeyStore;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes every operation of {@code /openapi.json} on a real started platform (live mode on the
 * local fake Binance, so the live order-flow routes answer too; real H2 store, both backtest APIs,
 * the order-flow routes): wrong types, nulls, huge and unicode values, bad JSON, odd paths and
 * methods, huge headers and URIs. Every answer must be a non-5xx in its API's error format ({@code
 * /api/v1}: the envelope; {@code /v1}: {@code {error:{…}}}) with a code whose HTTP status is the
 * one sent, and no client input echoed beyond the documented 64 characters. Seeded: the same
 * requests every run.
 */
class ApiFuzzTest {
  private static final long SEED = 21;
  private static final int MAX_ECHO = 64;
  private static final String TOKEN = "fuzz-api-token-0123456789abcdef";
  private static final String MASTER_KEY = "fuzz-api-master-key-0123456789abcdef01";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] ODD_METHODS = {
    "PUT", "PATCH", "DELETE", "TRACE", "OPTIONS", "FOO", "get", "POST", "GET", "HEAD"
  };

  @TempDir Path dataDir;

  private final Random random = new Random(SEED);

  enum Auth {
    BEARER,
    SIGNED,
    NONE
  }

  /** One request; {@code echoed} are the inputs longer than the cut that must not come back. */
  record Case(
      String what,
      String method,
      String target,
      String version,
      String headers,
      byte[] body,
      Auth auth,
      List<String> echoed) {
    Case(
        String what,
        String method,
        String target,
        String headers,
        byte[] body,
        Auth auth,
        List<String> echoed) {
      this(what, method, target, "HTTP/1.1", headers, body, auth, echoed);
    }
  }

  @Test
  void everyOperation_underHostileInput_answersInItsApisFormat_withoutA5xxOrLongEcho()
      throws Exception {
    PerpetuaConfig config =
        ConfigLoader.load(
            null, Map.of("PERPETUA_PORT", "0", "PERPETUA_VENUE_TYPE", "fake-binance"));
    // Rate limits off: the fuzz cases must reach validation, not the 429 of the limiter.
    Map<String, String> env =
        Map.of(
            "PERPETUA_API_TOKEN",
            TOKEN,
            ApiKeySecrets.ENV,
            MASTER_KEY,
            "PERPETUA_RATE_LIMIT_PER_IP",
            "0",
            "PERPETUA_RATE_LIMIT_PER_USER",
            "0",
            "PERPETUA_LOGIN_RATE_PER_MINUTE",
            "0");
    long launched = System.nanoTime();
    try (Platform p = TestPlatforms.start(config, dataDir, env, 1)) {
      RawClient client = new RawClient(p.port());
      awaitReady(client);
      ApiKeys.Issued key;
      try (Database db = Database.open(DatabaseConfig.embedded(dataDir))) {
        key =
            new ApiKeys(new JdbcApiKeyStore(db), ApiKeySecrets.of(MASTER_KEY), Clock.system())
                .create("fuzz");
      }
      JsonNode openApi = JSON.readTree(client.send("GET /openapi.json HTTP/1.1", "", null).body());
      List<Case> cases = cases(openApi);
      List<String> failures = new ArrayList<>();
      long started = System.nanoTime();
      long readyMs = (started - launched) / 1_000_000;
      int operations = 0;
      for (JsonNode path : openApi.get("paths")) {
        operations += path.size();
      }
      for (Case c : cases) {
        RawClient.Response r =
            client.send(
                c.method() + " " + c.target() + " " + c.version(), headers(c, key), c.body());
        String problem = check(c, r);
        if (problem != null) {
          failures.add(c.what() + " -> " + problem);
        }
      }
      long ms = (System.nanoTime() - started) / 1_000_000;
      failures.forEach(f -> System.out.println("FUZZ FAILURE " + f));
      System.out.printf(
          "API fuzz: %d requests over %d operations in %d ms (platform ready in %d ms), %d"
              + " failures%n",
          cases.size(), operations, ms, readyMs, failures.size());
      assertThat(cases).hasSizeGreaterThan(1_000);
      assertThat(failures)
          .as(String.join("\n", failures.subList(0, Math.min(40, failures.size()))))
          .isEmpty();
    }
  }

  private static void awaitReady(RawClient client) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    for (String path :
        List.of(
            "/api/v1/backtest/history",
            "/api/v1/risk/status",
            "/api/v1/orders/history",
            "/api/v1/flow/paper/summary",
            "/api/v1/flow/live/summary")) {
      while (true) {
        RawClient.Response r =
            client.send("GET " + path + " HTTP/1.1", "Authorization: Bearer " + TOKEN, null);
        if (r.status() == 200) {
          break;
        }
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("not ready: " + path + " " + r.status() + " " + r.text());
        }
        Thread.sleep(50);
      }
    }
  }

  private static String headers(Case c, ApiKeys.Issued key) {
    String auth =
        switch (c.auth()) {
          case BEARER -> "Authorization: Bearer " + TOKEN;
          case NONE -> "";
          case SIGNED -> {
            String ts = String.valueOf(System.currentTimeMillis() / 1000);
            String method = c.method().toUpperCase(java.util.Locale.ROOT);
            byte[] body = c.body() == null ? new byte[0] : c.body();
            yield SignatureVerifier.KEY_HEADER
                + ": "
                + key.key().keyId()
                + "\r\n"
                + SignatureVerifier.TIMESTAMP_HEADER
                + ": "
                + ts
                + "\r\n"
                + SignatureVerifier.SIGNATURE_HEADER
                + ": "
                + RequestSigning.sign(key.secret(), ts, method, c.target(), body);
          }
        };
    String extra = c.headers();
    if (auth.isEmpty()) {
      return extra;
    }
    return extra.isEmpty() ? auth : auth + "\r\n" + extra;
  }

  // ---------------------------------------------------------------- checks

  /** Why {@code r} is not an acceptable answer to {@code c}, or null. */
  static String check(Case c, RawClient.Response r) {
    String body = r.text();
    // 505 is how HTTP answers an unknown version in the request line (a client error in all but
    // number): the only 5xx allowed, with its own code (50002)
    if (r.status() >= 500 && !(r.status() == 505 && c.what().startsWith("version "))) {
      return r.status() + " " + cut(body);
    }
    for (String input : c.echoed()) {
      if (body.contains(input.substring(0, MAX_ECHO + 1))) {
        return "echoes " + input.length() + " characters of input beyond the cut: " + cut(body);
      }
    }
    String path = pathOf(c.target());
    boolean head = c.method().equals("HEAD");
    if (head || r.status() == 204 || r.status() == 101) {
      return null;
    }
    boolean docs =
        path.equals("/openapi.json") || path.equals("/docs") || path.startsWith("/docs/");
    if (r.status() < 400 && docs) {
      return null;
    }
    // "/" is the web dashboard's page (issue 19): HTML by design, never the API's JSON
    if (r.status() == 200 && path.equals("/")) {
      return body.startsWith("<!doctype html>")
          ? null
          : "/ is not the dashboard page: " + cut(body);
    }
    JsonNode json;
    try {
      json = JSON.readTree(r.body());
    } catch (IOException e) {
      return r.status() + " not JSON: " + cut(body);
    }
    if (json == null || !json.isObject()) {
      return r.status() + " not a JSON object: " + cut(body);
    }
    boolean v1 = path.equals("/v1") || path.startsWith("/v1/");
    if (v1) {
      if (r.status() < 400) {
        return null;
      }
      JsonNode error = json.get("error");
      if (json.size() != 1
          || error == null
          || !error.path("code").isTextual()
          || !error.path("message").isTextual()) {
        return r.status() + " not the job API's {error:{code,message}}: " + cut(body);
      }
      ApiError e;
      try {
        e = ApiError.valueOf(error.get("code").asText());
      } catch (IllegalArgumentException unknown) {
        return r.status() + " unknown error code: " + cut(body);
      }
      return e.httpStatus() == r.status()
          ? null
          : r.status() + " with code of " + e.httpStatus() + ": " + cut(body);
    }
    if (CONTROL_DIALECT.matcher(path).matches() && !json.has("message")) {
      return controlProblem(r.status(), json, body);
    }
    if (json.size() != 4
        || !json.path("code").isInt()
        || !json.path("message").isTextual()
        || !json.path("timestamp").isTextual()
        || !json.has("data")) {
      return r.status() + " not the envelope: " + cut(body);
    }
    int code = json.get("code").asInt();
    if (r.status() < 400) {
      return code == 0 ? null : r.status() + " with code " + code;
    }
    if (!json.get("data").isNull()) {
      return r.status() + " error with data: " + cut(body);
    }
    for (ApiError e : ApiError.values()) {
      if (e.code() == code) {
        return e.httpStatus() == r.status()
            ? null
            : r.status() + " with code of " + e.httpStatus() + ": " + cut(body);
      }
    }
    return r.status() + " unknown code " + code + ": " + cut(body);
  }

  /** The spec-001 routes (docs/control-plane.md): bare camelCase objects, 001 error bodies. */
  private static final java.util.regex.Pattern CONTROL_DIALECT =
      java.util.regex.Pattern.compile(
          "/api/v1/(delta/control|utilization/rebalance|hedge/execute|account/sync"
              + "|risk/metrics/.*|market-data/.*|system/restart|system/stop|control/accounts)");

  /**
   * A problem with a spec-001 answer, or null: success is any object; an error is {@code
   * {success:false, code:1001..3002, error, apiCode, timestamp}} whose {@code apiCode} has the
   * status sent.
   */
  private static String controlProblem(int status, JsonNode json, String body) {
    if (status < 400) {
      return null;
    }
    int code = json.path("code").asInt();
    if (json.size() != 5
        || json.path("success").asBoolean(true)
        || !List.of(1001, 1002, 1003, 1004, 1005, 2001, 2002, 3001, 3002).contains(code)
        || !json.path("error").isTextual()
        || !json.path("apiCode").isInt()
        || !json.path("timestamp").isIntegralNumber()) {
      return status + " not the 001 error body: " + cut(body);
    }
    for (ApiError e : ApiError.values()) {
      if (e.code() == json.get("apiCode").asInt()) {
        return e.httpStatus() == status ? null : status + " with code of " + e.httpStatus();
      }
    }
    return status + " unknown apiCode: " + cut(body);
  }

  private static String pathOf(String target) {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  private static String cut(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
  }

  // ---------------------------------------------------------------- generators

  private List<Case> cases(JsonNode openApi) {
    List<Case> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        operationCases(
            path.getKey(), op.getKey().toUpperCase(java.util.Locale.ROOT), op.getValue(), out);
      }
    }
    protocolCases(out);
    return out;
  }

  private void operationCases(String template, String method, JsonNode op, List<Case> out) {
    Auth auth = template.startsWith("/v1/") ? Auth.SIGNED : Auth.BEARER;
    List<JsonNode> params = new ArrayList<>();
    op.path("parameters")
        .forEach(
            p -> {
              if (!p.path("in").asText().equals("header")) {
                params.add(p);
              }
            });
    JsonNode example = op.at("/requestBody/content/application~1json/example");
    String baseBody = example.isMissingNode() ? null : example.toString();
    String basePath = template.replaceAll("\\{[a-z_]+}", "x_1");
    out.add(
        new Case(
            method + " " + template + " baseline",
            method,
            basePath,
            contentType(baseBody),
            bytes(baseBody),
            auth,
            List.of()));
    out.add(
        new Case(
            method + " " + template + " no auth",
            method,
            basePath,
            contentType(baseBody),
            bytes(baseBody),
            Auth.NONE,
            List.of()));
    out.add(
        new Case(
            method + " " + template + " bad token",
            method,
            basePath,
            join("Authorization: Bearer nope-nope-nope-nope", contentType(baseBody)),
            bytes(baseBody),
            Auth.NONE,
            List.of()));
    for (JsonNode p : params) {
      String name = p.get("name").asText();
      boolean inPath = p.get("in").asText().equals("path");
      List<Value> values = paramValues(p);
      List<Value> chosen = new ArrayList<>(pick(values, 7));
      String format = p.at("/schema/format").asText();
      for (Value must : values) {
        boolean always =
            (format.equals("date") && must.label().matches("0000-01-01|9999-12-31|-0001-01-01"))
                || (p.at("/schema/type").asText().equals("integer")
                    && must.label().equals("\u0663"))
                || must.label().equals("huge 2000");
        if (always && !chosen.contains(must)) {
          chosen.add(must);
        }
      }
      for (Value v : chosen) {
        String target =
            inPath
                ? template.replace("{" + name + "}", v.encoded()).replaceAll("\\{[a-z_]+}", "x_1")
                : basePath + "?" + name + "=" + v.encoded();
        out.add(
            new Case(
                method + " " + template + " " + name + "=" + v.label(),
                method,
                target,
                contentType(baseBody),
                bytes(baseBody),
                auth,
                v.echoed()));
      }
    }
    if (baseBody != null) {
      bodyCases(template, method, example, basePath, auth, out);
    }
    for (String odd : pick(List.of(ODD_METHODS), 4)) {
      out.add(new Case(odd + " " + template, odd, basePath, "", null, auth, List.of()));
    }
  }

  private void bodyCases(
      String template,
      String method,
      JsonNode example,
      String basePath,
      Auth auth,
      List<Case> out) {
    for (Value raw : pick(rawBodies(), 10)) {
      out.add(
          jsonCase(
              method + " " + template + " body " + raw.label(),
              method,
              basePath,
              raw.bytes(),
              auth,
              raw.echoed()));
    }
    List<String> fields = new ArrayList<>();
    example.fieldNames().forEachRemaining(fields::add);
    for (String field : fields) {
      for (Value v : pick(fieldValues(), 7)) {
        ObjectNode mutated = ((ObjectNode) example.deepCopy());
        mutated.put(field, "__FUZZ__");
        String text = mutated.toString().replace("\"__FUZZ__\"", v.encoded());
        out.add(
            jsonCase(
                method + " " + template + " " + field + "=" + v.label(),
                method,
                basePath,
                bytes(text),
                auth,
                v.echoed()));
      }
      ObjectNode without = ((ObjectNode) example.deepCopy());
      without.remove(field);
      out.add(
          jsonCase(
              method + " " + template + " without " + field,
              method,
              basePath,
              bytes(without.toString()),
              auth,
              List.of()));
    }
    String huge = huge(200);
    ObjectNode unknown = ((ObjectNode) example.deepCopy());
    unknown.put(huge, 1);
    out.add(
        jsonCase(
            method + " " + template + " unknown field",
            method,
            basePath,
            bytes(unknown.toString()),
            auth,
            List.of(huge)));
    ObjectNode nullParam = ((ObjectNode) example.deepCopy());
    if (nullParam.has("parameters") || nullParam.has("params")) {
      String f = nullParam.has("parameters") ? "parameters" : "params";
      ObjectNode map = nullParam.putObject(f);
      map.putNull("long_n");
      out.add(
          jsonCase(
              method + " " + template + " null parameter value",
              method,
              basePath,
              bytes(nullParam.toString()),
              auth,
              List.of()));
      ObjectNode tiny = nullParam.putObject(f);
      tiny.put("long_n", 0.0001);
      out.add(
          jsonCase(
              method + " " + template + " tiny parameter",
              method,
              basePath,
              bytes(nullParam.toString()),
              auth,
              List.of()));
    }
  }

  private void protocolCases(List<Case> out) {
    for (String prefix :
        List.of("/api/v1/health", "/v1/backtest/jobs", "/api/v1/nope", "/v1/nope", "/docs")) {
      prefixCases(prefix, out);
    }
    for (String odd :
        List.of(
            "*",
            "http://127.0.0.1/api/v1/health",
            "api/v1/health",
            "/",
            "/v1",
            "/api",
            "/%",
            "/v1/backtest/jobs/..;/x")) {
      out.add(new Case("target " + odd, "GET", odd, "", null, Auth.NONE, List.of()));
    }
    byte[] over = new byte[1_500_000];
    java.util.Arrays.fill(over, (byte) 'a');
    for (String path : List.of("/api/v1/backtest/run", "/v1/backtest/jobs")) {
      out.add(
          new Case(
              "body over the limit " + path,
              "POST",
              path,
              "Content-Type: application/json",
              over,
              path.startsWith("/v1") ? Auth.SIGNED : Auth.BEARER,
              List.of()));
    }
  }

  private void prefixCases(String prefix, List<Case> out) {
    String bigHeader = "X-Big: " + huge(20_000);
    out.add(
        anonymous("huge header " + prefix, "GET", prefix, bigHeader, null, bigHeader.substring(7)));
    for (int size : new int[] {7_000, 20_000, 100_000}) {
      String long_ = huge(size);
      out.add(
          anonymous(
              "huge query " + size + " " + prefix, "GET", prefix + "?q=" + long_, "", null, long_));
      out.add(
          anonymous(
              "huge path " + size + " " + prefix, "GET", prefix + "/" + long_, "", null, long_));
    }
    for (String version : List.of("HTTP/2.0", "HTTP/0.9", "HTTP/1.2", "HTTP/3", "FOO/1.1")) {
      out.add(
          new Case(
              "version " + version + " " + prefix,
              "GET",
              prefix,
              version,
              "",
              null,
              Auth.NONE,
              List.of()));
    }
    out.add(anonymous("bad escape " + prefix, "GET", prefix + "/%zz", "", null, null));
    out.add(
        anonymous(
            "encoded dots " + prefix, "GET", prefix + "/%2e%2e/%2e%2e/pom.xml", "", null, null));
    out.add(anonymous("encoded slash " + prefix, "GET", prefix + "/a%2Fb", "", null, null));
    out.add(anonymous("nul " + prefix, "GET", prefix + "/%00", "", null, null));
    out.add(anonymous("lone surrogate " + prefix, "GET", prefix + "/%ED%A0%80", "", null, null));
    out.add(anonymous("double slash " + prefix, "GET", "/" + prefix + "//", "", null, null));
    out.add(anonymous("matrix " + prefix, "GET", prefix + ";jsessionid=1", "", null, null));
    out.add(
        anonymous("negative length " + prefix, "POST", prefix, "Content-Length: -1", null, null));
    out.add(
        anonymous(
            "chunked and length " + prefix,
            "POST",
            prefix,
            "Transfer-Encoding: chunked\r\nContent-Type: application/json",
            "zz\r\n{}\r\n0\r\n\r\n",
            null));
    out.add(
        anonymous(
            "h2c upgrade " + prefix,
            "GET",
            prefix,
            "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\nConnection: Upgrade, HTTP2-Settings",
            null,
            null));
    out.add(
        anonymous(
            "websocket upgrade " + prefix,
            "GET",
            prefix,
            "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
            null,
            null));
    out.add(
        anonymous(
            "expect " + prefix,
            "POST",
            prefix,
            "Expect: 100-continue-nope\r\nContent-Type: application/json",
            "{}",
            null));
    out.add(anonymous("bad host " + prefix, "GET", prefix, "Host: a b", null, null));
    out.add(
        anonymous(
            "cors " + prefix,
            "OPTIONS",
            prefix,
            "Origin: https://evil.example\r\nAccess-Control-Request-Method: POST",
            null,
            null));
  }

  /** A request with a JSON body. */
  private static Case jsonCase(
      String what, String method, String target, byte[] body, Auth auth, List<String> echoed) {
    return new Case(what, method, target, "Content-Type: application/json", body, auth, echoed);
  }

  /** An unauthenticated request; {@code echoed}, if not null, must not come back whole. */
  private static Case anonymous(
      String what, String method, String target, String headers, String body, String echoed) {
    return new Case(
        what,
        method,
        target,
        headers,
        bytes(body),
        Auth.NONE,
        echoed == null ? List.of() : List.of(echoed));
  }

  // ---------------------------------------------------------------- values

  /** A fuzz value: its label, its wire form, and which inputs must not be echoed in full. */
  record Value(String label, String encoded, List<String> echoed) {
    byte[] bytes() {
      return encoded.getBytes(StandardCharsets.UTF_8);
    }
  }

  private List<Value> paramValues(JsonNode p) {
    List<Value> v = new ArrayList<>();
    for (String s :
        List.of(
            "",
            "0",
            "-1",
            "1",
            "2147483648",
            "-2147483649",
            "99999999999999999999",
            "1.5",
            "1e3",
            " 5",
            "\u0663",
            "\uFF11\uFF12",
            "true",
            "null",
            "0000-01-01",
            "9999-12-31",
            "+10000-01-01",
            "-0001-01-01",
            "2024-02-30",
            "2024-3-1",
            "' OR 1=1 --",
            "<script>x</script>",
            "\u0000",
            "\uD83D\uDE00",
            "long",
            "short",
            "buy",
            "daily",
            "all",
            "BTC/USDT:USDT",
            "x_1",
            "bt_0000000000000000")) {
      v.add(
          new Value(
              label(s),
              URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"),
              List.of()));
    }
    for (String raw : List.of("%ED%A0%80", "%zz", "%C0%AF", "%FF", "a%2Fb", "%2e%2e")) {
      v.add(new Value("raw " + raw, raw, List.of()));
    }
    String huge = huge(2000);
    v.add(new Value("huge 2000", huge, List.of(huge)));
    JsonNode allowed = p.at("/schema/enum");
    allowed.forEach(
        a ->
            v.add(
                new Value(
                    a.asText(), URLEncoder.encode(a.asText(), StandardCharsets.UTF_8), List.of())));
    return v;
  }

  private List<Value> fieldValues() {
    String huge = huge(100_000);
    String hugeSymbol = huge.toUpperCase(java.util.Locale.ROOT);
    return List.of(
        new Value("null", "null", List.of()),
        new Value("0", "0", List.of()),
        new Value("-1", "-1", List.of()),
        new Value("1e308", "1e308", List.of()),
        new Value("1e400", "1e400", List.of()),
        new Value("0.0001", "0.0001", List.of()),
        new Value("0.001", "0.001", List.of()),
        new Value("'0.001'", "\"0.001\"", List.of()),
        new Value("'0.0001'", "\"0.0001\"", List.of()),
        new Value("true", "true", List.of()),
        new Value("''", "\"\"", List.of()),
        new Value("huge string", "\"" + huge + "\"", List.of(huge)),
        new Value("huge upper string", "\"" + hugeSymbol + "\"", List.of(hugeSymbol)),
        new Value(
            "huge array",
            "[" + ("\"" + hugeSymbol.substring(0, 100) + "\",").repeat(600) + "1]",
            List.of(hugeSymbol.substring(0, 100))),
        new Value("lone surrogate", "\"\\ud800\"", List.of()),
        new Value("arabic digit", "\"\u0663\"", List.of()),
        new Value("emoji", "\"\uD83D\uDE00\"", List.of()),
        new Value("control", "\"a\\u0000b\"", List.of()),
        new Value("[]", "[]", List.of()),
        new Value("[null]", "[null]", List.of()),
        new Value("{}", "{}", List.of()),
        new Value("{long_n:null}", "{\"long_n\":null}", List.of()),
        new Value("'0000-01-01'", "\"0000-01-01\"", List.of()),
        new Value("'9999-12-31'", "\"9999-12-31\"", List.of()),
        new Value("'+10000-01-01T00:00:00Z'", "\"+10000-01-01T00:00:00Z\"", List.of()),
        new Value("'0000-01-01T00:00:00Z'", "\"0000-01-01T00:00:00Z\"", List.of()),
        new Value("big int", "12345678901234567890", List.of()),
        new Value("-0.0", "-0.0", List.of()),
        new Value("'1.0E-4'", "\"1.0E-4\"", List.of()),
        new Value("deep", "[".repeat(3000) + "]".repeat(3000), List.of()));
  }

  private List<Value> rawBodies() {
    String huge = huge(100_000);
    return List.of(
        new Value("null", "null", List.of()),
        new Value("[]", "[]", List.of()),
        new Value("string", "\"x\"", List.of()),
        new Value("number", "1", List.of()),
        new Value("true", "true", List.of()),
        new Value("open", "{", List.of()),
        new Value("cut", "{\"a\":", List.of()),
        new Value("empty object", "{}", List.of()),
        new Value("two objects", "{} {}", List.of()),
        new Value("deep", "[".repeat(5000), List.of()),
        new Value("bom", "\uFEFF{}", List.of()),
        new Value("garbage token", huge, List.of(huge)),
        new Value("huge key", "{\"" + huge + "\": 1}", List.of(huge)),
        new Value("empty", "", List.of()),
        new Value("NaN", "{\"a\": NaN}", List.of()),
        new Value("comment", "{/* x */}", List.of()),
        new Value("single quotes", "{'a': 1}", List.of()));
  }

  private <T> List<T> pick(List<T> values, int n) {
    List<T> copy = new ArrayList<>(values);
    java.util.Collections.shuffle(copy, random);
    return copy.subList(0, Math.min(n, copy.size()));
  }

  /** Random letters and digits, so a 65-character window cannot match anything else. */
  private String huge(int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static String label(String s) {
    return s.length() > 30 ? s.substring(0, 30) + "..." : s;
  }

  private static String contentType(String body) {
    return body == null ? "" : "Content-Type: application/json";
  }

  private static String join(String a, String b) {
    return b.isEmpty() ? a : a + "\r\n" + b;
  }

  private static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }
}
