package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares JSON with the spec's examples by shape: the same field names, and values of the same
 * JSON type (string, integer, floating-point number, boolean, object, array; ISO-8601 instants
 * where the example has one). A null in the example accepts any type; free-form objects (service
 * metrics) are compared as objects only.
 */
final class JsonShapes {
  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

  private JsonShapes() {}

  /** The spec example {@code name} from test resources ({@code spec/<name>}). */
  static JsonNode specExample(String name) {
    try (InputStream in = JsonShapes.class.getResourceAsStream("/spec/" + name)) {
      return TestServer.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts {@code actual} has the shape of {@code expected}; {@code freeForm} paths like {@code
   * $.services[].metrics}.
   */
  static void assertSameShape(JsonNode expected, JsonNode actual, Set<String> freeForm) {
    List<String> problems = new ArrayList<>();
    new JsonShapes.Comparison(freeForm, problems).compare(expected, actual, "$");
    if (!problems.isEmpty()) {
      fail(
          "JSON differs from the spec shape:\n  "
              + String.join("\n  ", problems)
              + "\nactual: "
              + actual);
    }
  }

  /** One comparison: collects problems, and the paths the spec shows as nullable. */
  private record Comparison(Set<String> freeForm, List<String> problems, Set<String> nullable) {
    Comparison(Set<String> freeForm, List<String> problems) {
      this(freeForm, problems, new java.util.HashSet<>());
    }

    void compare(JsonNode expected, JsonNode actual, String path) {
      if (expected.isNull()) {
        return;
      }
      if (actual == null || actual.isMissingNode()) {
        problems.add(path + ": missing");
        return;
      }
      if (actual.isNull() && nullable.contains(path)) {
        return;
      }
      String want = kind(expected);
      String got = kind(actual);
      if (!want.equals(got)) {
        problems.add(path + ": expected " + want + ", got " + got + " (" + actual + ")");
        return;
      }
      if (expected.isObject()) {
        if (freeForm.contains(path)) {
          return;
        }
        Set<String> wantNames = names(expected);
        Set<String> gotNames = names(actual);
        if (!wantNames.equals(gotNames)) {
          Set<String> missing = new TreeSet<>(wantNames);
          missing.removeAll(gotNames);
          Set<String> extra = new TreeSet<>(gotNames);
          extra.removeAll(wantNames);
          problems.add(path + ": missing fields " + missing + ", unexpected fields " + extra);
        }
        for (String name : wantNames) {
          compare(expected.get(name), actual.get(name), path + "." + name);
        }
      } else if (expected.isArray() && !expected.isEmpty()) {
        JsonNode merged = merge(expected, path + "[]");
        for (JsonNode element : actual) {
          compare(merged, element, path + "[]");
        }
      }
    }

    /**
     * One element standing for all: each field takes the first non-null example value; a field that
     * is null in some example element, or absent from some (the spec shows it only where it
     * applies, e.g. a monthly pool's {@code lag}), is nullable.
     */
    private JsonNode merge(JsonNode array, String path) {
      if (!array.get(0).isObject()) {
        return array.get(0);
      }
      ObjectNode merged = TestServer.JSON.createObjectNode();
      for (JsonNode element : array) {
        for (JsonNode other : array) {
          other
              .fieldNames()
              .forEachRemaining(
                  name -> {
                    if (!element.has(name)) {
                      nullable.add(path + "." + name);
                    }
                  });
        }
      }
      for (JsonNode element : array) {
        for (Iterator<Map.Entry<String, JsonNode>> it = element.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> f = it.next();
          if (f.getValue().isNull()) {
            nullable.add(path + "." + f.getKey());
          }
          if (!merged.has(f.getKey()) || merged.get(f.getKey()).isNull()) {
            merged.set(f.getKey(), f.getValue());
          }
        }
      }
      return merged;
    }
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String kind(JsonNode n) {
    if (n.isTextual()) {
      return INSTANT.matcher(n.asText()).matches() ? "instant string" : "string";
    }
    if (n.isIntegralNumber()) {
      return "integer";
    }
    if (n.isNumber()) {
      return "floating-point number";
    }
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Asserts a response is a success envelope and returns its data. */
  static JsonNode successData(TestServer.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode json = r.json();
    assertThat(names(json)).containsExactly("code", "data", "message", "timestamp");
    assertThat(json.get("code").isInt()).isTrue();
    assertThat(json.get("code").asInt()).isZero();
    assertThat(json.get("message").asText()).isEqualTo("success");
    assertThat(json.get("timestamp").asText()).matches(INSTANT);
    return json.get("data");
  }

  /** Asserts a response is an error envelope with {@code status} and {@code code}. */
  static void assertError(TestServer.Response r, int status, int code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode json = r.json();
    assertThat(names(json)).containsExactly("code", "data", "message", "timestamp");
    assertThat(json.get("code").asInt()).as(r.body()).isEqualTo(code);
    assertThat(json.get("data").isNull()).isTrue();
    assertThat(json.get("message").asText()).isNotBlank();
    assertThat(json.get("timestamp").asText()).matches(INSTANT);
  }
}
