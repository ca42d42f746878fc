package io.perpetua.analytics.portfolio;

import java.time.Instant;
import java.time.LocalDate;

/** Helpers for the analytics tests: times and dates from ISO strings. */
final class Fixtures {
  private Fixtures() {}

  /** Epoch ms of an ISO-8601 UTC instant, e.g. {@code "2026-01-01T12:00:00Z"}. */
  static long t(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  /** A NAV point at {@code iso}. */
  static NavPoint p(String iso, double nav) {
    return new NavPoint(t(iso), nav);
  }

  /** A NAV point at 00:00 UTC of {@code 2026-01-<day>}. */
  static NavPoint jan(int day, double nav) {
    return new NavPoint(t(String.format("2026-01-%02dT00:00:00Z", day)), nav);
  }

  /** {@code 2026-01-<day>}. */
  static LocalDate janDate(int day) {
    return LocalDate.of(2026, 1, day);
  }
}
