package io.perpetua.server;

import static io.perpetua.server.JsonShapes.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Body and parameter validation through a route group added with the {@link RouteGroup} hook. */
class RequestValidationTest {
  private static final Map<String, String> AUTH =
      Map.of("Authorization", "Bearer " + TestServer.TOKEN, "Content-Type", "application/json");
  private static TestServer api;

  @BeforeAll
  static void start() {
    api = TestServer.start(new TestRoutes());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static TestServer.Response post(String body) {
    return api.send("POST", "/api/v1/test/orders", AUTH, body);
  }

  @Test
  void validBody_isParsedAndAnsweredWithDeclaredStatus() {
    TestServer.Response r =
        post("{\"symbol\":\"BTC\",\"amount\":5,\"start_date\":\"2026-03-01\",\"dry_run\":true}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode data = r.data();
    assertThat(data.get("symbol").asText()).isEqualTo("BTC");
    assertThat(data.get("amount").asInt()).isEqualTo(5);
    assertThat(data.get("start_date").asText()).isEqualTo("2026-03-01");
    assertThat(data.get("dry_run").asBoolean()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"symbol\":                        | 40003 | line 1",
        "``                                  | 40003 | required",
        "[1, 2]                              | 40003 | JSON object",
        "{\"symbol\":\"BTC\",\"amount\":5} x | 40003 | Malformed",
        "{\"symbol\":\"BTC\",\"amount\":\"ten\"} | 40001 | 'amount'",
        "{\"symbol\":\"BTC\",\"amount\":1.5}     | 40001 | 'amount'",
        "{\"symbol\":\"BTC\",\"amount\":null}    | 40001 | 'amount'",
        "{\"amount\":5}                          | 40002 | 'symbol'",
        "{\"symbol\":\"BTC\",\"amount\":5,\"colour\":\"red\"} | 40001 | 'colour'",
        "{\"symbol\":\"BTC\",\"amount\":-1}      | 40001 | 'amount'",
        "{\"symbol\":\"BTC\",\"amount\":5,\"start_date\":\"2026-02-30\"} | 40001 | 'start_date'",
        "{\"symbol\":\"BTC\",\"amount\":5,\"dry_run\":\"yes\"} | 40001 | 'dry_run'"
      })
  void badBody_isRejectedNamingTheField(String body, int code, String hint) {
    TestServer.Response r = post(body);
    assertError(r, 400, code);
    assertThat(r.message()).contains(hint);
  }

  @Test
  void unknownFieldError_listsAcceptedFields() {
    TestServer.Response r = post("{\"symbol\":\"BTC\",\"amount\":5,\"colour\":\"red\"}");
    assertThat(r.message()).contains("amount").contains("dry_run").contains("start_date");
  }

  @Test
  void typedParameters_areParsedWithDefaults() {
    JsonNode data = api.get("/api/v1/test/items/abc-1?start_date=2026-03-01&verbose=true").data();
    assertThat(data.get("item_id").asText()).isEqualTo("abc-1");
    assertThat(data.get("page").asInt()).isEqualTo(1);
    assertThat(data.get("start_date").asText()).isEqualTo("2026-03-01");
    assertThat(data.get("verbose").asBoolean()).isTrue();

    JsonNode page3 = api.get("/api/v1/test/items/x?start_date=2026-03-01&page=3").data();
    assertThat(page3.get("page").asInt()).isEqualTo(3);
    assertThat(page3.get("verbose").isNull()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "/api/v1/test/items/abc                                | 40002 | 'start_date'",
        "/api/v1/test/items/abc?start_date=2026-3-1            | 40001 | 'start_date'",
        "/api/v1/test/items/abc?start_date=2026-02-30          | 40001 | YYYY-MM-DD",
        "/api/v1/test/items/abc?start_date=2026-03-01&verbose=1 | 40001 | 'verbose'",
        "/api/v1/test/items/abc?start_date=2026-03-01&page=101  | 40001 | 'page'",
        "/api/v1/test/items/ABC?start_date=2026-03-01           | 40001 | 'item_id'"
      })
  void badTypedParameter_isRejectedNamingIt(String path, int code, String hint) {
    TestServer.Response r = api.get(path);
    assertError(r, 400, code);
    assertThat(r.message()).contains(hint);
  }

  @Test
  void addedRoutes_requireTheTokenToo() {
    assertError(api.getAnonymous("/api/v1/test/items/abc?start_date=2026-03-01"), 401, 40101);
  }
}
