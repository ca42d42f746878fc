package io.perpetua.market.tick;

import io.perpetua.core.InstrumentId;

/** Shared validation of tick records. Stateless. */
final class Ticks {
  private Ticks() {}

  static void requireInstrument(InstrumentId instrument) {
    if (instrument == null) {
      throw new IllegalArgumentException("instrument is required");
    }
  }

  static void requirePositive(String field, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be positive and finite: " + value);
    }
  }

  static void requireFinite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be finite: " + value);
    }
  }
}
