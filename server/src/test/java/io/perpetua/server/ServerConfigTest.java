package io.perpetua.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  @Test
  void defaults_allowNoCrossOriginAccess() {
    ServerConfig c = ServerConfig.defaults();
    assertThat(c.heartbeatStaleness()).isEqualTo(Duration.ofSeconds(120));
    assertThat(c.corsAllowedOrigins()).isEmpty();
    assertThat(c.bindHost()).isEqualTo("0.0.0.0");
  }

  @Test
  void invalidValues_areRejected() {
    ServerConfig c = ServerConfig.defaults();
    assertThatThrownBy(() -> c.withHeartbeatStaleness(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withCorsAllowedOrigins(List.of("https://a.example/path")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withBindHost(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(c.withCorsAllowedOrigins(List.of("http://localhost:5173")).corsAllowedOrigins())
        .containsExactly("http://localhost:5173");
  }
}
