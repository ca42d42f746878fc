package io.perpetua.venue.binance.fake;

import java.util.Map;

/**
 * One REST request's parameters, from the query string and an {@code
 * application/x-www-form-urlencoded} body together (Binance accepts either or both; the first value
 * of a name wins, the query before the body). Immutable.
 *
 * @param params name → value
 */
record FakeRequest(Map<String, String> params) {
  /** The value of {@code name}, or null. */
  String get(String name) {
    return params.get(name);
  }

  /** The value of the mandatory {@code name}; {@code -1102} when absent or blank. */
  String required(String name) {
    return FakeExchange.required(name, params.get(name));
  }

  /** The value of {@code name} as a long, or null; {@code -1100} when malformed. */
  Long optionalLong(String name) {
    String v = params.get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Long.valueOf(v.trim());
    } catch (NumberFormatException e) {
      throw new FakeReject(400, -1100, "Illegal characters found in parameter '" + name + "'.");
    }
  }

  /**
   * {@code name} as an int, {@code fallback} when absent, {@code -1130} outside {@code [min, max]}.
   */
  int limit(String name, int fallback, int min, int max) {
    Long v = optionalLong(name);
    if (v == null) {
      return fallback;
    }
    if (v < min || v > max) {
      throw new FakeReject(400, -1130, "Data sent for parameter '" + name + "' is not valid.");
    }
    return v.intValue();
  }
}
