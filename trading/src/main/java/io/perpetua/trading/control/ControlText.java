package io.perpetua.trading.control;

/** Text helpers for messages. */
final class ControlText {
  private ControlText() {}

  /** {@code value} safe to echo in a message: quoted, at most 64 characters, printable. */
  static String echo(String value) {
    if (value == null) {
      return "null";
    }
    String s = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    return "'" + s.replaceAll("[^\\x20-\\x7e]", "?") + "'";
  }
}
