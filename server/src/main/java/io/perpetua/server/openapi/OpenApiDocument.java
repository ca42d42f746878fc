package io.perpetua.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ErrorObject;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.http.RouteTable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Generates the OpenAPI 3.0.3 document of a {@link RouteTable}: every route with its parameters,
 * body, success envelope (data schema derived from the handler's response type, plus the declared
 * example), the error envelopes it can return, and the bearer security scheme; routes with their
 * own authenticator get its headers as {@code apiKey} schemes, and bare routes are documented
 * without the envelope, with {@code ErrorObject} errors. Stateless.
 */
public final class OpenApiDocument {
  /** The OpenAPI version written. */
  public static final String OPENAPI_VERSION = "3.0.3";

  /** The name of the security scheme in {@code components.securitySchemes}. */
  public static final String SECURITY_SCHEME = "bearerAuth";

  private static final String JSON = "application/json";
  private static final String EXAMPLE_TIME = "2026-03-02T23:59:00Z";
  private static final String ERROR_OBJECT = "ErrorObject";

  private OpenApiDocument() {}

  /** The document for {@code table}, with types described as {@code mapper} serialises them. */
  public static ObjectNode generate(RouteTable table, ObjectMapper mapper) {
    ObjectNode doc = mapper.createObjectNode();
    doc.put("openapi", OPENAPI_VERSION);
    ObjectNode info = doc.putObject("info");
    info.put("title", "Perpetua API");
    info.put("version", "v1");
    info.put(
        "description",
        description(table.routes().stream().anyMatch(r -> r.style() == Route.Style.BARE)));
    doc.putArray("servers").addObject().put("url", "/");
    doc.putArray("security").addObject().putArray(SECURITY_SCHEME);
    ArrayNode tags = doc.putArray("tags");
    Set<String> tagNames = new LinkedHashSet<>();
    table.routes().forEach(r -> tagNames.add(r.tag()));
    tagNames.forEach(t -> tags.addObject().put("name", t));

    ObjectNode components = mapper.createObjectNode();
    ObjectNode schemes = components.putObject("securitySchemes");
    schemes
        .putObject(SECURITY_SCHEME)
        .put("type", "http")
        .put("scheme", "bearer")
        .put("description", "The API token: send 'Authorization: Bearer <token>'.");
    for (Route route : table.routes()) {
      route
          .authenticator()
          .ifPresent(
              a ->
                  a.headers()
                      .forEach(
                          (header, text) ->
                              schemes
                                  .putObject(header)
                                  .put("type", "apiKey")
                                  .put("in", "header")
                                  .put("name", header)
                                  .put("description", text)));
    }
    ObjectNode schemas = components.putObject("schemas");
    schemas.set("ErrorEnvelope", errorEnvelope(mapper));
    if (table.routes().stream().anyMatch(r -> r.style() == Route.Style.BARE)) {
      schemas.set(ERROR_OBJECT, errorObject(mapper));
    }
    SchemaGenerator generator = new SchemaGenerator(mapper, schemas);

    ObjectNode paths = doc.putObject("paths");
    for (Route route : table.routes()) {
      ObjectNode item =
          paths.has(route.path())
              ? (ObjectNode) paths.get(route.path())
              : paths.putObject(route.path());
      item.set(route.method().name().toLowerCase(Locale.ROOT), operation(route, mapper, generator));
    }
    doc.set("components", components);
    return doc;
  }

  private static ObjectNode operation(Route route, ObjectMapper mapper, SchemaGenerator generator) {
    ObjectNode op = mapper.createObjectNode();
    op.putArray("tags").add(route.tag());
    op.put("summary", route.summary());
    if (!route.description().isEmpty()) {
      op.put("description", route.description());
    }
    op.put("operationId", route.operationId());
    ArrayNode security = op.putArray("security");
    if (route.authRequired()) {
      security.addObject().putArray(SECURITY_SCHEME);
    }
    route
        .authenticator()
        .ifPresent(
            a -> {
              ObjectNode all = security.addObject();
              a.headers().keySet().forEach(all::putArray);
            });
    if (!route.params().isEmpty()) {
      ArrayNode params = op.putArray("parameters");
      route.params().forEach(p -> params.add(parameter(p, mapper)));
    }
    route
        .bodyType()
        .ifPresent(
            type -> {
              ObjectNode media =
                  op.putObject("requestBody")
                      .put("required", true)
                      .putObject("content")
                      .putObject(JSON);
              media.set("schema", generator.schema(type, true));
              route.bodyExample().ifPresent(ex -> media.set("example", ex));
            });
    ObjectNode responses = op.putObject("responses");
    responses.set(String.valueOf(route.successStatus()), success(route, mapper, generator));
    errorResponses(route, mapper, responses);
    return op;
  }

  private static ObjectNode parameter(Param<?> p, ObjectMapper mapper) {
    ObjectNode node = mapper.createObjectNode();
    node.put("name", p.name());
    node.put("in", p.location() == Param.Location.PATH ? "path" : "query");
    node.put("required", p.isRequired());
    if (!p.description().isEmpty()) {
      node.put("description", p.description());
    }
    ObjectNode schema = node.putObject("schema");
    schema.put("type", p.type());
    p.format().ifPresent(f -> schema.put("format", f));
    if (!p.allowedValues().isEmpty()) {
      ArrayNode values = schema.putArray("enum");
      p.allowedValues().forEach(values::add);
    }
    p.minimum().ifPresent(v -> schema.put("minimum", v));
    p.maximum().ifPresent(v -> schema.put("maximum", v));
    p.maxLength().ifPresent(v -> schema.put("maxLength", v));
    p.pattern().ifPresent(v -> schema.put("pattern", "^" + v + "$"));
    p.defaultValue().ifPresent(v -> schema.set("default", mapper.valueToTree(v)));
    return node;
  }

  private static ObjectNode success(Route route, ObjectMapper mapper, SchemaGenerator generator) {
    ObjectNode response = mapper.createObjectNode();
    response.put("description", route.summary());
    ObjectNode media = response.putObject("content").putObject(JSON);
    if (route.style().bare()) {
      media.set("schema", generator.schema(route.responseType(), false));
      route.responseExample().ifPresent(ex -> media.set("example", ex));
      return response;
    }
    ObjectNode schema = media.putObject("schema");
    schema.put("type", "object");
    schema.putArray("required").add("code").add("message").add("data").add("timestamp");
    ObjectNode props = schema.putObject("properties");
    props.putObject("code").put("type", "integer").put("description", "0 on success");
    props.putObject("message").put("type", "string").put("description", "\"success\"");
    props.set("data", generator.schema(route.responseType(), false));
    props.putObject("timestamp").put("type", "string").put("format", "date-time");
    route
        .responseExample()
        .ifPresent(ex -> media.set("example", envelope(mapper, 0, "success", ex)));
    return response;
  }

  private static void errorResponses(Route route, ObjectMapper mapper, ObjectNode responses) {
    Map<Integer, List<ApiError>> byStatus = new TreeMap<>();
    for (ApiError e : ApiError.values()) {
      if (route.errors().contains(e)) {
        byStatus.computeIfAbsent(e.httpStatus(), s -> new ArrayList<>()).add(e);
      }
    }
    byStatus.forEach(
        (status, errors) -> {
          ObjectNode response = responses.putObject(String.valueOf(status));
          List<String> lines = new ArrayList<>();
          errors.forEach(e -> lines.add(e.code() + " " + e.title()));
          response.put("description", String.join("; ", lines));
          ObjectNode media = response.putObject("content").putObject(JSON);
          boolean bare = route.style() == Route.Style.BARE;
          media
              .putObject("schema")
              .put("$ref", "#/components/schemas/" + (bare ? ERROR_OBJECT : "ErrorEnvelope"));
          ObjectNode examples = media.putObject("examples");
          for (ApiError e : errors) {
            examples
                .putObject(bare ? e.name() : String.valueOf(e.code()))
                .put("summary", e.title())
                .set(
                    "value",
                    bare
                        ? mapper.valueToTree(ErrorObject.of(e, e.title()))
                        : envelope(mapper, e.code(), e.title(), null));
          }
        });
  }

  private static ObjectNode envelope(ObjectMapper mapper, int code, String message, JsonNode data) {
    ObjectNode env = mapper.createObjectNode();
    env.put("code", code);
    env.put("message", message);
    env.set("data", data == null ? mapper.nullNode() : data);
    env.put("timestamp", EXAMPLE_TIME);
    return env;
  }

  private static ObjectNode errorEnvelope(ObjectMapper mapper) {
    ObjectNode schema = mapper.createObjectNode();
    schema.put("type", "object");
    schema.put("description", "The envelope of every error response.");
    schema.putArray("required").add("code").add("message").add("data").add("timestamp");
    ObjectNode props = schema.putObject("properties");
    ArrayNode codes = props.putObject("code").put("type", "integer").putArray("enum");
    for (ApiError e : ApiError.values()) {
      codes.add(e.code());
    }
    props.putObject("message").put("type", "string").put("description", "What went wrong");
    props
        .putObject("data")
        .put("type", "object")
        .put("nullable", true)
        .put("description", "Always null for errors");
    props.putObject("timestamp").put("type", "string").put("format", "date-time");
    schema.put("additionalProperties", false);
    return schema;
  }

  private static ObjectNode errorObject(ObjectMapper mapper) {
    ObjectNode schema = mapper.createObjectNode();
    schema.put("type", "object");
    schema.put("description", "The error body of the job API (responses without the envelope).");
    schema.putArray("required").add("error");
    schema.put("additionalProperties", false);
    ObjectNode error = schema.putObject("properties").putObject("error");
    error.put("type", "object");
    error.putArray("required").add("code").add("message");
    error.put("additionalProperties", false);
    ObjectNode props = error.putObject("properties");
    ArrayNode names = props.putObject("code").put("type", "string").putArray("enum");
    for (ApiError e : ApiError.values()) {
      names.add(e.name());
    }
    props.putObject("message").put("type", "string").put("description", "What went wrong");
    return schema;
  }

  private static String description(boolean bareRoutes) {
    StringBuilder d = new StringBuilder();
    d.append("The Perpetua platform API. Every response is an envelope ")
        .append("`{code, message, data, timestamp}`: `code` 0 and `message` \"success\" on ")
        .append("success, an error code below otherwise (with `data: null`). Times are ISO-8601 ")
        .append("UTC; prices have 8 decimal places, weights and ratios 6, money 2.\n\n")
        .append("Every route except the health checks, `/docs` and `/openapi.json` requires ")
        .append("`Authorization: Bearer <token>`.\n\n");
    if (bareRoutes) {
      d.append("The job API under `/v1/backtest/jobs` differs: its responses are bare objects ")
          .append("(no envelope), its errors `{\"error\": {\"code\": \"<name>\", \"message\"}}` ")
          .append("with the names below, and its requests are signed with an API key ")
          .append("(`X-Perpetua-API-Key`, `X-Perpetua-Timestamp`, `X-Perpetua-Signature`; ")
          .append("see docs/api.md).\n\n");
    }
    d.append("| code | name | HTTP | meaning |\n|---|---|---|---|\n");
    for (ApiError e : ApiError.values()) {
      d.append("| ")
          .append(e.code())
          .append(" | ")
          .append(e.name())
          .append(" | ")
          .append(e.httpStatus())
          .append(" | ")
          .append(e.title())
          .append(" |\n");
    }
    return d.toString();
  }
}
