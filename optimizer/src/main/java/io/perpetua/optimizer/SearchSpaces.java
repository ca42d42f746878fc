package io.perpetua.optimizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.core.Echo;
import io.perpetua.signals.strategy.space.ParamKind;
import io.perpetua.signals.strategy.space.ParamSpace;
import io.perpetua.signals.strategy.space.ParamSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the searched space from a strategy's declaration and the user's ranges: {@code
 * name=lo:hi[:step]} for numbers, {@code name=a|b|c} for categorical choices, or a JSON file
 * mapping names to such strings. Every name must be declared and every range must lie within the
 * declared accepted values; with no ranges the whole declared space is searched on its default
 * ranges. Stateless.
 */
public final class SearchSpaces {
  private SearchSpaces() {}

  /**
   * The space of {@code ranges} (name → range text) within {@code declared}.
   *
   * @throws IllegalArgumentException naming the parameter
   */
  public static ParamSpace of(ParamSpace declared, Map<String, String> ranges) {
    if (ranges.isEmpty()) {
      return declared;
    }
    List<ParamSpec> out = new ArrayList<>();
    for (var e : ranges.entrySet()) {
      out.add(narrow(declared.spec(e.getKey()), e.getValue()));
    }
    return new ParamSpace(out);
  }

  /** Ranges from a JSON object file {@code {"long_n": "10:50:5", ...}}. */
  public static Map<String, String> read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          "space: " + file + " must hold a JSON object name -> range");
    }
    Map<String, String> out = new LinkedHashMap<>();
    root.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** {@code spec} searched on {@code text}: {@code lo:hi[:step]} or {@code a|b|c}. */
  static ParamSpec narrow(ParamSpec spec, String text) {
    String name = spec.name();
    if (spec.kind() == ParamKind.CATEGORICAL) {
      List<Object> choices = new ArrayList<>(Arrays.asList((Object[]) text.split("\\|")));
      return spec.narrowedTo(choices);
    }
    String[] parts = text.split(":");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException(
          name + ": expected lo:hi[:step], was '" + Echo.of(text) + "'");
    }
    double lo = number(name + ".lo", parts[0]);
    double hi = number(name + ".hi", parts[1]);
    Double step = parts.length == 3 ? number(name + ".step", parts[2]) : null;
    return spec.narrowed(lo, hi, step);
  }

  private static double number(String field, String text) {
    try {
      double d = Double.parseDouble(text.trim());
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(field + ": must be a number, was '" + Echo.of(text) + "'");
  }
}
