package io.perpetua.core;

import java.util.Locale;

/**
 * An enum constant with a stable wire code (what crosses JSON, databases and Redis).
 *
 * <p>Implementations are enums; {@link #parse(Class, String, String)} is the inverse of {@link
 * #code()} and names the field in its error.
 */
public interface WireCode {
  /** The stable wire code, lower case. */
  String code();

  /**
   * Parses a wire code of enum {@code type}; the message of the exception names {@code field} and
   * the accepted values.
   */
  static <E extends Enum<E> & WireCode> E parse(Class<E> type, String field, String code) {
    String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    StringBuilder accepted = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      if (e.code().equals(c)) {
        return e;
      }
      accepted.append(accepted.isEmpty() ? "" : ", ").append(e.code());
    }
    throw new IllegalArgumentException(
        "invalid " + field + " '" + Echo.of(code) + "': expected one of " + accepted);
  }
}
