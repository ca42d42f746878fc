package io.perpetua.signals.strategy;

import io.perpetua.core.Echo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to strategy parameters from configuration (YAML maps), with errors that name the
 * parameter. Stateless.
 */
public final class Params {
  private Params() {}

  /** An integer parameter in {@code [min, max]}, or {@code def} when absent. */
  public static int intValue(Map<String, Object> p, String key, int def, int min, int max) {
    Object v = p.get(key);
    if (v == null) {
      return def;
    }
    double d = doubleValue(p, key, def);
    if (d != Math.rint(d)) {
      throw new IllegalArgumentException(
          "parameter " + key + " must be an integer, was " + Echo.of(v));
    }
    int i = (int) d;
    if (i < min || i > max) {
      throw new IllegalArgumentException(
          "parameter " + key + " must be in " + min + ".." + max + ", was " + i);
    }
    return i;
  }

  /**
   * A number parameter (a JSON/YAML number or a decimal string such as {@code "72000"}), or {@code
   * def} when absent.
   */
  public static double doubleValue(Map<String, Object> p, String key, double def) {
    Object v = p.get(key);
    if (v == null) {
      return def;
    }
    double d;
    if (v instanceof Number num) {
      d = num.doubleValue();
    } else if (v instanceof String text) {
      try {
        d = Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "parameter " + key + " must be a number, was '" + Echo.of(v) + "'", e);
      }
    } else {
      throw new IllegalArgumentException(
          "parameter " + key + " must be a number, was " + Echo.of(v));
    }
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("parameter " + key + " must be finite, was " + Echo.of(v));
    }
    return d;
  }

  /** A required number parameter. */
  public static double requiredDouble(Map<String, Object> p, String key) {
    if (p.get(key) == null) {
      throw new IllegalArgumentException("parameter " + key + " is required");
    }
    return doubleValue(p, key, Double.NaN);
  }

  /** Fails naming the first parameter not in {@code known}. */
  public static void requireKnown(Map<String, Object> p, Set<String> known) {
    for (String key : p.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "unknown parameter " + Echo.of(key) + "; accepted: " + new TreeSet<>(known));
      }
    }
  }

  /** A required non-empty list of strings. */
  public static List<String> stringList(Map<String, Object> p, String key) {
    Object v = p.get(key);
    if (!(v instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException("parameter " + key + " must be a non-empty list");
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s) || s.isBlank()) {
        throw new IllegalArgumentException(
            "parameter " + key + " must list names, found " + Echo.of(o));
      }
      out.add(s);
    }
    return out;
  }

  /** A list of {@code size} numbers, or {@code size} copies of {@code def} when absent. */
  public static double[] doubleList(Map<String, Object> p, String key, int size, double def) {
    Object v = p.get(key);
    double[] out = new double[size];
    if (v == null) {
      Arrays.fill(out, def);
      return out;
    }
    if (!(v instanceof List<?> list) || list.size() != size) {
      throw new IllegalArgumentException(
          "parameter " + key + " must be a list of " + size + " numbers");
    }
    for (int i = 0; i < size; i++) {
      if (!(list.get(i) instanceof Number num) || !Double.isFinite(num.doubleValue())) {
        throw new IllegalArgumentException("parameter " + key + "[" + i + "] must be a number");
      }
      out[i] = num.doubleValue();
    }
    return out;
  }
}
