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

  /** {@code ids} as an unmodifiable list; 1001 naming {@code field} when one is null. */
  static java.util.List<String> ids(java.util.List<String> ids, String field) {
    if (ids == null) {
      return java.util.List.of();
    }
    for (String id : ids) {
      if (id == null) {
        throw new ControlException(ControlError.INVALID_ACCOUNT, field + ": null account id");
      }
    }
    return java.util.List.copyOf(ids);
  }
}
