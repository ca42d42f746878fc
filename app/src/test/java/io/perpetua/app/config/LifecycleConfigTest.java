package io.perpetua.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.trading.lifecycle.GateConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code lifecycle:} section: defaults, environment overrides, invalid values named. */
class LifecycleConfigTest {
  @Test
  void defaults_areTheDocumentedGates() {
    GateConfig g = ConfigLoader.load(null, Map.of()).lifecycle().gates();
    assertThat(g).isEqualTo(GateConfig.DEFAULTS);
  }

  @Test
  void environment_overridesAGate() {
    GateConfig g =
        ConfigLoader.load(null, Map.of("PERPETUA_LIFECYCLE_KS_ALPHA", "0.01")).lifecycle().gates();
    assertThat(g.ksAlpha()).isEqualTo(0.01);
  }

  @Test
  void invalidValues_nameTheirKey() {
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("PERPETUA_LIFECYCLE_CANARY_FRACTION", "0.5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'lifecycle.canary_fraction'")
        .hasMessageContaining("(0, 0.10]");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PERPETUA_LIFECYCLE_MIN_DAYS", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'lifecycle.min_days'");
  }
}
