package io.perpetua.server;

import static io.perpetua.server.JsonShapes.successData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /openapi.json} is generated from the route table and describes what is served. */
class OpenApiTest {
  private static TestServer api;
  private static JsonNode doc;

  @BeforeAll
  static void start() {
    api = TestServer.start(new TestRoutes());
    TestServer.Response r = api.getAnonymous("/openapi.json");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    doc = r.json();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static JsonNode operation(Route route) {
    return doc.path("paths")
        .path(route.path())
        .path(route.method().name().toLowerCase(Locale.ROOT));
  }

  @Test
  void document_isValidOpenApi3_forAnIndependentParser() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(doc.toString(), null, options);
    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI().getPaths()).containsKey("/api/v1/signals/latest");
    assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("bearerAuth");

    // The parser does catch mistakes: an operation without responses and a bad parameter location.
    ObjectNode broken = doc.deepCopy();
    ((ObjectNode) broken.at("/paths/~1api~1v1~1health/get")).remove("responses");
    ((ObjectNode) broken.at("/paths/~1api~1v1~1signals~1latest/get/parameters/0"))
        .put("in", "body");
    assertThat(new OpenAPIV3Parser().readContents(broken.toString(), null, options).getMessages())
        .isNotEmpty();
  }

  @Test
  void header_andBearerSecurityScheme() {
    assertThat(doc.get("openapi").asText()).isEqualTo("3.0.3");
    assertThat(doc.at("/info/title").asText()).isNotBlank();
    JsonNode scheme = doc.at("/components/securitySchemes/bearerAuth");
    assertThat(scheme.get("type").asText()).isEqualTo("http");
    assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
    assertThat(doc.at("/security/0/bearerAuth").isArray()).isTrue();
    for (ApiError e : ApiError.values()) {
      assertThat(doc.at("/info/description").asText()).contains(String.valueOf(e.code()));
    }
  }

  @Test
  void everyRouteInTheTable_isDocumentedWithItsParameters() {
    List<Route> routes = api.server.routeTable().routes();
    assertThat(routes).hasSize(8); // six V1 P0 + two added
    int documented = 0;
    for (JsonNode item : doc.get("paths")) {
      documented += item.size();
    }
    assertThat(documented).isEqualTo(routes.size());
    for (Route route : routes) {
      JsonNode op = operation(route);
      assertThat(op.isObject()).as(route.toString()).isTrue();
      assertThat(op.get("summary").asText()).isEqualTo(route.summary());
      assertThat(op.at("/tags/0").asText()).isEqualTo(route.tag());
      assertThat(op.get("operationId").asText()).isEqualTo(route.operationId());
      List<String> names = new ArrayList<>();
      op.path("parameters").forEach(p -> names.add(p.get("name").asText()));
      assertThat(names)
          .containsExactlyElementsOf(route.params().stream().map(Param::name).toList());
      for (Param<?> p : route.params()) {
        JsonNode documentedParam = findParam(op, p.name());
        assertThat(documentedParam.get("required").asBoolean()).isEqualTo(p.isRequired());
        assertThat(documentedParam.at("/schema/type").asText()).isEqualTo(p.type());
      }
    }
  }

  private static JsonNode findParam(JsonNode op, String name) {
    for (JsonNode p : op.path("parameters")) {
      if (p.get("name").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no parameter " + name);
  }

  @Test
  void parameterConstraints_areDocumented() {
    JsonNode signals = doc.at("/paths/~1api~1v1~1signals~1latest/get");
    JsonNode limit = findParam(signals, "limit");
    assertThat(limit.get("in").asText()).isEqualTo("query");
    assertThat(limit.at("/schema/minimum").asInt()).isEqualTo(1);
    assertThat(limit.at("/schema/maximum").asInt()).isEqualTo(1000);
    JsonNode side = findParam(signals, "side");
    assertThat(side.at("/schema/enum").toString()).isEqualTo("[\"long\",\"short\"]");

    JsonNode items = doc.at("/paths/~1api~1v1~1test~1items~1{item_id}/get");
    JsonNode itemId = findParam(items, "item_id");
    assertThat(itemId.get("in").asText()).isEqualTo("path");
    assertThat(itemId.get("required").asBoolean()).isTrue();
    assertThat(itemId.at("/schema/pattern").asText()).isEqualTo("^[a-z0-9-]+$");
    assertThat(findParam(items, "page").at("/schema/default").asInt()).isEqualTo(1);
    assertThat(findParam(items, "start_date").at("/schema/format").asText()).isEqualTo("date");
    assertThat(findParam(items, "verbose").at("/schema/type").asText()).isEqualTo("boolean");
  }

  @Test
  void security_isPerRoute() {
    for (Route route : api.server.routeTable().routes()) {
      JsonNode security = operation(route).get("security");
      if (route.authRequired()) {
        assertThat(security.at("/0/bearerAuth").isArray()).as(route.toString()).isTrue();
        assertThat(operation(route).has("responses")).isTrue();
        assertThat(
                operation(route)
                    .at("/responses/401/content/application~1json/examples/40101")
                    .isObject())
            .isTrue();
      } else {
        assertThat(security).as(route.toString()).isEmpty();
      }
    }
    assertThat(operation(route("/api/v1/health")).get("security")).isEmpty();
  }

  @Test
  void responses_useTheEnvelope_andDocumentErrorCodes() {
    JsonNode op = doc.at("/paths/~1api~1v1~1account~1balance/get");
    JsonNode ok = op.at("/responses/200/content/application~1json");
    assertThat(ok.at("/schema/required").toString())
        .isEqualTo("[\"code\",\"message\",\"data\",\"timestamp\"]");
    assertThat(ok.at("/example/code").asInt()).isZero();
    assertThat(ok.at("/example/data/total_equity").isNumber()).isTrue();
    assertThat(op.at("/responses/404/description").asText()).contains("40401");
    assertThat(op.at("/responses/401/description").asText()).contains("40101").contains("40102");
    assertThat(op.at("/responses/503/description").asText()).contains("50301");
    assertThat(op.at("/responses/500/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/ErrorEnvelope");
    JsonNode body = doc.at("/paths/~1api~1v1~1test~1orders/post");
    assertThat(body.at("/requestBody/required").asBoolean()).isTrue();
    assertThat(body.has("responses")).isTrue();
    assertThat(body.at("/responses/201").isObject()).isTrue();
    assertThat(body.at("/responses/400/description").asText()).contains("40003");
  }

  @Test
  void dataSchemas_carryPrecisionNullabilityAndRequiredBodyFields() {
    JsonNode position = doc.at("/components/schemas/Position/properties");
    assertThat(position.at("/entry_price/type").asText()).isEqualTo("number");
    assertThat(position.at("/entry_price/description").asText()).contains("8 decimal places");
    assertThat(position.at("/liquidation_price/nullable").asBoolean()).isTrue();
    assertThat(position.at("/leverage/type").asText()).isEqualTo("integer");
    assertThat(position.at("/updated_at/format").asText()).isEqualTo("date-time");
    assertThat(doc.at("/components/schemas/Balance/properties/total_equity/description").asText())
        .contains("2 decimal places");
    assertThat(doc.at("/components/schemas/OrderBody/required").toString())
        .isEqualTo("[\"symbol\",\"amount\"]");
  }

  @Test
  void examples_and_liveResponses_validateAgainstTheGeneratedSchemas() {
    SchemaValidator validator = new SchemaValidator(doc);
    for (Route route : api.server.routeTable().routes()) {
      if (route.path().contains("/test/")) {
        continue;
      }
      JsonNode ok = operation(route).at("/responses/200/content/application~1json");
      assertThat(validator.validate(ok.get("schema"), ok.get("example")))
          .as("example of " + route)
          .isEmpty();
      JsonNode live = api.get(route.path()).json();
      successData(api.get(route.path()));
      assertThat(validator.validate(ok.get("schema"), live)).as("response of " + route).isEmpty();
    }
  }

  @Test
  void errorEnvelopes_validateAgainstErrorSchema() {
    SchemaValidator validator = new SchemaValidator(doc);
    JsonNode schema = doc.at("/components/schemas/ErrorEnvelope");
    assertThat(validator.validate(schema, api.getAnonymous("/api/v1/account/balance").json()))
        .isEmpty();
    assertThat(validator.validate(schema, api.get("/api/v1/signals/latest?limit=0").json()))
        .isEmpty();
    // The validator can fail: a success envelope is not an error envelope.
    assertThat(validator.validate(schema, api.get("/api/v1/account/balance").json())).isNotEmpty();
  }

  private static Route route(String path) {
    return api.server.routeTable().routes().stream()
        .filter(r -> r.path().equals(path))
        .findFirst()
        .orElseThrow();
  }
}
