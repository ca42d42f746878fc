package io.perpetua.trading.kernel;

import java.util.Map;

/**
 * Long values in the kernel's journal cursor: a cursor value holds at most 1024 characters, so a
 * longer one is stored as {@code key} = the number of parts and {@code key.0}, {@code key.1}, ...
 * of at most {@value #CHUNK} characters each. Stateless.
 */
public final class CursorChunks {
  /** Characters per part. */
  public static final int CHUNK = 1000;

  private CursorChunks() {}

  public static void put(Map<String, String> out, String key, String value) {
    int parts = Math.max(1, (value.length() + CHUNK - 1) / CHUNK);
    out.put(key, Integer.toString(parts));
    for (int p = 0; p < parts; p++) {
      out.put(key + "." + p, value.substring(p * CHUNK, Math.min(value.length(), (p + 1) * CHUNK)));
    }
  }

  public static String get(Map<String, String> cursor, String key) {
    String parts = cursor.get(key);
    if (parts == null) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (int p = 0; p < Integer.parseInt(parts); p++) {
      b.append(cursor.getOrDefault(key + "." + p, ""));
    }
    return b.toString();
  }
}
