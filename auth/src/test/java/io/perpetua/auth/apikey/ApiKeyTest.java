package io.perpetua.auth.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiKeyTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void apiKey_validatesItsFields() {
    String hash = "a".repeat(64);
    ApiKey key = new ApiKey("pk_" + "0".repeat(24), "alice", hash, T0, null);
    assertThat(key.active()).isTrue();
    assertThat(key.revoked(T0).active()).isFalse();
    assertThatThrownBy(() -> new ApiKey("pk_123", "alice", hash, T0, null))
        .hasMessageContaining("key id");
    assertThatThrownBy(() -> new ApiKey("pk_" + "0".repeat(24), "", hash, T0, null))
        .hasMessageContaining("owner");
    assertThatThrownBy(() -> new ApiKey("pk_" + "0".repeat(24), "a", "XYZ", T0, null))
        .hasMessageContaining("secretSha256");
  }
}
