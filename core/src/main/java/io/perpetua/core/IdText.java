package io.perpetua.core;

/**
 * The character rule of typed identifiers: 1–64 characters of ASCII letters, digits and {@code _ -
 * . :}. A loop rather than a regular expression because ids are created on hot paths (every order
 * and fill). Stateless.
 */
final class IdText {
  private IdText() {}

  static boolean isValid(String value) {
    if (value == null || value.isEmpty() || value.length() > 64) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || c == '.'
              || c == ':';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
