package io.perpetua.trading.lifecycle;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of a parameter set: a canonical text (keys sorted, numbers without trailing zeros,
 * so {@code 30}, {@code 30L} and {@code 30.0} are one value) and its SHA-256. Two versions with the
 * same hash run the same strategy. Stateless.
 */
public final class ConfigHash {
  private ConfigHash() {}

  /** The hex SHA-256 of {@link #canonical(Object)} of {@code parameters}. */
  public static String of(Map<String, Object> parameters) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(canonical(parameters).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code a} and {@code b} are the same value canonically. */
  public static boolean same(Object a, Object b) {
    return canonical(a).equals(canonical(b));
  }

  /** The canonical text of a parameter value (maps, lists, numbers, strings, booleans, null). */
  public static String canonical(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> m) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      out.append('{');
      boolean first = true;
      for (var e : sorted.entrySet()) {
        out.append(first ? "" : ",").append('"').append(escape(e.getKey())).append("\":");
        write(e.getValue(), out);
        first = false;
      }
      out.append('}');
    } else if (value instanceof List<?> l) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        out.append(i == 0 ? "" : ",");
        write(l.get(i), out);
      }
      out.append(']');
    } else if (value instanceof Number n) {
      out.append(number(n));
    } else if (value instanceof String s) {
      out.append('"').append(escape(s)).append('"');
    } else {
      out.append(value);
    }
  }

  private static String number(Number n) {
    try {
      BigDecimal d = new BigDecimal(n.toString()).stripTrailingZeros();
      return d.toPlainString();
    } catch (NumberFormatException e) { // NaN, infinities
      return n.toString();
    }
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
