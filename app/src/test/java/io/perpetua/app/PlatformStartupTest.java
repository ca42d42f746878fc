package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.store.state.CachedPlatformState;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up order: from the first moment {@code /health} reports healthy, the account balance and
 * every pipeline stage are published; and the paper account shows USDT-M cross margin at {@code
 * paper.leverage}. Replays at speed 1, so no rebalance runs during the test: whatever the API shows
 * comes from start-up, not from the first rebalance.
 */
class PlatformStartupTest {
  private static final String TOKEN = "startup-test-token-0123456789";

  @TempDir Path dataDir;

  @Test
  void healthy_onlyOnceAccountAndEveryStageArePublished_marginAtTheConfiguredLeverage()
      throws Exception {
    PerpetuaConfig config =
        ConfigLoader.load(null, Map.of("PERPETUA_PORT", "0", "PERPETUA_PAPER_LEVERAGE", "10"));
    try (Platform p = TestPlatforms.start(config, dataDir, TOKEN, 1)) {
      TestApi api = new TestApi(p.port(), TOKEN);
      JsonNode health =
          api.await(
              "/api/v1/health", h -> h.get("overall_status").asText().equals("healthy"), 120_000);
      assertThat(health.get("services")).isNotEmpty();
      // right after the first healthy answer: nothing may be missing any more
      JsonNode balance = api.get("/api/v1/account/balance");
      assertThat(balance.get("code").asInt()).as(balance.toString()).isZero();
      JsonNode pipeline = api.data("/api/v1/health/pipeline");
      assertThat(pipeline.get("stages").findValuesAsText("name"))
          .containsExactlyElementsOf(CachedPlatformState.PIPELINE_ORDER); // all five

      JsonNode b = balance.get("data");
      assertThat(b.get("total_equity").asDouble()).isEqualTo(10_000.0);
      assertThat(b.get("used_margin").asDouble()).isZero(); // nothing held or working yet
      assertThat(b.get("available_balance").asDouble())
          .isCloseTo(
              b.get("total_equity").asDouble() - b.get("used_margin").asDouble(), within(0.01));
    }
  }
}
