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
    if (f.liveRestUrl().isBlank() != f.liveWsUrl().isBlank()) {
      throw new ConfigException(
          "flow.live_rest_url", "set live_rest_url and live_ws_url together, or neither");
    }
  }
}
