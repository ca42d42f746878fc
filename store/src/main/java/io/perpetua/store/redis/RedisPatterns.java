package io.perpetua.store.redis;

/** Helpers for Redis glob patterns ({@code SCAN MATCH}). Stateless. */
final class RedisPatterns {
  private RedisPatterns() {}

  /** Escapes the glob metacharacters {@code * ? [ ] \} so that {@code text} matches literally. */
  static String escapeGlob(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
