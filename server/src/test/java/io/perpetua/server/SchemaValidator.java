package io.perpetua.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates JSON against the OpenAPI 3.0 schemas of a document: {@code $ref}, {@code allOf}, {@code
 * type}, {@code format} (date-time, date), {@code nullable}, {@code enum}, {@code required}, {@code
 * properties}, {@code additionalProperties} and {@code items} — the subset the generator writes.
 */
final class SchemaValidator {
  private static final Pattern DATE_TIME =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d");

  private final JsonNode document;

  SchemaValidator(JsonNode document) {
    this.document = document;
  }

  /** Problems found validating {@code value} against {@code schema}; empty when valid. */
  List<String> validate(JsonNode schema, JsonNode value) {
    List<String> problems = new ArrayList<>();
    check(schema, value, "$", problems);
    return problems;
  }

  private JsonNode resolve(JsonNode schema) {
    while (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      schema = document.at(ref.substring(1));
      if (schema.isMissingNode()) {
        throw new IllegalStateException("dangling $ref " + ref);
      }
    }
    return schema;
  }

  private void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
    boolean nullable = schema.path("nullable").asBoolean(false);
    schema = resolve(schema);
    if (value.isNull()) {
      if (!nullable && !schema.path("nullable").asBoolean(false)) {
        problems.add(path + ": null but not nullable");
      }
      return;
    }
    if (schema.has("allOf")) {
      for (JsonNode part : schema.get("allOf")) {
        check(part, value, path, problems);
      }
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode allowed : schema.get("enum")) {
        found |= allowed.equals(value);
      }
      if (!found) {
        problems.add(path + ": " + value + " not in " + schema.get("enum"));
      }
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> checkObject(schema, value, path, problems);
      case "array" -> {
        if (!value.isArray()) {
          problems.add(path + ": expected array, got " + value.getNodeType());
        } else {
          for (int i = 0; i < value.size(); i++) {
            check(schema.get("items"), value.get(i), path + "[" + i + "]", problems);
          }
        }
      }
      case "string" -> checkString(schema, value, path, problems);
      case "integer" -> expect(value.isIntegralNumber(), "integer", value, path, problems);
      case "number" -> expect(value.isNumber(), "number", value, path, problems);
      case "boolean" -> expect(value.isBoolean(), "boolean", value, path, problems);
      default -> {
        // untyped: any value
      }
    }
  }

  private void checkString(JsonNode schema, JsonNode value, String path, List<String> problems) {
    if (!value.isTextual()) {
      problems.add(path + ": expected string, got " + value.getNodeType());
      return;
    }
    String format = schema.path("format").asText("");
    if (format.equals("date-time") && !DATE_TIME.matcher(value.asText()).matches()) {
      problems.add(path + ": not an ISO-8601 UTC time: " + value);
    }
    if (format.equals("date") && !DATE.matcher(value.asText()).matches()) {
      problems.add(path + ": not a date: " + value);
    }
  }

  private void checkObject(JsonNode schema, JsonNode value, String path, List<String> problems) {
    if (!value.isObject()) {
      problems.add(path + ": expected object, got " + value.getNodeType());
      return;
    }
    for (JsonNode name : schema.path("required")) {
      if (!value.has(name.asText())) {
        problems.add(path + ": missing required " + name.asText());
      }
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String p = path + "." + f.getKey();
      if (properties.has(f.getKey())) {
        check(properties.get(f.getKey()), f.getValue(), p, problems);
      } else if (additional.isBoolean() && !additional.asBoolean()) {
        problems.add(p + ": not in schema");
      } else if (additional.isObject()) {
        check(additional, f.getValue(), p, problems);
      }
    }
  }

  private static void expect(
      boolean ok, String type, JsonNode value, String path, List<String> problems) {
    if (!ok) {
      problems.add(path + ": expected " + type + ", got " + value);
    }
  }
}
