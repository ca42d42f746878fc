package io.perpetua.store.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.readmodel.Heartbeat;
import io.perpetua.store.contract.PlatformStateContract;
import io.perpetua.store.memory.InMemoryStateCache;
import io.perpetua.trading.port.StateCache;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryPlatformStateTest extends PlatformStateContract {
  @Override
  protected StateCache newCache() {
    return new InMemoryStateCache();
  }

  @Test
  void documentsWrittenByOtherServices_areRead_ignoringUnknownFieldsAndNullMetrics() {
    cache.put(
        "quant:heartbeat:risk_service",
        "{\"service\":\"risk_service\",\"status\":\"healthy\",\"last_heartbeat\":"
            + "\"2026-03-02T23:58:30+00:00\",\"started_at\":\"2026-03-01T23:58:30Z\","
            + "\"metrics\":{\"rules\":5,\"note\":null},\"extra\":[1,2]}");
    cache.put("quant:state:feature_calculation:last_run", "\"2026-03-02T23:54:50Z\"");
    cache.put(
        "quant:state:feature_calculation:status",
        "{\"name\":\"feature_calculation\",\"display_name\":\"特征计算\",\"status\":\"idle\"}");

    assertThat(state.heartbeats())
        .containsExactly(
            new Heartbeat(
                "risk_service",
                "healthy",
                1_772_495_910_000L,
                1_772_409_510_000L,
                Map.of("rules", 5)));
    assertThat(state.stages().get(0).lastRunMs()).isEqualTo(1_772_495_690_000L);
    assertThat(state.stages().get(0).metrics()).isEmpty();
  }

  @Test
  void malformedDocument_failsNamingTheKey() {
    cache.put("quant:account:balance", "{not json");

    assertThatThrownBy(() -> state.balance())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("quant:account:balance");
  }
}
