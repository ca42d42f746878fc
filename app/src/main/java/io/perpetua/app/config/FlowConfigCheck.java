package io.perpetua.app.config;

/** Validation of the {@code flow:} section (field-named {@link ConfigException}s). */
final class FlowConfigCheck {
  private FlowConfigCheck() {}

  static void validate(PerpetuaConfig.Flow f) {
    if (!(f.liveCapital() > 0) || Double.isInfinite(f.liveCapital())) {
      throw new ConfigException("flow.live_capital", "must be a positive number");
    }
    if (!(f.liveMaxLeverage() > 0) || Double.isInfinite(f.liveMaxLeverage())) {
      throw new ConfigException("flow.live_max_leverage", "must be a positive number");
    }
    if (!(f.liveMaxDailyTurnover() > 0)) {
      throw new ConfigException("flow.live_max_daily_turnover", "must be positive");
    }
    if (f.engineInstance() == null || !f.engineInstance().matches("[a-z0-9_\\-]{1,64}")) {
      throw new ConfigException("flow.engine_instance", "1-64 of [a-z0-9_-]");
    }
    if (f.symbols() == null || f.symbols().isEmpty()) {
      throw new ConfigException("flow.symbols", "at least one symbol");
    }
    for (String s : f.symbols()) {
      try {
        io.perpetua.core.InstrumentId.fromVenueSymbol(s);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("flow.symbols", e.getMessage(), e);
      }
    }
    if (f.warmupMinutes() < 15 || f.warmupMinutes() > 1440) {
      throw new ConfigException("flow.warmup_minutes", "must be 15..1440");
    }
    if (f.syntheticHours() < 2 || f.syntheticHours() > 48) {
      throw new ConfigException("flow.synthetic_hours", "must be 2..48");
    }
    validateLiveTicks(f);
    if (f.liveRestUrl().isBlank() != f.liveWsUrl().isBlank()) {
      throw new ConfigException(
          "flow.live_rest_url", "set live_rest_url and live_ws_url together, or neither");
    }
  }

  private static void validateLiveTicks(PerpetuaConfig.Flow f) {
    if (!java.util.Set.of("auto", "replay", "live").contains(f.tickSource())) {
      throw new ConfigException("flow.tick_source", "must be auto, replay or live");
    }
    range("flow.silent_after_seconds", f.silentAfterSeconds(), 1, 3_600);
    range("flow.continuity_check_seconds", f.continuityCheckSeconds(), 10, 3_600);
    range("flow.poll_seconds", f.pollSeconds(), 60, 3_600);
    range("flow.tick_batch_rows", f.tickBatchRows(), 1, 10_000);
    String spot = f.spotWsUrl() == null ? "" : f.spotWsUrl().strip();
    if (!spot.isEmpty() && !spot.equals("auto") && !spot.matches("wss?://.+")) {
      throw new ConfigException("flow.spot_ws_url", "auto, \"\" or a ws:// / wss:// URL");
    }
  }

  private static void range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(key, "must be " + min + ".." + max + ", was " + value);
    }
  }

  /** {@code flow.tick_source: live} needs a venue with market streams. */
  static void validateSource(PerpetuaConfig.Flow f, PerpetuaConfig.Venue venue) {
    if ("live".equals(f.tickSource()) && venue.simulated()) {
      throw new ConfigException(
          "flow.tick_source", "live needs venue.type fake-binance or binance (venue is simulated)");
    }
  }

  /** True when the engine runs on the venue's live ticks (else it replays the tick file). */
  static boolean liveTicks(PerpetuaConfig.Flow f, PerpetuaConfig.Venue venue) {
    return switch (f.tickSource()) {
      case "live" -> !venue.simulated();
      case "auto" -> "binance".equals(venue.type());
      default -> false;
    };
  }
}
